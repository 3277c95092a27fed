// Pure list arithmetic for the inbox: removing a decided appeal, choosing the next selection, keeping the
// selection across reloads. Ids are kept in the core's order (newest first); nothing here re-sorts.

/** The list without `id` and where it was (-1 when absent). */
export function removeId(ids: readonly string[], id: string): { ids: string[]; index: number } {
  const index = ids.indexOf(id);
  if (index < 0) return { ids: [...ids], index };
  return { ids: [...ids.slice(0, index), ...ids.slice(index + 1)], index };
}

/** After removing the row at `index`: the one that moved up into its place, or the one above if it was last. */
export function selectionAfterRemoval(ids: readonly string[], index: number): string | null {
  if (ids.length === 0) return null;
  return ids[Math.min(index, ids.length - 1)] ?? null;
}

/** Put `id` back at `index` (clamped); no-op if it is already there. */
export function insertAt(ids: readonly string[], id: string, index: number): string[] {
  if (ids.includes(id)) return [...ids];
  const at = Math.max(0, Math.min(index, ids.length));
  return [...ids.slice(0, at), id, ...ids.slice(at)];
}

/**
 * The selection after the list changed underneath: the same appeal if it is still there, otherwise the
 * appeal now at its old position (so the operator's place is kept), otherwise the first one.
 */
export function reconcileSelection(previous: readonly string[], selectedId: string | null,
  next: readonly string[], nextHas: (id: string) => boolean): string | null {
  if (next.length === 0) return null;
  if (selectedId !== null && nextHas(selectedId)) return selectedId;
  const oldIndex = selectedId === null ? -1 : previous.indexOf(selectedId);
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
