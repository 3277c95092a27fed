// Schema version 1: server state and local view of appeals, the outbox, conflicts, targets and meta.
import type { Migration } from './migration.js';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE appeals (
      -- Grid and index columns first, the large JSON last: SQLite reads a record front to back, so the inbox
      -- never walks overflow pages of a long text to reach its columns.
      id TEXT PRIMARY KEY,
      local_status TEXT NOT NULL,
      received_ms INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      source TEXT NOT NULL,
      channel_name TEXT NOT NULL,
      author_name TEXT NOT NULL,
      attachment_count INTEGER NOT NULL,
      excerpt TEXT NOT NULL,
      local_target_id TEXT,
      server_status TEXT NOT NULL,
      server_version INTEGER NOT NULL,
      -- The appeal exactly as the server last reported it.
      server_json TEXT NOT NULL,
      -- The local view (server state with pending decisions applied); NULL when it equals the server state.
      local_json TEXT
    );
    -- The inbox: waiting appeals, newest first then id; also serves the count.
    CREATE INDEX appeals_inbox ON appeals (local_status, received_ms DESC, id);

    CREATE TABLE outbox (
      mutation_id TEXT PRIMARY KEY,
      appeal_id TEXT NOT NULL REFERENCES appeals (id),
      base_version INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('route', 'reject')),
      payload TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      attempted_at TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT
    );
    CREATE INDEX outbox_appeal ON outbox (appeal_id);

    CREATE TABLE conflicts (
      id TEXT PRIMARY KEY,
      appeal_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('conflict', 'invalid')),
      excerpt TEXT NOT NULL,
      local_decision TEXT NOT NULL,
      server_summary TEXT NOT NULL,
      error_code TEXT,
      error_message TEXT,
      detected_at TEXT NOT NULL
    );

    CREATE TABLE targets (
      id TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      json TEXT NOT NULL
    );

    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
