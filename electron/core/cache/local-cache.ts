// The cache as one object: the database file in the data folder plus a typed store per table.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppealRowStore } from './appeal-rows.js';
import { AppealStore } from './appeal-store.js';
import { ConflictStore } from './conflict-store.js';
import { MetaStore } from './meta-store.js';
import { openCache, type CacheDb } from './open-cache.js';
import { OutboxStore } from './outbox-store.js';
import { SavedViewStore } from './saved-view-store.js';
import { SearchStore } from './search-store.js';
import { TargetStore } from './target-store.js';

export const CACHE_FILE_NAME = 'cache.sqlite';

export interface LocalCache {
  db: CacheDb;
  appeals: AppealStore;
  outbox: OutboxStore;
  conflicts: ConflictStore;
  targets: TargetStore;
  meta: MetaStore;
  /** Grid rows for a window of ids; waiting ids in inbox order. */
  rows: AppealRowStore;
  search: SearchStore;
  views: SavedViewStore;
  /** Runs `work` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T;
}

export function openLocalCache(dataDir: string): LocalCache {
  mkdirSync(dataDir, { recursive: true });
  const db = openCache(join(dataDir, CACHE_FILE_NAME));
  return {
    db,
    appeals: new AppealStore(db),
    outbox: new OutboxStore(db),
    conflicts: new ConflictStore(db),
    targets: new TargetStore(db),
    meta: new MetaStore(db),
    rows: new AppealRowStore(db),
    search: new SearchStore(db),
    views: new SavedViewStore(db),
    transaction: <T>(work: () => T): T => db.transaction(work)(),
  };
}
