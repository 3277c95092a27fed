// The operator's saved search views (name → query), kept in the cache so they work offline and survive restarts.
// No two entries for one search: a name is matched case aside, a query by the search it asks (trial: the same search
// saved twice showed twice under Ctrl+O).
import { SavedView, SearchQuery, type SaveViewOutcome } from '../../../shared/search/search-query.js';
import { queryKey } from '../../../shared/search/search-query-key.js';
import { ulid } from '../ulid.js';
import type { CacheDb } from './open-cache.js';

interface ViewRow { id: string; name: string; query_json: string; saved_at: string }

/** Names as the operator tells them apart: case and Unicode form aside (the contract has trimmed them). */
const nameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

export class SavedViewStore {
  private readonly listStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;
  private readonly byIdStmt;
  private readonly saveTx;

  constructor(db: CacheDb) {
    this.listStmt = db.prepare<[], ViewRow>('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE, id');
    this.byIdStmt = db.prepare<[string], ViewRow>('SELECT * FROM saved_views WHERE id = ?');
    this.insertStmt = db.prepare('INSERT INTO saved_views (id, name, query_json, saved_at) VALUES (@id, @name, @query, @savedAt)');
    this.updateStmt = db.prepare('UPDATE saved_views SET query_json = @query, saved_at = @savedAt WHERE id = @id');
    this.deleteStmt = db.prepare('DELETE FROM saved_views WHERE id = ?');
    this.saveTx = db.transaction((name: string, query: SearchQuery, nowMs: number) => this.saveNow(name, query, nowMs));
  }

  list(): SavedView[] {
    return this.listStmt.all().flatMap((row) => {
      const view = viewOf(row);
      return view === undefined ? [] : [view];
    });
  }

  /**
   * Saves `query` under `name`: a view of that name (case aside) gets the query (`updated`), else a new one
   * (`saved`); a view asking the same search already (of this name first, else the first listed) is answered as it
   * is (`already-saved`), so the list never holds one search twice.
   */
  save(name: string, query: SearchQuery, nowMs = Date.now()): { view: SavedView; outcome: SaveViewOutcome } {
    return this.saveTx(name, query, nowMs);
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }

  private saveNow(name: string, query: SearchQuery, nowMs: number): { view: SavedView; outcome: SaveViewOutcome } {
    const rows = this.listStmt.all();
    const key = nameKey(name);
    // The exact name first: lists saved before names were matched case aside may hold «Мусор» and «мусор».
    const named = rows.find((r) => r.name === name) ?? rows.find((r) => nameKey(r.name) === key);
    const search = queryKey(query);
    const sameSearch = rows.flatMap((row) => {
      const view = viewOf(row);
      return view !== undefined && queryKey(view.query) === search ? [view] : [];
    });
    const same = sameSearch.find((v) => v.id === named?.id) ?? sameSearch[0];
    if (same !== undefined) return { view: same, outcome: 'already-saved' };
    const values = { query: JSON.stringify(query), savedAt: new Date(nowMs).toISOString() };
    if (named !== undefined) {
      this.updateStmt.run({ id: named.id, ...values });
      return { view: this.stored(named.id), outcome: 'updated' };
    }
    const id = ulid(nowMs);
    this.insertStmt.run({ id, name, ...values });
    return { view: this.stored(id), outcome: 'saved' };
  }

  private stored(id: string): SavedView {
    const view = viewOf(this.byIdStmt.get(id));
    if (view === undefined) throw new Error('saved view vanished');
    return view;
  }
}

/** A row as a view; undefined for none, or one that no longer parses (written by a future version, say): skipped. */
function viewOf(row: ViewRow | undefined): SavedView | undefined {
  if (row === undefined) return undefined;
  const query = SearchQuery.safeParse(JSON.parse(row.query_json));
  return query.success ? { id: row.id, name: row.name, query: query.data, savedAt: row.saved_at } : undefined;
}
