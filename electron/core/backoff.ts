// Retry delays while the server is unreachable: capped exponential (1 s … 60 s) with ±25 % jitter so a room full
// of desks that lost the network together does not reconnect in lockstep.
export const BACKOFF_MIN_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;

/** Delay before retry number `failures` (1 = first retry after the first failure). */
export function backoffDelayMs(failures: number, random: () => number = Math.random): number {
  const step = BACKOFF_MIN_MS * 2 ** Math.min(16, Math.max(0, failures - 1));
  const jittered = Math.round(step * (0.75 + random() * 0.5));
  return Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_MIN_MS, jittered));
}
