// The keyboard-driven grid of appeals shared by the inbox and the search results: useVirtualizer over all ids,
// TanStack Table over the visible window, so 100,000 rows stay instant (only ~40 rows exist as objects or DOM,
// and only windows seen are fetched from the core). Selection and keys belong to the caller.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, type Ref } from 'react';
import type { InboxRow } from '../../../../shared/desk-api/contract.js';
import { indexOfId } from '../../store/inbox-order.js';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const getRowId = (row: InboxRow): string => row.id;

interface GridRowProps {
  row: Row<InboxRow>; start: number; index: number; selected: boolean; onSelect(id: string): void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's own column array type (mixed value types)
  columns: ColumnDef<InboxRow, any>[];
}

// A row re-renders only when what it shows changed. TanStack builds new Row objects whenever the window moves
// (every key press that scrolls), so comparing `row` itself would re-render all ~50 rows per press.
const sameRow = (a: GridRowProps, b: GridRowProps): boolean => a.row.original === b.row.original
  && a.start === b.start && a.index === b.index && a.selected === b.selected && a.onSelect === b.onSelect
  && a.columns === b.columns;

const GridRow = memo(function GridRow({ row, start, index, selected, onSelect }: GridRowProps) {
  return (
    <div role="row" aria-selected={selected} aria-rowindex={index + 2} data-appeal-id={row.id}
      className={selected ? 'grid-row selected' : 'grid-row'} style={{ transform: `translateY(${start}px)` }}
      onMouseDown={() => onSelect(row.id)}>
      {row.getVisibleCells().map((cell) => (
        <div key={cell.column.id} role="gridcell" className={`cell cell-${cell.column.id}`}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
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
}

export function AppealGrid({
  ids, rowsById, selectedId, onSelect, ensureRows, columns, label, onPageSize, className, gridRef,
}: AppealGridProps) {
  // The virtualizer spans the whole list; only the ids it is showing reach TanStack Table below.
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // Stable while the ids are: a new function per render makes the virtualizer rebuild its measurement of every
  // one of 100,000 rows on each key press.
  const getItemKey = useCallback((i: number) => ids[i] ?? i, [ids]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose; nothing memoises it
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();

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

  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId });
  const modelRowsById = table.getRowModel().rowsById;

  const selectedIndex = useMemo(() => (selectedId === null ? -1 : indexOfId(ids, selectedId)), [ids, selectedId]);
  // Keep the selection in view in the frame that shows it. Rows have one fixed height, so this is arithmetic on
  // the scroll position and height remembered from scroll and resize events: reading them from the element right
  // after React's commit would force a layout of the whole window on every key press (the virtualizer's
  // scrollToIndex did, and re-checked the position over several frames). The write waits for the frame's own
  // animation step, where the layout it needs is the one the frame does anyway.
  const view = useRef({ top: 0, height: 0, frame: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return undefined;
    const v = view.current;
    v.top = el.scrollTop;
    v.height = el.clientHeight;
    const onScroll = (): void => { v.top = el.scrollTop; };
    const observer = new ResizeObserver(() => { v.height = el.clientHeight; });
    el.addEventListener('scroll', onScroll, { passive: true });
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      cancelAnimationFrame(v.frame);
    };
  }, []);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || selectedIndex < 0) return;
    const v = view.current;
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
  }, [selectedIndex]);

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

  const headerGroup = table.getHeaderGroups()[0];
  return (
    <div ref={setRefs} className={className ? `grid-scroll ${className}` : 'grid-scroll'} role="grid" aria-label={label}
      aria-rowcount={ids.length + 1} aria-colcount={columns.length} tabIndex={0}>
      <div role="row" aria-rowindex={1} className="grid-header">
        {headerGroup?.headers.map((header) => (
          <div key={header.id} role="columnheader" className={`cell cell-${header.column.id}`}>
            {flexRender(header.column.columnDef.header, header.getContext())}
          </div>
        ))}
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids[item.index];
          const row = id === undefined ? undefined : modelRowsById[id];
          if (row === undefined) return null;
          return (
            <GridRow key={row.id} row={row} index={item.index} start={item.start - HEADER_HEIGHT}
              selected={row.id === selectedId} onSelect={onSelect} columns={columns} />
          );
        })}
      </div>
    </div>
  );
}
