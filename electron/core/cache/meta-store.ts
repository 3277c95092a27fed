// Key/value settings in the cache (sync cursor, signed-in user, favourites, last sync time), stored as JSON.
import type { Database } from 'better-sqlite3';

export type MetaKey = 'cursor' | 'user' | 'favorites' | 'lastSyncAt'
  // sync engine: a full re-pull after the server went back in time (survives a crash mid-way)
  | 'resyncFromStart'
  // each operator's remapped shortcuts by user id (keymap/keymap-handlers.ts)
  | 'keymaps'
  // the ranking version the stored suggestions of waiting appeals were scored with (routing/ranking-version.ts)
  | 'rankingVersion'
  // the first search document still without its text, left by a long pull to the pass after it (search-index.ts)
  | 'searchIndexPendingFrom';

export class MetaStore {
  private readonly selectStmt;
  private readonly upsertStmt;
  private readonly deleteStmt;

  // Database, not open-cache's CacheDb (the same type): the search index's writer uses this store, and open-cache
  // runs the migrations, which use the search index (008).
  constructor(db: Database) {
    this.selectStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.upsertStmt = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.deleteStmt = db.prepare('DELETE FROM meta WHERE key = ?');
  }

  get(key: MetaKey): unknown {
    const row = this.selectStmt.get(key);
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  set(key: MetaKey, value: unknown): void {
    this.upsertStmt.run(key, JSON.stringify(value));
  }

  delete(key: MetaKey): void {
    this.deleteStmt.run(key);
  }
}
