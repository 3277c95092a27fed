// The operator's saved search views (name → query), kept in the cache so they work offline and survive restarts.
import { SavedView, SearchQuery } from '../../../shared/search/search-query.js';
import { ulid } from '../ulid.js';
import type { CacheDb } from './open-cache.js';

interface ViewRow { id: string; name: string; query_json: string; saved_at: string }

export class SavedViewStore {
  private readonly listStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;
  private readonly byNameStmt;

  constructor(db: CacheDb) {
    this.listStmt = db.prepare<[], ViewRow>('SELECT * FROM saved_views ORDER BY name COLLATE NOCASE, id');
    this.byNameStmt = db.prepare<[string], ViewRow>('SELECT * FROM saved_views WHERE name = ?');
    this.upsertStmt = db.prepare(`INSERT INTO saved_views (id, name, query_json, saved_at) VALUES (@id, @name, @query, @savedAt)
      ON CONFLICT (name) DO UPDATE SET query_json = excluded.query_json, saved_at = excluded.saved_at`);
    this.deleteStmt = db.prepare('DELETE FROM saved_views WHERE id = ?');
  }

  list(): SavedView[] {
    // A row that no longer parses (written by a future version, say) is skipped rather than breaking the list.
    return this.listStmt.all().flatMap((row) => {
      const query = SearchQuery.safeParse(JSON.parse(row.query_json));
      return query.success ? [{ id: row.id, name: row.name, query: query.data, savedAt: row.saved_at }] : [];
    });
  }

  /** Saves under `name`, replacing the query of a view with the same name. */
  save(name: string, query: SearchQuery, nowMs = Date.now()): SavedView {
    this.upsertStmt.run({ id: ulid(nowMs), name, query: JSON.stringify(query), savedAt: new Date(nowMs).toISOString() });
    const row = this.byNameStmt.get(name);
    if (!row) throw new Error('saved view vanished');
    return SavedView.parse({ id: row.id, name: row.name, query: JSON.parse(row.query_json), savedAt: row.saved_at });
  }

  delete(id: string): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}
