// Feeds the full-text index (search_docs + search_fts, migration 003) in the caller's transaction: one document
// per appeal, written when the appeal first reaches the cache. An appeal's text, author and channel never change
// after ingest (decisions change only status and target), so later versions need no re-indexing.
import type { Appeal } from '../../../shared/domain/appeal.js';
import { foldForSearch } from '../../../shared/search/search-fold.js';
import type { CacheDb } from './open-cache.js';

export class SearchIndexWriter {
  private readonly addDoc;
  private readonly addText;

  constructor(db: CacheDb) {
    this.addDoc = db.prepare('INSERT INTO search_docs (appeal_id) VALUES (?) ON CONFLICT (appeal_id) DO NOTHING');
    this.addText = db.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
  }

  /** Indexes the appeal unless it already is; returns whether it was new to the index. */
  add(appeal: Appeal): boolean {
    const doc = this.addDoc.run(appeal.id);
    if (doc.changes === 0) return false;
    this.addText.run(doc.lastInsertRowid, foldForSearch(appeal.text), foldForSearch(appeal.author.name),
      foldForSearch(appeal.channel.name));
    return true;
  }
}
