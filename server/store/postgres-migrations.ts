// The PostgreSQL store's schema history: one numbered step per version, each applied in its own transaction together
// with the version row. Versions only grow; a database from a newer server is refused untouched. Several API
// instances may start at once against one database: the steps run under an advisory lock, so exactly one applies
// them and the others find the schema ready.
import type { PoolClient } from 'pg';
import { StoreError } from './central-store.js';

export interface PostgresMigration {
  version: number;
  sql: string;
}

// The same tables as the SQLite store's schema 2. Appeals are kept as `json` (the text as written, checked on
// input), not `jsonb`: jsonb refuses the \u0000 escape that hostile citizen text may carry, and json costs nothing
// to send back out. IT can query it through `data::text::jsonb` where no text carries \u0000 (json's own operators
// refuse a document that does).
const V1_INITIAL = `
  CREATE TABLE counters (name text PRIMARY KEY, value bigint NOT NULL);
  INSERT INTO counters (name, value) VALUES ('appeal_seq', 0);
  CREATE TABLE users (
    id text PRIMARY KEY, login text NOT NULL UNIQUE, name text NOT NULL, role text NOT NULL, password_hash text NOT NULL
  );
  -- Only a hash of each token is kept, so a copied dump does not hand out live sessions.
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY, user_id text NOT NULL REFERENCES users(id), created_at timestamptz NOT NULL
  );
  CREATE INDEX sessions_created_at ON sessions (created_at);
  CREATE TABLE targets (
    id text PRIMARY KEY, kind text NOT NULL, name text NOT NULL, short_name text NOT NULL, position integer NOT NULL
  );
  -- seq is the server change sequence: every insert or update takes the next counter value (UNIQUE = indexed).
  CREATE TABLE appeals (id text PRIMARY KEY, seq bigint NOT NULL UNIQUE, data json NOT NULL);
  CREATE TABLE mutations (
    id text PRIMARY KEY, appeal_id text NOT NULL, user_id text NOT NULL, applied_at timestamptz NOT NULL,
    content_hash text
  );
`;

// Team mode shared by every API instance on the database (server/team/postgres-backplane.ts): which instances are
// alive, who is connected live through each, and the holds. UNLOGGED: advice that lives for seconds is not worth
// the WAL, and a database crash emptying it is what a restart does to the single server's in-memory registry.
// Times are the instances' clocks in ms since the epoch, like the leases the desks are told.
const V2_TEAM = `
  CREATE UNLOGGED TABLE team_instances (id text PRIMARY KEY, seen_ms bigint NOT NULL);
  CREATE UNLOGGED TABLE team_presence (
    instance_id text NOT NULL, session_key text NOT NULL, user_id text NOT NULL, user_name text NOT NULL,
    user_role text NOT NULL, online_since_ms bigint NOT NULL, PRIMARY KEY (instance_id, session_key)
  );
  CREATE UNLOGGED TABLE team_holds (
    appeal_id text PRIMARY KEY, session_key text NOT NULL, user_id text NOT NULL, user_name text NOT NULL,
    user_role text NOT NULL, since_ms bigint NOT NULL, expires_ms bigint NOT NULL
  );
  CREATE INDEX team_holds_session ON team_holds (session_key);
`;

// Each user's own preferences (favourite targets, #13 item 5), the same table as the SQLite store's schema 3.
const V3_USER_PREFERENCES = `
  CREATE TABLE user_preferences (
    user_id text PRIMARY KEY REFERENCES users(id), data json NOT NULL, updated_at timestamptz NOT NULL
  );
`;

// Events the platform connectors took in, the same table as the SQLite store's schema 4.
const V4_CONNECTOR_EVENTS = `
  CREATE TABLE connector_events (
    event_key text PRIMARY KEY, appeal_id text NOT NULL, type text NOT NULL, outcome text NOT NULL,
    received_at timestamptz NOT NULL
  );
  CREATE INDEX connector_events_appeal ON connector_events (appeal_id);
`;

// A hold's «decided» mark (HoldsRequest.deciding): the holder decided it, the decision inside the undo grace.
const V5_HOLD_DECIDING = `
  ALTER TABLE team_holds ADD COLUMN deciding boolean NOT NULL DEFAULT false;
`;

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 1, sql: V1_INITIAL },
  { version: 2, sql: V2_TEAM },
  { version: 3, sql: V3_USER_PREFERENCES },
  { version: 4, sql: V4_CONNECTOR_EVENTS },
  { version: 5, sql: V5_HOLD_DECIDING },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

/** An arbitrary constant naming "the triage desk schema" among advisory locks. */
const MIGRATION_LOCK_KEY = 7_204_611;

/**
 * Brings the database up to `target` (tests stop early to build old databases). Returns the version found before,
 * 0 for a database without the schema. Refuses a newer schema before changing anything.
 */
export async function migratePostgres(client: PoolClient, target: number = POSTGRES_SCHEMA_VERSION): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton), version integer NOT NULL)`);
    const found = (await client.query<{ version: number }>('SELECT version FROM schema_version')).rows[0]?.version ?? 0;
    if (found > POSTGRES_SCHEMA_VERSION) {
      throw new StoreError('future_schema',
        `database schema ${found} is newer than this server understands (${POSTGRES_SCHEMA_VERSION})`);
    }
    for (const step of POSTGRES_MIGRATIONS) {
      if (step.version <= found || step.version > target) continue;
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query(`INSERT INTO schema_version (version) VALUES ($1)
          ON CONFLICT (singleton) DO UPDATE SET version = excluded.version`, [step.version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return found;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
