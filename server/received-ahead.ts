// The one rule for a receipt time ahead of the server's clock, for every way appeals enter the store (POST /appeals,
// the ПОС import): beyond a few minutes it is the sender's clock or a misread date, and stored as given it would sit
// atop every inbox, its deadline days away (trial of 4 December) — so it is taken as now.

/** Clocks differ by seconds, not minutes: beyond this a time ahead is the sender's error. */
export const RECEIVED_AHEAD_TOLERANCE_MS = 5 * 60_000;

/** The receipt time to store for `receivedAt` (ISO) at `nowMs`, and whether it was taken as now. */
export function receivedAtToStore(receivedAt: string, nowMs: number): { receivedAt: string; takenAsNow: boolean } {
  return Date.parse(receivedAt) - nowMs > RECEIVED_AHEAD_TOLERANCE_MS
    ? { receivedAt: new Date(nowMs).toISOString(), takenAsNow: true }
    : { receivedAt, takenAsNow: false };
}
