// The keyboard-driven grid of appeals shared by the inbox and the search results: a fixed-height window over all
// ids, TanStack Table over the visible rows, so 100,000 rows stay instant (only ~50 rows exist as objects or DOM,
// and only windows seen are fetched from the core). Selection and keys belong to the caller.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from '@tanstack/react-table';
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { flushSync } from 'react-dom';
import type { InboxRow } from '../../../../shared/desk-api/contract.js';
import { indexOfId } from '../../store/inbox-order.js';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
/** Rows rendered beyond each edge of the visible part: key presses and wheel steps stay inside them. */
const OVERSCAN = 12;
const getRowId = (row: InboxRow): string => row.id;

interface GridRowProps {
  /** The row's DOM id: the grid names the selected row as its aria-activedescendant. */
  domId: string;
  row: Row<InboxRow>; start: number; index: number; selected: boolean; onSelect(id: string): void;
  /** Team mode (#9): the colleague holding this appeal (short name), and this desk's hold state of its selection. */
  heldBy: string | undefined; hold: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column array type (mixed value types)
  columns: ColumnDef<InboxRow, any>[];
}

// A row re-renders only when what it shows changed. TanStack builds new Row objects whenever the window moves
// (every key press that scrolls), so comparing `row` itself would re-render all ~50 rows per press.
const sameRow = (a: GridRowProps, b: GridRowProps): boolean => a.row.original === b.row.original
  && a.start === b.start && a.index === b.index && a.selected === b.selected && a.onSelect === b.onSelect
  && a.columns === b.columns && a.heldBy === b.heldBy && a.hold === b.hold && a.domId === b.domId;

// The cells of a row: rendered again only for new data. A row that moves (one above it was decided) or changes
// selection updates only its wrapper below.
const RowCells = memo(function RowCells({ row }: { row: Row<InboxRow>; columns: GridRowProps['columns'] }) {
  return row.getVisibleCells().map((cell) => (
    <div key={cell.column.id} role="gridcell" className={`cell cell-${cell.column.id}`}>
      {flexRender(cell.column.columnDef.cell, cell.getContext())}
    </div>
  ));
}, (a, b) => a.row.original === b.row.original && a.columns === b.columns);

const GridRow = memo(function GridRow({ domId, row, start, index, selected, onSelect, columns, heldBy, hold }: GridRowProps) {
  return (
    <div id={domId} role="row" aria-selected={selected} aria-rowindex={index + 2} data-appeal-id={row.id}
      data-held-by={heldBy} data-hold={hold}
      className={`grid-row${selected ? ' selected' : ''}${heldBy !== undefined ? ' held' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onMouseDown={() => onSelect(row.id)}>
      <RowCells row={row} columns={columns} />
    </div>
  );
}, sameRow);

export interface AppealGridProps {
  /** Every id of the list, in order; rows exist only for the windows fetched. */
  ids: readonly string[];
  rowsById: ReadonlyMap<string, InboxRow>;
  selectedId: string | null;
  onSelect(id: string): void;
  /** Asked for the ids of the visible window whenever it changes; fetches the rows that are missing. */
  ensureRows(windowIds: readonly string[]): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column array type (mixed value types)
  columns: ColumnDef<InboxRow, any>[];
  label: string;
  /** Rows that fit on screen, for PageUp/PageDown. */
  onPageSize?(rows: number): void;
  className?: string;
  gridRef?: Ref<HTMLDivElement>;
  /** Team mode (#9): who holds which listed appeal (short names), and this desk's hold state of the selection. */
  heldBy?: (id: string) => string | undefined;
  selectedHold?: string | undefined;
  /** Take the focus when the grid appears (the inbox): keys then have a focused owner for assistive technology. */
  focusOnMount?: boolean;
  /** Told the ids of the rows on screen (not the overscan) whenever they change: the inbox's unseen arrivals. */
  onSeen?(visibleIds: readonly string[]): void;
  /** Rows to bring into view once per `key` (an unfolded cluster's), as many as fit, the first kept in view. */
  reveal?: { key: string; from: number; count: number } | null;
  /** Told once `reveal`'s rows were brought into view, so the request is not replayed by a grid mounted again. */
  onRevealed?(key: string): void;
}

export function AppealGrid({
  ids, rowsById, selectedId, onSelect, ensureRows, columns, label, onPageSize, className, gridRef, heldBy, selectedHold,
  focusOnMount = false, onSeen, reveal = null, onRevealed,
}: AppealGridProps) {
  const rowIdPrefix = useId();
  const domIdOf = (appealId: string): string => `${rowIdPrefix}row-${appealId}`;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // The scroll position and height, remembered from scroll and resize events (reading them from the element after
  // a commit would force a layout). Rows have one fixed height, so the window is arithmetic: no per-row
  // measurement, which for 100,000 rows cost milliseconds whenever the list changed (every decision).
  const view = useRef({ top: 0, height: 0, frame: 0 });
  const [range, setRange] = useState({ from: 0, to: 0 });
  /** The selected row's index, for the resize observer (which outlives renders). */
  const selectedAt = useRef(-1);
  const rangeOf = (top: number, height: number) => ({
    from: Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN),
    to: Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN,
  });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const v = view.current;
    const update = (sync: boolean): void => {
      const shrunk = el.clientHeight < v.height;
      // The grid got shorter (a conflict notice took the list's foot, the window was resized) with the selected row
      // in view: keep it in view, scrolled up just enough, so the row the next key acts on is not hidden under it.
      const sel = selectedAt.current;
      const wasVisible = sel >= 0 && sel * ROW_HEIGHT >= v.top && (sel + 1) * ROW_HEIGHT <= v.top + v.height - HEADER_HEIGHT;
      if (shrunk && wasVisible && (sel + 1) * ROW_HEIGHT > el.scrollTop + el.clientHeight - HEADER_HEIGHT) {
        el.scrollTop = (sel + 1) * ROW_HEIGHT - (el.clientHeight - HEADER_HEIGHT);
      }
      v.top = el.scrollTop;
      v.height = el.clientHeight;
      const next = rangeOf(v.top, v.height);
      const apply = () => setRange((r) => (r.from === next.from && r.to === next.to ? r : next));
      // In the scroll event itself, so rows scrolled in are in the same frame (the virtualizer did the same).
      if (sync) flushSync(apply);
      else apply();
    };
    update(false);
    const onScroll = (): void => update(true);
    const observer = new ResizeObserver(() => update(false));
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      cancelAnimationFrame(v.frame);
    };
  }, []);
  const items: { index: number; start: number }[] = [];
  for (let index = range.from; index < Math.min(range.to, ids.length); index++) {
    items.push({ index, start: HEADER_HEIGHT + index * ROW_HEIGHT });
  }

  // The table model covers the visible window only (~40 rows), so deciding one appeal among 100,000 does not
  // rebuild 100,000 row objects. `data` is memoised on the window's ids: same window, same reference.
  const windowKey = items.map((item) => ids[item.index] ?? '').join('\n');
  const data = useMemo(() => {
    const rows: InboxRow[] = [];
    for (const id of windowKey === '' ? [] : windowKey.split('\n')) {
      const row = rowsById.get(id);
      if (row) rows.push(row);
    }
    return rows;
  }, [windowKey, rowsById]);

  // Rows are fetched per window: ask for any the window shows that the store has not got yet.
  useEffect(() => {
    if (windowKey !== '') void ensureRows(windowKey.split('\n'));
  }, [windowKey, ensureRows]);

  // The rows on screen (not the overscan), for whoever tracks what the operator has seen. Read from `view`, which the
  // layout effects below set before this runs: the scroll that anchors the selection when rows arrive above it has
  // not been reported by a scroll event yet, and the rows it hid must not count as seen. Row i spans
  // HEADER_HEIGHT + i·ROW_HEIGHT onwards in the content; the sticky header covers the top HEADER_HEIGHT on screen.
  useEffect(() => {
    if (!onSeen) return;
    const v = view.current;
    const from = Math.max(0, Math.floor(v.top / ROW_HEIGHT));
    const to = Math.min(ids.length, Math.ceil((v.top + v.height - HEADER_HEIGHT) / ROW_HEIGHT));
    if (to > from) onSeen(ids.slice(from, to));
  }, [ids, range, selectedId, onSeen]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the table is read during render on purpose; rows memoise on their data
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId });
  const modelRowsById = table.getRowModel().rowsById;

  const selectedIndex = useMemo(() => (selectedId === null ? -1 : indexOfId(ids, selectedId)), [ids, selectedId]);
  selectedAt.current = selectedIndex;
  // The list and selection this effect last saw: rows added or removed above the selection are the difference. At
  // first nothing was seen (index -1), so a grid mounted with a selection scrolls it into view: back in «Входящие»
  // from another section the list stood at its top while the selection was its last row, a colleague's now (a
  // helper's trial of 5 December: ↓ «did nothing», nothing highlighted).
  const seen = useRef({ ids, selectedId, index: -1 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = seen.current;
    seen.current = { ids, selectedId, index: selectedIndex };
    if (!el || selectedIndex < 0) return;
    const v = view.current;
    // Rows arrived or left above the selection (the public posted, a colleague decided, holds re-arranged the order)
    // and the selection is the same appeal: scroll by exactly those rows, so the row the operator reads stays where
    // it is on screen, as mail clients keep it. Written here, before paint, so no frame shows it moved; the write
    // lays out once per list change (never per key). Whole rows, so the top row is no more cut than before.
    // Always anchored, also at the very top: a row sliding away under the eye (or under a key already on its way)
    // is the failure; the store never swaps the selected appeal by itself either (inbox-slice.ts keptSelection).
    if (before.ids !== ids && before.selectedId === selectedId && before.index >= 0 && before.index !== selectedIndex) {
      cancelAnimationFrame(v.frame); // a scroll-into-view still waiting for its frame counted the old list
      el.scrollTop = Math.max(0, v.top + (selectedIndex - before.index) * ROW_HEIGHT);
      v.top = el.scrollTop; // as clamped by the element (the list may have shrunk below); laid out by the write anyway
      const next = rangeOf(v.top, v.height);
      setRange((r) => (r.from === next.from && r.to === next.to ? r : next));
      return;
    }
    if (before.index === selectedIndex) return;
    // Keep the selection in view in the frame that shows it, by the same arithmetic. The write waits for the frame's
    // own animation step, where the layout it needs is the one the frame does anyway.
    const rowTop = selectedIndex * ROW_HEIGHT; // below the sticky header
    const visible = v.height - HEADER_HEIGHT;
    let next: number | null = null;
    if (rowTop < v.top) next = rowTop;
    else if (rowTop + ROW_HEIGHT > v.top + visible) next = rowTop + ROW_HEIGHT - visible;
    if (next === null) return;
    v.top = next; // the next key press counts from here, before the scroll event reports it
    const target = next;
    cancelAnimationFrame(v.frame);
    v.frame = requestAnimationFrame(() => { el.scrollTop = target; });
  }, [ids, selectedId, selectedIndex]);

  // Rows asked to be shown together (G unfolded a cluster on the list's last row: its members landed below the fold).
  // Scrolls down only as far as the last of them, never past the first; once per key, so later list changes (a member
  // decided, an arrival) leave the scroll to the anchoring above.
  const revealed = useRef<string | null>(null);
  const revealKey = reveal?.key ?? null;
  const revealFrom = reveal?.from ?? -1;
  const revealCount = reveal?.count ?? 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || revealKey === null || revealed.current === revealKey || revealFrom < 0) return;
    revealed.current = revealKey;
    onRevealed?.(revealKey);
    const v = view.current;
    const visible = v.height - HEADER_HEIGHT;
    const firstTop = revealFrom * ROW_HEIGHT;
    const lastBottom = (revealFrom + revealCount) * ROW_HEIGHT;
    if (lastBottom <= v.top + visible) return;
    const next = Math.max(v.top, Math.min(firstTop, lastBottom - visible));
    v.top = next;
    cancelAnimationFrame(v.frame);
    v.frame = requestAnimationFrame(() => { el.scrollTop = next; });
  }, [revealKey, revealFrom, revealCount, onRevealed]);

  // PageUp/PageDown move by what fits on screen.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !onPageSize) return undefined;
    const observer = new ResizeObserver(() => onPageSize((el.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT - 1));
    observer.observe(el);
    return () => observer.disconnect();
  }, [onPageSize]);

  const setRefs = (el: HTMLDivElement | null): void => {
    scrollRef.current = el;
    if (typeof gridRef === 'function') gridRef(el);
    else if (gridRef) gridRef.current = el;
  };

  // Keys are handled at the window, so focus is only for assistive technology: without it the focus stays on
  // <body> and a screen reader hears nothing of the selection. preventScroll: the window arithmetic owns scrolling.
  useEffect(() => {
    if (focusOnMount && (document.activeElement === null || document.activeElement === document.body)) {
      scrollRef.current?.focus({ preventScroll: true });
    }
  }, [focusOnMount]);

  const headerGroup = table.getHeaderGroups()[0];
  const selectedRendered = selectedId !== null && modelRowsById[selectedId] !== undefined;
  return (
    // overflow-anchor: the anchoring above is the one; the browser's own would pick a row by its own rules.
    <div ref={setRefs} className={className ? `grid-scroll ${className}` : 'grid-scroll'} role="grid" aria-label={label}
      style={{ overflowAnchor: 'none' }}
      aria-rowcount={ids.length + 1} aria-colcount={columns.length} tabIndex={0}
      aria-activedescendant={selectedRendered ? domIdOf(selectedId) : undefined}>
      <div role="row" aria-rowindex={1} className="grid-header">
        {headerGroup?.headers.map((header) => (
          <div key={header.id} role="columnheader" className={`cell cell-${header.column.id}`}>
            {flexRender(header.column.columnDef.header, header.getContext())}
          </div>
        ))}
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: ids.length * ROW_HEIGHT }}>
        {items.map((item) => {
          const id = ids[item.index];
          const row = id === undefined ? undefined : modelRowsById[id];
          if (row === undefined) return null;
          return (
            <GridRow key={row.id} domId={domIdOf(row.id)} row={row} index={item.index} start={item.start - HEADER_HEIGHT}
              selected={row.id === selectedId} onSelect={onSelect} columns={columns} heldBy={heldBy?.(row.id)}
              hold={row.id === selectedId ? selectedHold : undefined} />
          );
        })}
      </div>
    </div>
  );
}
