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

export const STORE_MIGRATIONS: readonly StoreMigration[] = [
  { version: 1, sql: V1_INITIAL },
  { version: 2, sql: V2_MUTATION_FINGERPRINT },
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
