// Team mode's inbox order (issue 9), one source for the renderer and the team bench's simulated desks: appeals held
// by someone else go after the free ones (each part keeps the core's order), so the first row, Home and the selection
// after a decision land on an appeal nobody is reading. Pure arithmetic on ids; nothing here re-sorts.

/**
 * The display order: `base` with the ids for which `isHeld` is true moved, in their order, behind the others. Returns
 * `base` itself when nothing listed is held, so an unchanged list keeps its identity (no re-render).
 */
export function arrangeInbox(base: readonly string[], isHeld: (id: string) => boolean, heldCount: number): readonly string[] {
  if (heldCount === 0 || base.length === 0) return base;
  const free: string[] = [];
  const held: string[] = [];
  for (const id of base) (isHeld(id) ? held : free).push(id);
  return held.length === 0 ? base : free.concat(held);
}

/**
 * The row to select after the row at `index` left `ids` (a decision, or the appeal was taken by a colleague): the free
 * one that moved into its place, else the nearest free one above, else whatever is there (everything is held).
 */
export function nextFreeSelection(ids: readonly string[], index: number, isHeld: (id: string) => boolean): string | null {
  if (ids.length === 0) return null;
  const at = Math.max(0, Math.min(index, ids.length - 1));
  // Held ones stand at the end: when the row in its place is held, nothing free is below it.
  for (let i = at; i >= 0; i--) {
    const id = ids[i];
    if (id !== undefined && !isHeld(id)) return id;
  }
  return ids[at] ?? null;
}

/**
 * How many free appeals stand before `id` in the core's order `base` (-1 if it is not there): its place among the free
 * rows whatever the holds did to it since — with the held ones at the end, the free row at that index of the arranged
 * list is the one that followed it.
 */
export function freeRowsBefore(base: readonly string[], id: string, isHeld: (id: string) => boolean): number {
  const index = base.indexOf(id);
  if (index < 0) return -1;
  let free = 0;
  for (let i = 0; i < index; i++) if (!isHeld(base[i] ?? '')) free++;
  return free;
}

/** The first free appeal of the list (Home, the first row), or the first one when everything is held. */
export function firstFree(ids: readonly string[], isHeld: (id: string) => boolean): string | null {
  for (const id of ids) if (!isHeld(id)) return id;
  return ids[0] ?? null;
}

/**
 * The selection after the list changed underneath (a reload, a colleague's decision pulled in): the same appeal if it
 * is still there, otherwise the free appeal now nearest its old place (so the operator's place is kept), otherwise the
 * first free one. `indexOf` finds an id in `previous` (the renderer passes its near-the-last-hit lookup).
 */
export function keptSelection(previous: readonly string[], selectedId: string | null, next: readonly string[],
  nextHas: (id: string) => boolean, isHeld: (id: string) => boolean,
  indexOf: (ids: readonly string[], id: string) => number = (ids, id) => ids.indexOf(id)): string | null {
  if (next.length === 0) return null;
  if (selectedId !== null && nextHas(selectedId)) return selectedId;
  const oldIndex = selectedId === null ? -1 : indexOf(previous, selectedId);
  return oldIndex < 0 ? firstFree(next, isHeld) : nextFreeSelection(next, oldIndex, isHeld);
}
