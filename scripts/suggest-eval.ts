// Accuracy of the routing suggestions on the hand-written labelled set (tests/fixtures/labelled-appeals.jsonl):
// a demo central API (inbox + routed history) is synced into a fresh desk cache, exactly as an operator's
// machine would be, then `npm run suggest` runs on that cache. Prints top-1 and top-3 accuracy, the misses, and the
// top-1 precision per score band that the Enter threshold is chosen by (scripts/suggest-bands.ts).
// Usage: npx tsx scripts/suggest-eval.ts [--history N] [--demo N] [--keep DIR]
//        (a DIR kept from an earlier run with a synced `desk` folder is reused as it is: no new server, no sync)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeskCore } from '../electron/core/desk-core.js';
import { startServer } from '../server/start-server.js';
import { CONFIDENT_SCORE, offeredSuggestions, SUGGESTION_FLOOR } from '../shared/routing/suggestion-confidence.js';
import { bandsMarkdown, lowestThresholdFor, scoreBands, type ScoredOutcome } from './suggest-bands.js';

const { values } = parseArgs({ options: { history: { type: 'string' }, demo: { type: 'string' }, keep: { type: 'string' } } });
const root = new URL('..', import.meta.url).pathname;
const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'suggest-eval-'));
const history = Number(values.history ?? 5000);
if (!(values.keep && existsSync(join(dir, 'desk', 'cache.sqlite')))) await syncDemoCache();

async function syncDemoCache(): Promise<void> {
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
}

const fixture = join(root, 'tests/fixtures/labelled-appeals.jsonl');
const output = execFileSync(process.execPath, [...process.execArgv, join(root, 'scripts/suggest.ts'), '--data', join(dir, 'desk'), '--in', fixture, '--all'],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
const expected = readFileSync(fixture, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; expected: string });
const got = output.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { suggestions: { targetId: string; reason: string; score: number }[] });
let top1 = 0;
let top3 = 0;
const outcomes: ScoredOutcome[] = [];
// Runners-up (the Q/W candidates) under the floor and just above it: how often the right target was among them.
const runnersUp = { below: 0, belowRight: 0, near: 0, nearRight: 0 };
expected.forEach((row, i) => {
  const suggestions = got[i]?.suggestions ?? [];
  // Top-1 and top-3 as the desk offers them (under the floor is no suggestion); the runners-up below from all of them.
  const ids = offeredSuggestions(suggestions).map((s) => s.targetId);
  if (ids[0] === row.expected) top1++;
  if (ids.includes(row.expected)) top3++;
  else console.log(`miss: ${row.expected} ← ${ids.join(', ')} | ${row.text.slice(0, 70)}`);
  outcomes.push({ topScore: suggestions[0]?.score ?? 0, topRight: ids[0] === row.expected });
  for (const s of suggestions.slice(1)) {
    const right = s.targetId === row.expected ? 1 : 0;
    if (s.score < SUGGESTION_FLOOR) { runnersUp.below++; runnersUp.belowRight += right; }
    else if (s.score < 0.1) { runnersUp.near++; runnersUp.nearRight += right; }
  }
});
console.log(`labelled appeals: ${expected.length}, history: ${history}`);
console.log(`top-1 ${(100 * top1 / expected.length).toFixed(1)}%  top-3 ${(100 * top3 / expected.length).toFixed(1)}%`);
console.log(`\ntop-1 precision by the first suggestion's score (threshold now ${CONFIDENT_SCORE}, floor ${SUGGESTION_FLOOR}):`);
console.log(bandsMarkdown(scoreBands(outcomes)));
const steps = Array.from({ length: 20 }, (_, k) => k / 20);
console.log(`lowest threshold (step 0.05) with top-1 precision above it ≥ 95 %: ${lowestThresholdFor(outcomes, 0.95, steps)}, ≥ 90 %: ${lowestThresholdFor(outcomes, 0.9, steps)}`);
console.log(`runners-up (Q/W) under the floor: ${runnersUp.below} (right: ${runnersUp.belowRight}); `
  + `from the floor to 0.10: ${runnersUp.near} (right: ${runnersUp.nearRight})`);
if (!values.keep) rmSync(dir, { recursive: true, force: true });
