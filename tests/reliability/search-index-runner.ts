// A desk in a child process for the search index's kill test (tests/node/core/search-index-pass.test.ts): opens the
// real core on a data folder, signs in if it has no session, and says on stdout when a long pull stores a page
// (PULLING) and when a sync completes (SYNCED), so a SIGKILL can land mid-pull. With --hold N it lets N more turns of
// the event loop run after SYNCED (the index's pass writes one chunk per turn), says HELD and blocks, so the test can
// look at the cache mid-pass and kill it there.
// Usage: node --import tsx search-index-runner.ts <dataDir> <apiUrl> [--hold N]
import { createDeskCore } from '../../electron/core/desk-core.js';
import type { SyncStatus } from '../../shared/desk-api/contract.js';

const [dataDir, apiUrl, mode, holdText] = process.argv.slice(2);
if (!dataDir || !apiUrl) throw new Error('usage: search-index-runner <dataDir> <apiUrl> [--hold N]');
const hold = mode === '--hold' ? Number(holdText) : null;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const core = await createDeskCore({ dataDir, apiUrl, pushDelayMs: 0, syncIntervalMs: 600_000, validateOutputs: false });
core.on('sync.status', (payload) => {
  const status = payload as SyncStatus;
  if (status.state === 'syncing' && status.progress) say(`PULLING ${status.progress.done}`);
  if (status.state !== 'online' || status.lastSyncAt === null) return;
  say('SYNCED');
  if (hold === null) return;
  let turns = 0;
  setImmediate(function turn() {
    if (++turns < hold) {
      setImmediate(turn);
      return;
    }
    say('HELD');
    // Blocks the thread, as a kill finds it: nothing more is written until the test kills the process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
});
const session = await core.call('session.get', {});
if (!(session.ok && (session.value as { user: unknown }).user)) {
  const login = await core.call('session.login', { login: 'operator1', password: 'operator1' });
  if (!login.ok) say(`LOGIN-FAILED ${login.error.code}`);
}
