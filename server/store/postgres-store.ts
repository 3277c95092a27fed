// The PostgreSQL engine of the central store (production: `--database postgres://…` or TRIAGE_DESK_DATABASE_URL),
// behind the CentralStore interface. Several API instances share one database: every writing transaction first locks
// the change-sequence counter row, so writers on all instances take turns and commit in sequence order (the
// never-skip promise of central-store.ts). Telling the other instances is team mode's job (postgres-backplane.ts):
// once per request, after the commit, so a batch of decisions is one `changes` event for the desks.
import pg from 'pg';
import type { Appeal } from '../../shared/domain/appeal.js';
import type { Target } from '../../shared/domain/target.js';
import type { Role } from '../../shared/domain/user.js';
import { StoreError, type AppealRow, type CentralStore, type MutationKey, type MutationPlan, type MutationState } from './central-store.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION } from './postgres-migrations.js';
import { withConnection, withTransaction } from './postgres-transaction.js';

export interface PostgresStoreOptions {
  /** Connections this instance keeps at most (default 10). */
  poolSize?: number;
  log?: (line: string) => void;
}

export type PostgresStore = CentralStore & { readonly pool: pg.Pool; readonly url: string };

/** The URL without its password, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // libpq and pg also take the password as a query parameter.
    for (const key of ['password', 'sslpassword']) if (parsed.searchParams.has(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

const LOCK_COUNTER = "SELECT value FROM counters WHERE name = 'appeal_seq' FOR UPDATE";
/** Longest wait for a lock (the counter row, mostly) before the request answers 503 and the desk retries. */
const LOCK_TIMEOUT_MS = 10_000;
/** Longest single statement (a 2,000-row insert page takes well under a second). */
const STATEMENT_TIMEOUT_MS = 30_000;
/** A transaction left open by a hung instance is ended, releasing the counter for everyone else. */
const IDLE_IN_TRANSACTION_MS = 60_000;
/** Insert batches: large enough to amortise the round trip, small enough for one statement's parameters. */
const INSERT_CHUNK = 2000;

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

interface MutationStateRow {
  seen_appeal_id: string | null; seen_hash: string | null; seen_appeal: Appeal | null;
  current: Appeal | null; current_seq: string | null; target_ok: boolean;
}

/** What a mutation is decided on (central-store.ts MutationState), with the current appeal's seq. */
async function readMutationState(db: pg.Pool | pg.PoolClient, key: MutationKey): Promise<{ state: MutationState; currentSeq: number | null }> {
  const row = (await db.query<MutationStateRow>(`SELECT m.appeal_id AS seen_appeal_id, m.content_hash AS seen_hash,
      (SELECT data FROM appeals WHERE id = m.appeal_id) AS seen_appeal,
      c.data AS current, c.seq AS current_seq,
      ($3::text IS NULL OR EXISTS (SELECT 1 FROM targets WHERE id = $3)) AS target_ok
    FROM (SELECT 1) AS one LEFT JOIN mutations m ON m.id = $1 LEFT JOIN appeals c ON c.id = $2`,
  [key.mutationId, key.appealId, key.targetId])).rows[0];
  if (!row) throw new Error('mutation state query returned no row');
  const state: MutationState = row.seen_appeal_id !== null
    ? { seen: { appealId: row.seen_appeal_id, fingerprint: row.seen_hash, appeal: row.seen_appeal ?? undefined },
      current: undefined, targetExists: true }
    : { seen: undefined, current: row.current ?? undefined, targetExists: row.target_ok };
  return { state, currentSeq: row.current_seq === null ? null : Number(row.current_seq) };
}

type MutationWrite = NonNullable<MutationPlan['write']>;

/** Under the counter lock taken by the caller's transaction: the appeal at the next seq, and the mutation id. */
async function writeLocked(client: pg.PoolClient, write: MutationWrite, key: MutationKey): Promise<void> {
  await client.query(`WITH s AS (UPDATE counters SET value = value + 1 WHERE name = 'appeal_seq' RETURNING value),
      a AS (UPDATE appeals SET seq = (SELECT value FROM s), data = $2 WHERE id = $1 RETURNING seq)
    INSERT INTO mutations (id, appeal_id, user_id, applied_at, content_hash) VALUES ($3, $1, $4, $5, $6)`,
  [write.appeal.id, JSON.stringify(write.appeal), key.mutationId, write.userId, write.appliedAt, write.fingerprint]);
}

/** Raised inside the optimistic write when the appeal moved on since it was read: the statement undoes itself. */
const MOVED_ON = '22012';
/** Why an optimistic write gives way to the locked path: the appeal moved on, the id raced in, a deadlock victim. */
const GIVE_WAY = new Set([MOVED_ON, '23505', '40P01']);

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const log = options.log ?? (() => {});
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new StoreError('bad_database_url', `the database URL must start with postgres:// (got ${redactDatabaseUrl(url)})`);
  }
  const pool = new pg.Pool({
    connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000,
    application_name: 'triage-desk-central',
    // A machine cut off mid-transaction is noticed in seconds, not after the kernel's two hours.
    keepAlive: true, keepAliveInitialDelayMillis: 10_000,
    // Every writer takes its turn on the change counter: one stuck transaction (a hung instance, an admin's open psql)
    // must not freeze the region. Waits end and desks are told to retry (503); an abandoned transaction is ended.
    options: `-c lock_timeout=${LOCK_TIMEOUT_MS} -c statement_timeout=${STATEMENT_TIMEOUT_MS} `
      + `-c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_MS}`,
  });
  // An idle connection dropped by the server (restart, failover) must not take the process down; the pool replaces it.
  pool.on('error', (err) => log(`postgres: idle connection lost: ${err.message}`));

  let found: number;
  try {
    found = await withConnection(pool, (client) => migratePostgres(client));
  } catch (err) {
    await pool.end();
    if (err instanceof StoreError) throw err;
    throw new StoreError('unreachable', `cannot open PostgreSQL at ${redactDatabaseUrl(url)}: ${(err as Error).message}`);
  }

  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R | undefined> =>
    (await pool.query<R>(sql, params)).rows[0];

  /** Runs `fn` in one READ COMMITTED transaction (postgres-transaction.ts: safe checkout, deadlock victims rerun). */
  const transaction = <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => withTransaction(pool, fn);

  const counterValue = async (client: pg.PoolClient): Promise<number> => {
    const row = (await client.query<{ value: string }>(LOCK_COUNTER)).rows[0];
    if (!row) throw new Error('appeal_seq counter row is missing');
    return Number(row.value);
  };

  /** Inserts rows at the given seqs (the counter is locked by the caller) and moves the counter to `head`. */
  const insertRows = async (client: pg.PoolClient, rows: readonly AppealRow[], head: number): Promise<void> => {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      await client.query('INSERT INTO appeals (id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::json[])',
        [chunk.map((r) => r.appeal.id), chunk.map((r) => String(r.seq)), chunk.map((r) => JSON.stringify(r.appeal))]);
    }
    await client.query("UPDATE counters SET value = greatest(value, $1) WHERE name = 'appeal_seq'", [String(head)]);
  };

  /**
   * One autocommit statement: takes the counter (so commits still follow the sequence), stores the appeal at the next
   * seq only if its seq is still `readSeq`, records the mutation id. If the appeal moved on, a division by zero undoes
   * the whole statement — the counter too, so the sequence has no holes — and false sends the caller to the locked path.
   */
  const writeIfUnchanged = async (write: MutationWrite, key: MutationKey, readSeq: number): Promise<boolean> => {
    try {
      await pool.query(`WITH s AS (UPDATE counters SET value = value + 1 WHERE name = 'appeal_seq' RETURNING value),
          a AS (UPDATE appeals SET seq = (SELECT value FROM s), data = $2 WHERE id = $1 AND seq = $7 RETURNING seq),
          m AS (INSERT INTO mutations (id, appeal_id, user_id, applied_at, content_hash) SELECT $3, $1, $4, $5, $6 FROM a)
        SELECT 1 / (SELECT count(*)::int FROM a) AS written`,
      [write.appeal.id, JSON.stringify(write.appeal), key.mutationId, write.userId, write.appliedAt, write.fingerprint,
        String(readSeq)]);
      return true;
    } catch (err) {
      if (GIVE_WAY.has(String((err as { code?: unknown }).code))) return false;
      throw err;
    }
  };

  const headSeq = async (): Promise<number> =>
    Number((await one<{ value: string }>("SELECT value FROM counters WHERE name = 'appeal_seq'"))?.value ?? 0);

  const store: PostgresStore = {
    engine: 'postgres',
    created: found === 0,
    schemaVersion: POSTGRES_SCHEMA_VERSION,
    pool,
    url,

    countUsers: async () => Number((await one<{ n: string }>('SELECT count(*) AS n FROM users'))?.n ?? 0),
    async insertUsers(users) {
      await pool.query(`INSERT INTO users (id, login, name, role, password_hash)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [users.map((u) => u.id), users.map((u) => u.login), users.map((u) => u.name), users.map((u) => u.role),
        users.map((u) => u.passwordHash)]);
    },
    async userByLogin(login) {
      const row = await one<{ id: string; login: string; name: string; role: Role; password_hash: string }>(
        'SELECT id, login, name, role, password_hash FROM users WHERE login = $1', [login]);
      return row && { id: row.id, login: row.login, name: row.name, role: row.role, passwordHash: row.password_hash };
    },
    async allUsers() {
      const rows = (await pool.query<{ id: string; login: string; name: string; role: Role; password_hash: string }>(
        'SELECT id, login, name, role, password_hash FROM users ORDER BY id')).rows;
      return rows.map((row) => ({ id: row.id, login: row.login, name: row.name, role: row.role, passwordHash: row.password_hash }));
    },

    async setPassword(login, passwordHash) {
      return transaction(async (client) => {
        const row = (await client.query<{ id: string }>('UPDATE users SET password_hash = $1 WHERE login = $2 RETURNING id',
          [passwordHash, login])).rows[0];
        if (row) await client.query('DELETE FROM sessions WHERE user_id = $1', [row.id]);
        return row !== undefined;
      });
    },

    async insertSession(tokenHash, userId, createdAt) {
      await pool.query('INSERT INTO sessions (token_hash, user_id, created_at) VALUES ($1, $2, $3)', [tokenHash, userId, createdAt]);
    },
    async userBySession(tokenHash, createdNotBefore) {
      return one<{ id: string; name: string; role: Role }>(`SELECT u.id, u.name, u.role FROM sessions s
        JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.created_at >= $2`, [tokenHash, createdNotBefore]);
    },
    async deleteSession(tokenHash) {
      await pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteSessionsBefore(createdBefore) {
      await pool.query('DELETE FROM sessions WHERE created_at < $1', [createdBefore]);
    },
    async preferencesOf(userId) {
      // ::text: the document exactly as stored, parsed once by the route like the SQLite store's.
      return (await one<{ data: string }>('SELECT data::text AS data FROM user_preferences WHERE user_id = $1', [userId]))?.data;
    },
    async savePreferences(userId, json, updatedAt) {
      await pool.query(`INSERT INTO user_preferences (user_id, data, updated_at) VALUES ($1, $2, $3)
        ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`, [userId, json, updatedAt]);
    },
    async allPreferences() {
      const { rows } = await pool.query<{ user_id: string; data: string; updated_at: Date | string }>(
        'SELECT user_id, data::text AS data, updated_at FROM user_preferences ORDER BY user_id');
      return rows.map((r) => ({ userId: r.user_id, json: r.data, updatedAt: iso(r.updated_at) }));
    },
    async allConnectorEvents() {
      const { rows } = await pool.query<{ event_key: string; appeal_id: string; type: string; outcome: string; received_at: Date | string }>(
        'SELECT event_key, appeal_id, type, outcome, received_at FROM connector_events ORDER BY event_key COLLATE "C"');
      return rows.map((r) => ({ key: r.event_key, appealId: r.appeal_id, type: r.type, outcome: r.outcome, receivedAt: iso(r.received_at) }));
    },

    async replaceTargets(targets) {
      await transaction(async (client) => {
        // Instances starting together each reload the list: taking turns on the counter row keeps one DELETE + INSERT
        // from running into another's.
        await counterValue(client);
        await client.query('DELETE FROM targets');
        await client.query(`INSERT INTO targets (id, kind, name, short_name, position)
          SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])`,
        [targets.map((t) => t.id), targets.map((t) => t.kind), targets.map((t) => t.name),
          targets.map((t) => t.shortName), targets.map((_t, i) => i)]);
      });
    },
    async targets() {
      const rows = (await pool.query<{ id: string; kind: Target['kind']; name: string; short_name: string }>(
        'SELECT id, kind, name, short_name FROM targets ORDER BY position')).rows;
      return rows.map((r) => ({ id: r.id, kind: r.kind, name: r.name, shortName: r.short_name }));
    },

    async appealById(id) {
      const row = await one<{ data: Appeal; seq: string }>('SELECT data, seq FROM appeals WHERE id = $1', [id]);
      return row && { appeal: row.data, seq: Number(row.seq) };
    },
    async appealStatuses(ids) {
      // Not `data->>'status'`: PostgreSQL's json operators refuse a document with \u0000 anywhere in it, and citizen
      // text may carry one. The text is parsed here instead.
      const rows = (await pool.query<{ id: string; json: string }>(
        'SELECT id, data::text AS json FROM appeals WHERE id = ANY($1::text[])', [[...ids]])).rows;
      return new Map(rows.map((r) => [r.id, (JSON.parse(r.json) as Appeal).status]));
    },
    async insertNewAppeals(appeals) {
      return transaction(async (client) => {
        const base = await counterValue(client);
        const ids = [...new Set(appeals.map((a) => a.id))];
        const known = new Set<string>();
        for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
          const rows = (await client.query<{ id: string }>('SELECT id FROM appeals WHERE id = ANY($1::text[])',
            [ids.slice(i, i + INSERT_CHUNK)])).rows;
          for (const r of rows) known.add(r.id);
        }
        const fresh: AppealRow[] = [];
        for (const appeal of appeals) {
          if (known.has(appeal.id)) continue;
          known.add(appeal.id); // a repeat within the batch is a duplicate too
          fresh.push({ appeal, seq: base + fresh.length + 1 });
        }
        const head = base + fresh.length;
        if (fresh.length > 0) await insertRows(client, fresh, head);
        return { accepted: fresh.length, duplicates: appeals.length - fresh.length, head };
      });
    },
    async applyMutation(key, plan) {
      // Optimistic first: read without a lock, decide, and write in one statement that holds the counter only while it
      // runs. Holding it across round trips to this process (lock, read, write, COMMIT) made every decision of every
      // instance wait in line (server bench). Answers without a write (duplicate, conflict, refusals) take no lock.
      const read = await readMutationState(pool, key);
      const decided = plan(read.state);
      if (!decided.write) return decided.result;
      if (read.currentSeq !== null && await writeIfUnchanged(decided.write, key, read.currentSeq)) return decided.result;
      // The appeal changed after the read, or the same mutation id raced in: decide again under the lock.
      return transaction(async (client) => {
        // The lock first, alone: in READ COMMITTED every later statement then reads what committed before it.
        await counterValue(client);
        const locked = plan((await readMutationState(client, key)).state);
        if (locked.write) await writeLocked(client, locked.write, key);
        return locked.result;
      });
    },
    async applyConnectorEvent(event, plan) {
      // A retry of a recorded event is answered without a lock (platforms retry in floods); anything else takes the
      // counter first, so concurrent retries of one new event wait in line and all but the first find it recorded.
      const seen = async (db: pg.Pool | pg.PoolClient) =>
        (await db.query('SELECT 1 FROM connector_events WHERE event_key = $1', [event.key])).rowCount !== 0;
      if (await seen(pool)) return { outcome: 'duplicate_event', head: await headSeq(), written: false };
      return transaction(async (client) => {
        const base = await counterValue(client);
        if (await seen(client)) return { outcome: 'duplicate_event', head: base, written: false };
        const row = (await client.query<{ json: string }>('SELECT data::text AS json FROM appeals WHERE id = $1',
          [event.appealId])).rows[0];
        const decided = plan(row ? JSON.parse(row.json) as Appeal : undefined);
        let head = base;
        if (decided.kind !== 'record') {
          head = base + 1;
          await client.query("UPDATE counters SET value = $1 WHERE name = 'appeal_seq'", [String(head)]);
          await client.query(decided.kind === 'insert'
            ? 'INSERT INTO appeals (id, seq, data) VALUES ($1, $2, $3)'
            : 'UPDATE appeals SET seq = $2, data = $3 WHERE id = $1',
          [decided.appeal.id, String(head), JSON.stringify(decided.appeal)]);
        }
        const outcome = decided.kind === 'record' ? decided.outcome : decided.kind;
        await client.query(`INSERT INTO connector_events (event_key, appeal_id, type, outcome, received_at)
          VALUES ($1, $2, $3, $4, $5)`, [event.key, event.appealId, event.type, outcome, event.receivedAt]);
        return { outcome, head, written: decided.kind !== 'record' };
      });
    },
    async changesAfter(after, limit) {
      // One round trip: the head rides along on every row (and alone on an empty page, through the outer join). The
      // data comes as its stored text (json keeps it as written), parsed here and also handed on as `json`: the page
      // goes out as that text (see routes/changes.ts) once the route table has checked the parsed appeals.
      const rows = (await pool.query<{ seq: string | null; json: string | null; head: string }>(
        `SELECT a.seq, a.data::text AS json, c.value AS head FROM counters c
          LEFT JOIN LATERAL (SELECT seq, data FROM appeals WHERE seq > $1 ORDER BY seq LIMIT $2) a ON true
          WHERE c.name = 'appeal_seq'`, [String(after), limit])).rows;
      const page: AppealRow[] = [];
      for (const r of rows) {
        if (r.seq !== null && r.json !== null) page.push({ appeal: JSON.parse(r.json) as Appeal, seq: Number(r.seq), json: r.json });
      }
      return { rows: page, head: Number(rows[0]?.head ?? 0) };
    },
    countChangesAfter: async (after) =>
      Number((await one<{ n: string }>('SELECT count(*) AS n FROM appeals WHERE seq > $1', [String(after)]))?.n ?? 0),
    headSeq,
    countAppeals: async () => Number((await one<{ n: string }>('SELECT count(*) AS n FROM appeals'))?.n ?? 0),
    async exportAppeals(after, limit) {
      const rows = (await pool.query<{ seq: string; data: Appeal }>(
        'SELECT seq, data FROM appeals WHERE seq > $1 ORDER BY seq LIMIT $2', [String(after), limit])).rows;
      return rows.map((r) => ({ appeal: r.data, seq: Number(r.seq) }));
    },
    async exportMutations(after, limit) {
      const rows = (await pool.query<{ id: string; appeal_id: string; user_id: string; applied_at: Date; content_hash: string | null }>(
        'SELECT id, appeal_id, user_id, applied_at, content_hash FROM mutations WHERE id > $1 ORDER BY id LIMIT $2',
        [after, limit])).rows;
      return rows.map((r) => ({ id: r.id, appealId: r.appeal_id, userId: r.user_id, appliedAt: iso(r.applied_at), fingerprint: r.content_hash }));
    },
    async close() {
      await pool.end();
    },
  };
  return store;
}
