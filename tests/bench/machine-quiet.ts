// Waiting for the machine to settle before a measured phase: the desk's own background work (the routing worker
// rescoring every waiting appeal after a hundred decisions, the previous round's harness shutting down) otherwise lands
// on whichever round happens to follow it, and a comparison between rounds measures that job instead of what differs.
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

interface CpuTimes { busy: number; total: number }

function cpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

export interface QuietResult { waitedMs: number; settled: boolean; lastBusyShare: number }

/**
 * Resolves once the whole machine's busy share over `windowMs` has stayed at or below `maxBusyShare` (0–1, of all
 * cores) for `calmWindows` windows in a row, or after `timeoutMs` (then `settled` is false: the caller says so).
 */
export async function waitForQuietMachine({ maxBusyShare = 0.2, windowMs = 500, calmWindows = 2, timeoutMs = 120_000 } = {}):
  Promise<QuietResult> {
  const started = performance.now();
  let calm = 0;
  let lastBusyShare = 1;
  let previous = cpuTimes();
  while (performance.now() - started < timeoutMs) {
    await sleep(windowMs);
    const now = cpuTimes();
    const total = now.total - previous.total;
    lastBusyShare = total > 0 ? (now.busy - previous.busy) / total : 0;
    previous = now;
    calm = lastBusyShare <= maxBusyShare ? calm + 1 : 0;
    if (calm >= calmWindows) return { waitedMs: performance.now() - started, settled: true, lastBusyShare };
  }
  return { waitedMs: performance.now() - started, settled: false, lastBusyShare };
}
