// The routing targets as last fetched from the server, kept so routing works offline.
import type { Target } from '../../../shared/domain/target.js';
import type { CacheDb } from './open-cache.js';

export class TargetStore {
  private readonly db: CacheDb;
  private readonly selectAll;

  constructor(db: CacheDb) {
    this.db = db;
    this.selectAll = db.prepare<[], { json: string }>('SELECT json FROM targets ORDER BY position');
  }

  list(): Target[] {
    return this.selectAll.all().map((row) => JSON.parse(row.json) as Target);
  }

  /** Replaces the whole list in one transaction, keeping the server's order. */
  replace(targets: readonly Target[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO targets (id, position, json) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM targets').run();
      targets.forEach((target, index) => insert.run(target.id, index, JSON.stringify(target)));
    })();
  }
}
