// `npm test`: every check in order (typecheck, lint, unit + node tests, build, browser + Electron tests),
// then one closing line with the totals so a CI log reader sees at a glance what ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'triage-test-reports-'));
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

interface Step { name: string; command: string; args: string[]; env?: Record<string, string> }
const steps: Step[] = [
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
  // Compiled once here (minutes the first time, instant from the per-user cache after) so the packaging tests below
  // do not compile it while timing-sensitive tests run beside them.
  ...(process.platform === 'linux' && process.arch === 'x64' || process.env.TRIAGE_ZIG
    ? [{ name: 'native SQLite addon for glibc 2.28', command: 'npm', args: ['run', '--silent', 'build:sqlite-addon'] }]
    : []),
  { name: 'unit and node tests', command: 'npx', args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`] },
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'security lint (electronegativity, CSP)', command: 'npm', args: ['run', '--silent', 'lint:security'] },
  { name: 'packaging config (electron-builder validation, fuses, signing)', command: 'npm', args: ['run', '--silent', 'check:packaging'] },
  { name: 'browser and Electron tests', command: 'npx', args: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson } },
];

let failedStep: string | null = null;
// Each step's wall time, printed at the end: CI must stay under 20 minutes on a 2-core machine, and the log should say
// where the time went.
const took: string[] = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}`);
  const started = performance.now();
  const run = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  took.push(`${step.name} ${Math.round((performance.now() - started) / 1000)} s`);
  if (run.status !== 0) { failedStep = step.name; break; }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  totals.passed += v.numPassedTests; totals.failed += v.numFailedTests; totals.skipped += v.numPendingTests + v.numTodoTests;
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  totals.passed += p.stats.expected + p.stats.flaky; totals.failed += p.stats.unexpected; totals.skipped += p.stats.skipped;
}
// The reports hold the tests' output (demo citizen text among it) and are read above: nothing to keep after the run.
rmSync(reports, { recursive: true, force: true });
console.log(`\ntook: ${took.join(' · ')}`);
if (failedStep) console.log(`\n✗ stopped at: ${failedStep}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
