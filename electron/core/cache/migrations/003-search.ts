// Schema version 3: full-text search over every cached appeal, and the operator's saved search views.
import type { Migration } from './migration.js';

export const migration003: Migration = {
  version: 3,
  name: 'search',
  sql: `
    -- The FTS document id of each appeal. appeals has a TEXT key, and its implicit rowid may be renumbered by a
    -- VACUUM, so the index gets its own stable integer per appeal.
    CREATE TABLE search_docs (
      doc_id INTEGER PRIMARY KEY,
      appeal_id TEXT NOT NULL UNIQUE REFERENCES appeals (id)
    );
    -- Contentless (the text already lives in appeals.server_json) with delete support; rows are written by
    -- AppealStore in the same transaction as the appeal, not by a trigger (a trigger made inserts ~7x slower).
    -- The text is folded (lower case, ё→е) before it gets here; unicode61 then splits words.
    CREATE VIRTUAL TABLE search_fts USING fts5 (
      body, author, channel,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE INDEX appeals_received ON appeals (received_ms DESC, id);

    CREATE TABLE saved_views (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      query_json TEXT NOT NULL,
      saved_at TEXT NOT NULL
    );
  `,
};
