// A desk in a child process for the crash suite: opens the real core on a data folder, signs in, routes appeals and
// syncs, and reports on stdout each decision the core ACKNOWLEDGED (the call returned) — so a SIGKILL can land anywhere.
// Usage: node --import tsx desk-runner.ts <dataDir> <apiUrl> <seed> [--finish]
import { createDeskCore } from '../../electron/core/desk-core.js';
import type { DeskResult, InboxRow, SyncStatus } from '../../shared/desk-api/contract.js';

const [dataDir, apiUrl, seedText, mode] = process.argv.slice(2);
if (!dataDir || !apiUrl) throw new Error('usage: desk-runner <dataDir> <apiUrl> <seed> [--finish]');
const finish = mode === '--finish';
const TARGETS = ['minzdrav', 'minobr', 'mingkh', 'minsoc', 'mintrans'];

// A small seeded generator (mulberry32): each run picks different rows, reproducibly for a given seed.
let seed = Number(seedText ?? '1') >>> 0;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function say(line: string): void {
  process.stdout.write(line + '\n');
}

function unwrap<T>(result: DeskResult<unknown>): T | null {
  return result.ok ? (result.value as T) : null;
}

const core = await createDeskCore({
  dataDir, apiUrl, pushDelayMs: 0, syncIntervalMs: 600_000, requestTimeoutMs: 800, validateOutputs: false,
});
say('OPENED'); // the cache opened: integrity check and migrations are done
/** Signs in when the cache has no session (first start, or the login failed under a fault last time). */
async function ensureSignedIn(): Promise<boolean> {
  const session = unwrap<{ user: unknown }>(await core.call('session.get', {}));
  if (session?.user) return true;
  const login = await core.call('session.login', { login: 'operator1', password: 'operator1' });
  if (!login.ok) say(`LOGIN-FAILED ${login.error.code}`);
  return login.ok;
}
await ensureSignedIn();
say('READY');

async function syncNow(): Promise<SyncStatus | null> {
  say('SYNCING');
  const status = unwrap<SyncStatus>(await core.call('sync.now', {}));
  say(`SYNCED ${status?.state ?? 'unknown'} ${status?.pending ?? -1}`);
  return status;
}

for (;;) {
  if (!(await ensureSignedIn())) {
    // The network is down for sign-in too: wait for the engine's own retry instead of spinning on the proxy.
    await new Promise((resolve) => setTimeout(resolve, 200));
    continue;
  }
  const inbox = unwrap<{ rows: InboxRow[] }>(await core.call('inbox.list', { offset: 0, limit: 50 }));
  const rows = inbox?.rows ?? [];
  // --finish: no new decisions, only deliver what is stored. Otherwise stop once the queue is worked off.
  if (finish || rows.length === 0) {
    const status = await syncNow();
    if (status?.state === 'online' && status.pending === 0) break;
    continue;
  }
  const row = rows[Math.floor(random() * rows.length)]!;
  const result = random() < 0.15
    ? await core.call('appeals.reject', { appealId: row.id, reason: 'spam' })
    : await core.call('appeals.route', { appealId: row.id, targetId: TARGETS[Math.floor(random() * TARGETS.length)] });
  if (result.ok) {
    const ack = result.value as { mutationId: string; appealId: string };
    say(`ACK ${ack.mutationId} ${ack.appealId}`);
  }
  if (random() < 0.25) await syncNow();
}
await core.close();
say('DONE');
