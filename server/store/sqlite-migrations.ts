// The server store's schema history: one numbered step per version, each applied in its own transaction with
// user_version moved in the same one. Versions only grow; openSqliteStore refuses a database from a newer server.
import type { Database } from 'better-sqlite3';

export interface StoreMigration {
  version: number;
  sql: string;
}

const V1_INITIAL = `
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
  INSERT INTO counters (name, value) VALUES ('appeal_seq', 0);
  CREATE TABLE users (
    id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
    password_hash TEXT NOT NULL
  ) STRICT;
  -- Only a hash of each token is kept, so a copied database file does not hand out live sessions.
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE targets (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, short_name TEXT NOT NULL, position INTEGER NOT NULL
  ) STRICT;
  -- seq is the server change sequence: every insert or update takes the next counter value (UNIQUE = indexed).
  CREATE TABLE appeals (id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, data TEXT NOT NULL) STRICT;
  CREATE TABLE mutations (
    id TEXT PRIMARY KEY, appeal_id TEXT NOT NULL, user_id TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT;
`;

// The fingerprint of each applied mutation (mutation-fingerprint.ts), so a reused id is told from a re-send.
// NULL for mutations applied before this version: for those only the appeal can be compared.
const V2_MUTATION_FINGERPRINT = `
  ALTER TABLE mutations ADD COLUMN content_hash TEXT;
`;

// Each user's own preferences (favourite targets, #13 item 5) as the JSON document PUT /me/preferences stored.
const V3_USER_PREFERENCES = `
  CREATE TABLE user_preferences (
    user_id TEXT PRIMARY KEY REFERENCES users(id), data TEXT NOT NULL, updated_at TEXT NOT NULL
  ) STRICT;
`;

// Events the platform connectors took in (server/connectors/): a platform retries, so each event key is recorded once
// with what it did; deletions, which the appeal model cannot show yet, are kept here by appeal (issue 14 item 6).
const V4_CONNECTOR_EVENTS = `
  CREATE TABLE connector_events (
    event_key TEXT PRIMARY KEY, appeal_id TEXT NOT NULL, type TEXT NOT NULL, outcome TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX connector_events_appeal ON connector_events (appeal_id);
`;

export const STORE_MIGRATIONS: readonly StoreMigration[] = [
  { version: 1, sql: V1_INITIAL },
  { version: 2, sql: V2_MUTATION_FINGERPRINT },
  { version: 3, sql: V3_USER_PREFERENCES },
  { version: 4, sql: V4_CONNECTOR_EVENTS },
];

export const SCHEMA_VERSION = STORE_MIGRATIONS.length;

/** Applies every step above the database's user_version, up to `target` (tests stop early to build old databases). */
export function migrateStore(db: Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const step of STORE_MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
}
