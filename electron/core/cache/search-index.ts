// Feeds the full-text index (search_docs + search_fts, migration 003): one document per appeal, written when the
// appeal first reaches the cache. An appeal's text, author and channel never change after ingest (decisions change
// only status and target), so later versions need no re-indexing; a change of the folding does, through a migration
// (008: NFC; 017: invisible characters) that calls reindexSearch.
// A long pull (a first sync) gives its appeals their document ids only and leaves the text to a pass after it
// (search-index-keeper.ts): folding and tokenising each appeal as it was stored was the largest part of a first sync
// (~4 s of 100,000 appeals' 8–11 s). Where that pass stands is in meta (`searchIndexPendingFrom`), committed with the
// pages and with each chunk of the pass, so a kill mid-pull or mid-pass leaves a marker the next start resumes from,
// never an appeal that search cannot find.
import type { Database } from 'better-sqlite3';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { foldForSearch } from '../../../shared/search/search-fold.js';
import { MetaStore } from './meta-store.js';

/** The columns (body, author, channel) of an appeal's document, as the index holds them. */
export function searchDocument(appeal: Appeal): [body: string, author: string, channel: string] {
  return [foldForSearch(appeal.text), foldForSearch(appeal.author.name), foldForSearch(appeal.channel.name)];
}

const REINDEX_BATCH = 1000;
/** Documents from this id on may still lack their text (absent: every document has it). */
const PENDING_KEY = 'searchIndexPendingFrom';

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
  // Every document gets its text here: a pending pass would write some of them a second time.
  new MetaStore(db).delete(PENDING_KEY);
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
  private readonly db: Database;
  private readonly meta: MetaStore;
  private readonly addDoc;
  private readonly addText;
  private readonly lastDocStmt;
  private readonly docsFrom;

  // Database, not open-cache's CacheDb (the same type): open-cache runs the migrations, which use reindexSearch.
  constructor(db: Database) {
    this.db = db;
    this.meta = new MetaStore(db);
    this.addDoc = db.prepare('INSERT INTO search_docs (appeal_id) VALUES (?) ON CONFLICT (appeal_id) DO NOTHING');
    this.addText = db.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
    this.lastDocStmt = db.prepare<[], number>('SELECT coalesce(max(doc_id), 0) FROM search_docs').pluck();
    this.docsFrom = db.prepare<[number, number], { doc_id: number; server_json: string }>(`SELECT d.doc_id, a.server_json
      FROM search_docs d JOIN appeals a ON a.id = d.appeal_id WHERE d.doc_id >= ? ORDER BY d.doc_id LIMIT ?`);
  }

  /** The first document that may still lack its text; null when search finds every cached appeal. */
  pendingFrom(): number | null {
    const from = this.meta.get(PENDING_KEY);
    return typeof from === 'number' ? from : null;
  }

  /** The newest document: a search asked now waits for the pass to get past it (search-index-keeper.ts). */
  lastDoc(): number {
    return this.lastDocStmt.get() ?? 0;
  }

  /**
   * Whether the documents written next leave their text to the pass (pass it to `add`): always for a bulk write,
   * marked here in the caller's transaction, so the marker commits with the rows; otherwise only while a pass is
   * pending anyway — a document given its text now would get it a second time when the pass reaches it.
   */
  deferring(bulk: boolean): boolean {
    if (this.pendingFrom() !== null) return true;
    if (bulk) this.meta.set(PENDING_KEY, this.lastDoc() + 1); // documents are numbered on from the newest
    return bulk;
  }

  /** Indexes the appeal unless it already is; returns whether it was new to the index. */
  add(appeal: Appeal, defer = this.deferring(false)): boolean {
    const doc = this.addDoc.run(appeal.id);
    if (doc.changes === 0) return false;
    if (!defer) this.addText.run(doc.lastInsertRowid, ...searchDocument(appeal));
    return true;
  }

  /** Gives up to `limit` waiting documents their text, in one transaction with the marker; whether more wait. */
  indexPending(limit: number): boolean {
    return this.db.transaction(() => {
      const from = this.pendingFrom();
      if (from === null) return false;
      const rows = this.docsFrom.all(from, limit + 1);
      for (const row of rows.slice(0, limit)) {
        this.addText.run(row.doc_id, ...searchDocument(JSON.parse(row.server_json) as Appeal));
      }
      const next = rows[limit];
      if (next) this.meta.set(PENDING_KEY, next.doc_id);
      else this.meta.delete(PENDING_KEY);
      return next !== undefined;
    })();
  }
}
