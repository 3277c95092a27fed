// Pure list arithmetic for the inbox: removing a decided appeal, choosing the next selection, keeping the
// selection across reloads. Ids are kept in the core's order (newest first); nothing here re-sorts.

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

/** After removing the row at `index`: the one that moved up into its place, or the one above if it was last. */
export function selectionAfterRemoval(ids: readonly string[], index: number): string | null {
  if (ids.length === 0) return null;
  return ids[Math.min(index, ids.length - 1)] ?? null;
}

/** Put `id` back at `index` (clamped); no-op if it is already there. */
export function insertAt(ids: readonly string[], id: string, index: number): string[] {
  if (ids.includes(id)) return ids.slice();
  const at = Math.max(0, Math.min(index, ids.length));
  return ids.toSpliced(at, 0, id);
}

/**
 * The selection after the list changed underneath: the same appeal if it is still there, otherwise the
 * appeal now at its old position (so the operator's place is kept), otherwise the first one.
 */
export function reconcileSelection(previous: readonly string[], selectedId: string | null,
  next: readonly string[], nextHas: (id: string) => boolean): string | null {
  if (next.length === 0) return null;
  if (selectedId !== null && nextHas(selectedId)) return selectedId;
  const oldIndex = selectedId === null ? -1 : indexOfId(previous, selectedId);
  if (oldIndex < 0) return next[0] ?? null;
  return next[Math.min(oldIndex, next.length - 1)] ?? null;
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
