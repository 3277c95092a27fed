// Feeds the full-text index (search_docs + search_fts, migration 003) in the caller's transaction: one document
// per appeal, written when the appeal first reaches the cache. An appeal's text, author and channel never change
// after ingest (decisions change only status and target), so later versions need no re-indexing; a change of the
// folding does, through a migration (008: NFC) that calls reindexSearch.
import type { Database } from 'better-sqlite3';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { foldForSearch } from '../../../shared/search/search-fold.js';

/** The columns (body, author, channel) of an appeal's document, as the index holds them. */
export function searchDocument(appeal: Appeal): [body: string, author: string, channel: string] {
  return [foldForSearch(appeal.text), foldForSearch(appeal.author.name), foldForSearch(appeal.channel.name)];
}

const REINDEX_BATCH = 1000;

/**
 * Rebuilds search_fts from every cached appeal's server state (in the caller's transaction), giving a document to
 * any appeal that lacks one. Batched reads: better-sqlite3 cannot write while a statement is iterating.
 */
export function reindexSearch(db: Database, batchSize = REINDEX_BATCH): void {
  db.exec(`INSERT INTO search_docs (appeal_id) SELECT id FROM appeals WHERE true ON CONFLICT (appeal_id) DO NOTHING;
    INSERT INTO search_fts (search_fts) VALUES ('delete-all');`);
  const batch = db.prepare<[number, number], { doc_id: number; server_json: string }>(`SELECT d.doc_id, a.server_json
    FROM search_docs d JOIN appeals a ON a.id = d.appeal_id WHERE d.doc_id > ? ORDER BY d.doc_id LIMIT ?`);
  const addText = db.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
  let after = 0;
  for (;;) {
    const rows = batch.all(after, batchSize);
    for (const row of rows) addText.run(row.doc_id, ...searchDocument(JSON.parse(row.server_json) as Appeal));
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = last.doc_id;
  }
}

export class SearchIndexWriter {
  private readonly addDoc;
  private readonly addText;

  // Database, not open-cache's CacheDb (the same type): open-cache runs the migrations, which use reindexSearch.
  constructor(db: Database) {
    this.addDoc = db.prepare('INSERT INTO search_docs (appeal_id) VALUES (?) ON CONFLICT (appeal_id) DO NOTHING');
    this.addText = db.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
  }

  /** Indexes the appeal unless it already is; returns whether it was new to the index. */
  add(appeal: Appeal): boolean {
    const doc = this.addDoc.run(appeal.id);
    if (doc.changes === 0) return false;
    this.addText.run(doc.lastInsertRowid, ...searchDocument(appeal));
    return true;
  }
}
