// Pure list arithmetic for the inbox: finding, removing and inserting ids, moving the selection (the team-aware
// choice of the next selection is in shared/team/inbox-arrangement.ts). Ids keep the core's order; nothing re-sorts.

// Where the last lookup found its id. Selection moves by a row or two and a decision removes one row, so the next
// lookup almost always hits within a few places of it; indexOf over 100,000 ULIDs (long shared prefixes) costs
// milliseconds per key press.
let lastIndex = 0;
const NEAR = 64;

/** ids.indexOf(id), looking first around where the previous lookup found its id. */
export function indexOfId(ids: readonly string[], id: string): number {
  const from = Math.min(lastIndex, ids.length - 1);
  for (let d = 0; d <= NEAR; d++) {
    if (ids[from + d] === id) return (lastIndex = from + d);
    if (d > 0 && from - d >= 0 && ids[from - d] === id) return (lastIndex = from - d);
  }
  const index = ids.indexOf(id);
  if (index >= 0) lastIndex = index;
  return index;
}

/** The list without `id` and where it was (-1 when absent). */
export function removeId(ids: readonly string[], id: string): { ids: string[]; index: number } {
  const index = indexOfId(ids, id);
  if (index < 0) return { ids: ids.slice(), index };
  // toSpliced, not spreads: with 100,000 ids the spread's iterator costs milliseconds on every decision.
  return { ids: ids.toSpliced(index, 1), index };
}

/** Put `id` back at `index` (clamped); no-op if it is already there. */
export function insertAt(ids: readonly string[], id: string, index: number): string[] {
  if (ids.includes(id)) return ids.slice();
  const at = Math.max(0, Math.min(index, ids.length));
  return ids.toSpliced(at, 0, id);
}

/** Move by `delta` rows from the selection, clamped to the list; the first row when nothing is selected. */
export function moveSelection(ids: readonly string[], indexOfSelected: number, delta: number): string | null {
  if (ids.length === 0) return null;
  if (indexOfSelected < 0) return ids[0] ?? null;
  return ids[Math.max(0, Math.min(ids.length - 1, indexOfSelected + delta))] ?? null;
}

/**
 * Where a row belongs in the core's order (newest first, then id ascending — the order of `inbox.list`),
 * found by binary search so a single new appeal does not cost a re-sort of 100,000.
 */
export function sortedInsertIndex(ids: readonly string[], id: string, receivedMs: number,
  receivedMsOf: (id: string) => number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = ids[mid] ?? '';
    const otherMs = receivedMsOf(other);
    const before = otherMs > receivedMs || (otherMs === receivedMs && other < id);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
