// The fast subset of the crash suite for every CI run: a desk in a child process killed with SIGKILL a dozen times
// (at start-up, mid-decision, mid-push/pull) under rotating network faults; nothing acknowledged is lost or doubled.
// The full run (≥200 kills) is `npm run test:reliability`.
import { expect, it } from 'vitest';
import { ALL_FAULTS, runCrashLoop, summaryLine } from '../../reliability/crash-loop.js';

it('survives 12 SIGKILLs under network faults: every acknowledged decision on the server exactly once', async () => {
  const summary = await runCrashLoop({ kills: 12, appeals: 300, seed: 7, faults: ALL_FAULTS });
  console.log(summaryLine(summary));
  expect(summary.kills).toBeGreaterThanOrEqual(10);
  expect(summary.acknowledged).toBeGreaterThan(0);
  expect(summary.lost).toBe(0);
  expect(summary.duplicated).toBe(0);
  expect(summary.onServer).toBeGreaterThanOrEqual(summary.acknowledged);
  expect(summary.cacheMismatches).toBe(0);
  expect(summary.integrityFailures).toBe(0);
}, 180_000);
