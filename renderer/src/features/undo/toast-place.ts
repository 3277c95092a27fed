// Where the undo toast stands (UndoToast.tsx): inside the list pane of the section on screen, at its foot, or at its
// top when the selected row is in the foot's way; on the lead's screens, above their key line. Pure geometry over the
// painted page; null (the stylesheet's place) when there is neither.

export interface ToastPlacement {
  edge: 'bottom' | 'top';
  left: number;
  top: number;
  width: number;
}

/** The gap between the toast and the pane's edges, and the most it grows to on a wide list. */
const MARGIN = 12;
const MAX_WIDTH = 560;
/** The grid's column header row stays readable over a toast at the top. */
const HEADER_ROOM = 34;

interface Box { top: number; bottom: number }
const crosses = (row: Box, top: number, bottom: number): boolean => row.top < bottom + 4 && top - 4 < row.bottom;

/**
 * The top of the lead's sections' key line (QueuesView, StatsView), or null where there is none: a toast stands above
 * it — at 150 % the line wraps to two rows, and a toast at the stylesheet's place covered the keys it names for its
 * 7–8 seconds (trial). One place for the undo toast and the export toast (ExportToast.tsx).
 */
export function keyLineTop(doc: Document): number | null {
  const line = doc.querySelector('.lead-hints');
  return line === null ? null : line.getBoundingClientRect().top;
}

/** The CSS `bottom` that stands a fixed toast MARGIN above the lead's key line; null where there is none. */
export function aboveKeyLine(doc: Document): number | null {
  const top = keyLineTop(doc);
  return top === null ? null : Math.max(0, doc.documentElement.clientHeight - top) + MARGIN;
}

/**
 * The top of what has risen from the status bar over the screen's foot (rise-when-cut.ts: an alert or a notice too long
 * for the bar's line) across [left, right], or Infinity: the toast stands above it — under it, a risen alert of three
 * lines covered the toast's «Ctrl+Z» for its seconds (second read, 5 December).
 */
function risenTop(doc: Document, left: number, right: number): number {
  let top = Infinity;
  for (const el of doc.querySelectorAll('.status-bar [data-risen="true"]')) {
    const box = el.getBoundingClientRect();
    if (box.right > left && box.left < right) top = Math.min(top, box.top);
  }
  return top;
}

export function toastPlacement(doc: Document, height: number): ToastPlacement | null {
  const pane = doc.querySelector('.workspace .inbox-pane');
  if (pane === null) {
    const lineTop = keyLineTop(doc);
    if (lineTop === null) return null;
    const width = Math.min(MAX_WIDTH, doc.documentElement.clientWidth - 2 * MARGIN);
    return { edge: 'bottom', left: MARGIN, top: Math.min(lineTop, risenTop(doc, MARGIN, MARGIN + width)) - MARGIN - height, width };
  }
  const box = pane.getBoundingClientRect();
  const left = box.left + MARGIN;
  const width = Math.max(0, Math.min(MAX_WIDTH, box.width - 2 * MARGIN));
  // The grid's foot, not the pane's: a conflict notice under the grid (ConflictNotice.tsx) stays uncovered.
  const foot = Math.min(pane.querySelector('[role="grid"]')?.getBoundingClientRect().bottom ?? box.bottom,
    risenTop(doc, left, left + width));
  const bottomTop = foot - MARGIN - height;
  const row = pane.querySelector('[role="row"][aria-selected="true"]')?.getBoundingClientRect();
  if (row === undefined || !crosses(row, bottomTop, bottomTop + height)) return { edge: 'bottom', left, top: bottomTop, width };
  const topTop = box.top + HEADER_ROOM;
  // A list so short that the row is in both places: the foot, as before, rather than over the grid's header.
  if (crosses(row, topTop, topTop + height)) return { edge: 'bottom', left, top: bottomTop, width };
  return { edge: 'top', left, top: topTop, width };
}
