// `npm run test:reliability`: the full crash suite (≥200 SIGKILLs under rotating network faults), then every fault
// and conflict test of tests/node/reliability; prints one summary line with the figures and exits non-zero on loss.
import { spawnSync } from 'node:child_process';
import { ALL_FAULTS, runCrashLoop, summaryLine } from './crash-loop.js';

const kills = Number(process.env.RELIABILITY_KILLS ?? '200');
console.log(`▶ crash loop: ${kills} SIGKILLs, faults cycling through ${ALL_FAULTS.length} kinds`);
const summary = await runCrashLoop({ kills, appeals: Math.max(2000, kills * 12), seed: Number(process.env.RELIABILITY_SEED ?? '1'),
  faults: ALL_FAULTS, log: (line) => console.log(line) });

console.log('\n▶ fault-by-fault and conflict tests (tests/node/reliability)');
const vitest = spawnSync('npx', ['vitest', 'run', '--project', 'node', 'tests/node/reliability'],
  { stdio: 'inherit', env: { ...process.env, RELIABILITY_FULL: '1' } });

const crashOk = summary.kills >= kills && summary.lost === 0 && summary.duplicated === 0 &&
  summary.cacheMismatches === 0 && summary.integrityFailures === 0;
console.log(`\n${summaryLine(summary)}; fault and conflict tests ${vitest.status === 0 ? 'passed' : 'FAILED'}`);
process.exit(crashOk && vitest.status === 0 ? 0 : 1);
