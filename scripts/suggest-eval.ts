// Accuracy of the routing suggestions on the hand-written labelled set (tests/fixtures/labelled-appeals.jsonl):
// a demo central API (inbox + routed history) is synced into a fresh desk cache, exactly as an operator's
// machine would be, then `npm run suggest` runs on that cache. Prints top-1 and top-3 accuracy and the misses.
// Usage: npx tsx scripts/suggest-eval.ts [--history N] [--demo N] [--keep DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeskCore } from '../electron/core/desk-core.js';
import { startServer } from '../server/start-server.js';

const { values } = parseArgs({ options: { history: { type: 'string' }, demo: { type: 'string' }, keep: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'suggest-eval-'));
const history = Number(values.history ?? 5000);
const server = await startServer({ port: 0, dataDir: join(dir, 'server'), demo: Number(values.demo ?? 1000), demoHistory: history });
const core = await createDeskCore({ dataDir: join(dir, 'desk'), apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
const login = await core.call('session.login', { login: 'operator1', password: 'operator1' });
if (!login.ok) throw new Error(login.error.message);
// First sync: pull until the server has nothing newer (sync.now returns when a round is done).
for (let round = 0; round < 1000; round++) {
  const status = await core.call('sync.now', {});
  if (!status.ok) throw new Error(status.error.message);
  const counts = (await core.call('inbox.list', { offset: 0, limit: 1 }));
  if (counts.ok && (status.value as { state: string }).state === 'online') break;
}
await core.close();
await server.close();

const fixture = join(root, 'tests/fixtures/labelled-appeals.jsonl');
const output = execFileSync(process.execPath, [...process.execArgv, join(root, 'scripts/suggest.ts'), '--data', join(dir, 'desk'), '--in', fixture],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
const expected = readFileSync(fixture, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; expected: string });
const got = output.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { suggestions: { targetId: string; reason: string }[] });
let top1 = 0;
let top3 = 0;
expected.forEach((row, i) => {
  const ids = got[i]?.suggestions.map((s) => s.targetId) ?? [];
  if (ids[0] === row.expected) top1++;
  if (ids.includes(row.expected)) top3++;
  else console.log(`miss: ${row.expected} ← ${ids.join(', ')} | ${row.text.slice(0, 70)}`);
});
console.log(`labelled appeals: ${expected.length}, history: ${history}`);
console.log(`top-1 ${(100 * top1 / expected.length).toFixed(1)}%  top-3 ${(100 * top3 / expected.length).toFixed(1)}%`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
