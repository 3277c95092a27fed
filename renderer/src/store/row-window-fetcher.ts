// Rows for the visible window of a long id list (the inbox, search results): fetch only what is missing, with a
// margin around the window, never twice at once, into a bounded cache. Shared by every windowed grid.
import { MAX_ROWS_PER_CALL, type InboxRow, type ListedRow } from '../../../shared/desk-api/contract.js';
import { deskCall } from '../desk-client.js';

export const ROW_CACHE_LIMIT = 2_000;
export const WINDOW_MARGIN = 60;

export interface RowWindowSource<Row extends InboxRow> {
  /** Every id of the list, in order. */
  ids(): readonly string[];
  /** Where `id` stands in `ids()` (-1 if absent); callers with a faster lookup pass it. */
  indexOf(ids: readonly string[], id: string): number;
  rows(): ReadonlyMap<string, Row>;
  setRows(rows: Map<string, Row>): void;
  showAlert(text: string): void;
  /** What this grid keeps of a fetched row (the inbox keeps less than search does). */
  keep(row: ListedRow): Row;
}

export function createRowWindowFetcher<Row extends InboxRow>(source: RowWindowSource<Row>):
  (windowIds: readonly string[]) => Promise<void> {
  const requested = new Set<string>();
  return async (windowIds) => {
    const ids = source.ids();
    const cached = source.rows();
    const wanted = (id: string) => !cached.has(id) && !requested.has(id);
    const missing = windowIds.filter(wanted);
    if (missing.length === 0) return;
    const first = source.indexOf(ids, windowIds[0] ?? '');
    const from = Math.max(0, first - WINDOW_MARGIN);
    const around = first < 0 ? missing : ids.slice(from, from + windowIds.length + 2 * WINDOW_MARGIN).filter(wanted);
    const ask = around.slice(0, MAX_ROWS_PER_CALL);
    ask.forEach((id) => requested.add(id));
    const result = await deskCall('appeals.rows', { ids: ask });
    ask.forEach((id) => requested.delete(id));
    if (!result.ok) {
      source.showAlert(`Не удалось загрузить обращения: ${result.error.message}`);
      return;
    }
    const next = new Map(source.rows());
    for (const row of result.value.rows) next.set(row.id, source.keep(row));
    if (next.size > ROW_CACHE_LIMIT) {
      const keep = new Set(windowIds);
      for (const id of next.keys()) {
        if (next.size <= ROW_CACHE_LIMIT - WINDOW_MARGIN) break;
        if (!keep.has(id)) next.delete(id); // oldest fetched first: Map keeps insertion order
      }
    }
    source.setRows(next);
  };
}
