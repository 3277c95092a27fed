// Moves the central API's data into an empty PostgreSQL database (IT moving a pilot's SQLite folder to production):
// users with their password hashes (people keep their passwords), appeals with their change sequence (desks' sync
// cursors stay valid) and the applied decision ids with their fingerprints (a decision re-sent after the move is
// answered `duplicate`). Sessions are not copied (desks sign in again); targets are reloaded by the server at start.
//
// All or nothing: the copy is one transaction on the target, written a page at a time and checked inside it (counts,
// head, a checksum over (id, seq, data) in seq order, decisions and users) before COMMIT, so a failure, Ctrl+C or a
// lost connection leaves the target as it was. The store interface writes one transaction per call, hence the SQL
// against the PostgreSQL store's own pool here, in the store's column layout (postgres-migrations.ts). A SQLite source is locked exclusively meanwhile:
// a server still running on it is refused, and none can start on it until the copy is done.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { CentralStore, StoredMutation, StoredUser } from './store/central-store.js';
import { openCentralStore, type StoreLocation } from './store/open-store.js';
import { openPostgresStore, redactDatabaseUrl, type PostgresStore } from './store/postgres-store.js';
import { DB_FILE_NAME, openSqliteStore } from './store/sqlite-store.js';

export interface MigrationReport {
  from: string;
  to: string;
  users: number;
  appeals: number;
  mutations: number;
  /** The change sequence head, equal on both sides: desks' cursors continue from it. */
  head: number;
  /** sha256 over (id, seq, data) of every appeal in seq order, equal on both sides. */
  checksum: string;
  seconds: number;
}
export type Report = MigrationReport;

/** What is on the target after a failure, in words for IT. */
export const TARGET_UNCHANGED = 'nothing was written to the target database';
const SCHEMA_ONLY = 'the target holds only the empty schema, as the server\'s first start would create it; no data was written';

/** A refusal or failure; `targetState` says exactly what the target holds now. */
export class MigrationError extends Error {
  constructor(message: string, readonly targetState: string = TARGET_UNCHANGED) {
    super(message);
  }
}

const PAGE = 2000;
const LOCK_COUNTER = "SELECT value FROM counters WHERE name = 'appeal_seq' FOR UPDATE";

export function describeLocation(location: StoreLocation): string {
  return location.engine === 'sqlite' ? join(location.dataDir, DB_FILE_NAME) : redactDatabaseUrl(location.url);
}

/**
 * One appeal's line of the checksum (taken in seq order): id and seq as JSON, then the data exactly as the target stores
 * it (json keeps the text as written, and /changes sends it so), newline-free since JSON escapes control characters.
 */
const appealLine = (id: string, seq: number, data: string): string => `${JSON.stringify([id, seq])}${data}\n`;

/**
 * An order-independent digest of a set of rows (the sum of their sha256 mod 2^256): decisions are paged by id, and
 * PostgreSQL's collation may order ids differently from SQLite's byte order.
 */
class SetDigest {
  private sum = 0n;
  add(row: unknown): void {
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(JSON.stringify(row)).digest('hex')}`)) % (1n << 256n);
  }
  get value(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

const mutationRow = (m: StoredMutation) => [m.id, m.appealId, m.userId, new Date(m.appliedAt).toISOString(), m.fingerprint];
const userRow = (u: StoredUser) => [u.id, u.login, u.name, u.role, u.passwordHash];

interface OpenSource {
  store: CentralStore;
  release(): Promise<void>;
}

/** Opens the source and holds it still: a SQLite folder under an exclusive lock (refused while a server has it open). */
async function openSource(from: StoreLocation): Promise<OpenSource> {
  if (from.engine !== 'sqlite') {
    const store = await openCentralStore(from);
    return { store, release: () => store.close() };
  }
  const file = join(from.dataDir, DB_FILE_NAME);
  // openSqliteStore would create an empty store: a mistyped folder must not "migrate" nothing.
  if (!existsSync(file)) throw new MigrationError(`no central API database at ${file} (--from-data is the server's --data folder)`);
  const store = openSqliteStore(from.dataDir);
  try {
    // In EXCLUSIVE locking mode the transaction needs every other connection gone, a running server's idle one too;
    // held to the end, it also keeps a server from starting on the folder before the copy is done.
    store.db.pragma('busy_timeout = 2000');
    store.db.pragma('locking_mode = EXCLUSIVE');
    store.db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    await store.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new MigrationError(`${file} is in use by another process: stop the server on ${from.dataDir} first`);
    }
    throw err;
  }
  return {
    store,
    async release() {
      store.db.exec('ROLLBACK');
      await store.close();
    },
  };
}

export async function migrateData(opts: { from: StoreLocation; to: StoreLocation; log?: (line: string) => void }): Promise<MigrationReport> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const { to } = opts;
  if (to.engine !== 'postgres') throw new MigrationError('the target must be a PostgreSQL database');
  const source = await openSource(opts.from);
  try {
    let target: PostgresStore;
    try {
      target = await openPostgresStore(to.url, { poolSize: 2, log });
    } catch (err) {
      throw new MigrationError(`cannot open the target: ${(err as Error).message}`);
    }
    try {
      if (target.created) log('target: schema created (what the server\'s first start would create)');
      const copied = await copyInOneTransaction(source.store, target, log);
      // Read back through the store, as the server will: the commit is there for everyone.
      const after = { appeals: await target.countAppeals(), head: await target.headSeq(), users: await target.countUsers() };
      if (after.appeals !== copied.appeals || after.head !== copied.head || after.users !== copied.users) {
        throw new MigrationError(`after the commit the target reads ${JSON.stringify(after)}, not ${JSON.stringify(copied)}`,
          'the target holds a committed copy that does not read back as written: do not start the server on it; '
          + 'drop and recreate the database, then run again');
      }
      return { ...copied, from: describeLocation(opts.from), to: describeLocation(to), seconds: (performance.now() - started) / 1000 };
    } catch (err) {
      if (err instanceof MigrationError && err.targetState === TARGET_UNCHANGED && target.created) {
        throw new MigrationError(err.message, SCHEMA_ONLY);
      }
      throw err;
    } finally {
      await target.close();
    }
  } finally {
    await source.release();
  }
}

async function copyInOneTransaction(source: CentralStore, target: PostgresStore, log: (line: string) => void) {
  const client = await target.pool.connect();
  // Held for the whole copy: a connection PostgreSQL drops meanwhile must fail the copy (its query rejects), not crash
  // the process through an 'error' event nobody listens to (the transaction is rolled back by the server either way).
  client.on('error', () => {});
  let committing = false;
  try {
    await client.query('BEGIN');
    // A migration or server writing to the target meanwhile holds this lock; waiting forever would look like a hang.
    await client.query("SET LOCAL lock_timeout = '15s'");
    // The lock every writer of the store takes first: no server instance writes to the target until the COMMIT.
    await client.query(LOCK_COUNTER).catch((err: { code?: string }) => {
      if (err.code !== '55P03') throw err; // lock_not_available
      throw new MigrationError('the target is busy (a server or another migration is writing to it): stop it and run again');
    });
    const found = (await client.query<{ users: string; appeals: string; mutations: string; head: string }>(`SELECT
      (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM appeals) AS appeals,
      (SELECT count(*) FROM mutations) AS mutations, (SELECT value FROM counters WHERE name = 'appeal_seq') AS head`)).rows[0];
    if (!found || [found.users, found.appeals, found.mutations, found.head].some((n) => Number(n) !== 0)) {
      throw new MigrationError(`the target database is not empty (${found?.users} users, ${found?.appeals} appeals, `
        + `${found?.mutations} decisions, head ${found?.head}): data is copied only into an empty database, never merged. `
        + 'Was the server started on it already? Create a new empty database and run again.');
    }

    const total = await source.countAppeals();
    const head = await source.headSeq();
    const checksum = createHash('sha256');
    let appeals = 0;
    // One page in flight: the next is read from the source while PostgreSQL stores this one.
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let after = 0; ;) {
      const page = await source.exportAppeals(after, PAGE);
      await inFlight;
      if (page.length === 0) break;
      const data = page.map((r) => JSON.stringify(r.appeal));
      inFlight = client.query(`INSERT INTO appeals (id, seq, data)
        SELECT id, seq, data::json FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(id, seq, data)`,
      [page.map((r) => r.appeal.id), page.map((r) => String(r.seq)), data]);
      inFlight.catch(() => {}); // handled by the await above; not an unhandled rejection meanwhile
      page.forEach((r, i) => checksum.update(appealLine(r.appeal.id, r.seq, data[i] ?? '')));
      appeals += page.length;
      after = page.at(-1)?.seq ?? after;
      if (appeals % (PAGE * 25) === 0) log(`appeals: ${appeals} of ${total}`);
    }
    // The source's counter, not the top seq: new changes on the target must come after every cursor a desk holds.
    await client.query("UPDATE counters SET value = $1 WHERE name = 'appeal_seq'", [String(head)]);
    log(`appeals: ${appeals} copied, head ${head}`);

    const mutationSum = new SetDigest();
    let mutations = 0;
    for (let after = ''; ;) {
      const page = await source.exportMutations(after, PAGE);
      if (page.length === 0) break;
      const rows = page.map(mutationRow);
      await client.query(`INSERT INTO mutations (id, appeal_id, user_id, applied_at, content_hash)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[])`,
      [0, 1, 2, 3, 4].map((col) => rows.map((r) => r[col])));
      for (const row of rows) mutationSum.add(row);
      mutations += page.length;
      after = page.at(-1)?.id ?? after;
    }
    log(`decisions: ${mutations} copied`);
    if (await source.countAppeals() !== appeals || await source.headSeq() !== head) {
      throw new MigrationError(`the source changed during the copy (${appeals} appeals read, head ${head}): `
        + 'is a server still writing to it? Stop it and run again');
    }

    const users = await source.allUsers();
    const userSum = new SetDigest();
    const userRows = users.map(userRow);
    await client.query(`INSERT INTO users (id, login, name, role, password_hash)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [0, 1, 2, 3, 4].map((col) => userRows.map((r) => r[col])));
    for (const row of userRows) userSum.add(row);
    log(`users: ${users.length} copied (with their password hashes; sessions are not copied)`);
    // Each user's own preferences (favourite targets, #13 item 5): a handful of small rows, copied as stored.
    const preferences = await source.allPreferences();
    for (const p of preferences) {
      await client.query('INSERT INTO user_preferences (user_id, data, updated_at) VALUES ($1, $2, $3)', [p.userId, p.json, p.updatedAt]);
    }
    log(`preferences: ${preferences.length} copied`);
    // The connectors' event history (#14): without it a platform's retry of an old event would be taken again, and
    // the deletions it records (by appeal) would be lost.
    const events = await source.allConnectorEvents();
    for (let i = 0; i < events.length; i += PAGE) {
      const page = events.slice(i, i + PAGE);
      await client.query(`INSERT INTO connector_events (event_key, appeal_id, type, outcome, received_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])`,
      [page.map((e) => e.key), page.map((e) => e.appealId), page.map((e) => e.type), page.map((e) => e.outcome),
        page.map((e) => e.receivedAt)]);
    }
    log(`connector events: ${events.length} copied`);

    const copied = { users: users.length, appeals, mutations, head, checksum: checksum.digest('hex'),
      preferences: preferences.length, connectorEvents: events.length };
    await verifyInside(client, copied, { mutations: mutationSum.value, users: userSum.value });
    log('verified: counts, head and checksums equal on both sides');

    committing = true;
    try {
      await client.query('COMMIT');
    } catch (err) {
      await commitOutcome(target, copied, err as Error);
      log('COMMIT reported an error, but the whole copy is on the target');
    }
    return copied;
  } catch (err) {
    if (committing) throw err;
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof MigrationError) throw err;
    throw new MigrationError(`copy failed: ${(err as Error).message}`);
  } finally {
    client.release();
  }
}

/** Reads everything back inside the transaction and compares it with what the source gave; a difference rolls back. */
async function verifyInside(client: pg.PoolClient, copied: { users: number; appeals: number; mutations: number; head: number;
  checksum: string; preferences: number; connectorEvents: number }, sums: { mutations: string; users: string }): Promise<void> {
  const checksum = createHash('sha256');
  let appeals = 0;
  for (let after = '0'; ;) {
    const page = (await client.query<{ id: string; seq: string; data: string }>(
      'SELECT id, seq, data::text AS data FROM appeals WHERE seq > $1 ORDER BY seq LIMIT $2', [after, PAGE])).rows;
    if (page.length === 0) break;
    for (const r of page) checksum.update(appealLine(r.id, Number(r.seq), r.data));
    appeals += page.length;
    after = page.at(-1)?.seq ?? after;
  }
  const mutationSum = new SetDigest();
  let mutations = 0;
  for (let after = ''; ;) {
    const page = (await client.query<{ id: string; appeal_id: string; user_id: string; applied_at: Date; content_hash: string | null }>(
      `SELECT id, appeal_id, user_id, applied_at, content_hash FROM mutations WHERE id > $1 COLLATE "C"
        ORDER BY id COLLATE "C" LIMIT $2`, [after, PAGE])).rows;
    if (page.length === 0) break;
    for (const m of page) mutationSum.add([m.id, m.appeal_id, m.user_id, m.applied_at.toISOString(), m.content_hash]);
    mutations += page.length;
    after = page.at(-1)?.id ?? after;
  }
  const userSum = new SetDigest();
  const users = (await client.query<{ id: string; login: string; name: string; role: string; password_hash: string }>(
    'SELECT id, login, name, role, password_hash FROM users')).rows;
  for (const u of users) userSum.add([u.id, u.login, u.name, u.role, u.password_hash]);
  const head = Number((await client.query<{ value: string }>("SELECT value FROM counters WHERE name = 'appeal_seq'")).rows[0]?.value);
  const small = (await client.query<{ preferences: string; events: string }>(
    'SELECT (SELECT count(*) FROM user_preferences) AS preferences, (SELECT count(*) FROM connector_events) AS events')).rows[0];

  const differences = [
    appeals !== copied.appeals && `appeals ${appeals} ≠ ${copied.appeals}`,
    head !== copied.head && `head ${head} ≠ ${copied.head}`,
    checksum.digest('hex') !== copied.checksum && 'appeal checksum differs',
    mutations !== copied.mutations && `decisions ${mutations} ≠ ${copied.mutations}`,
    mutationSum.value !== sums.mutations && 'decision checksum differs',
    users.length !== copied.users && `users ${users.length} ≠ ${copied.users}`,
    userSum.value !== sums.users && 'user checksum differs',
    Number(small?.preferences) !== copied.preferences && `preferences ${small?.preferences} ≠ ${copied.preferences}`,
    Number(small?.events) !== copied.connectorEvents && `connector events ${small?.events} ≠ ${copied.connectorEvents}`,
  ].filter((d): d is string => typeof d === 'string');
  if (differences.length > 0) {
    throw new MigrationError(`the copy does not match the source (${differences.join('; ')}); rolled back`);
  }
}

/**
 * COMMIT failed: with the connection lost, PostgreSQL may or may not have committed. Asks it on a new connection;
 * returns when the whole copy is there (the target was empty before, and the copy is one transaction).
 */
async function commitOutcome(target: PostgresStore, copied: { appeals: number; users: number }, err: Error): Promise<void> {
  const appeals = await target.countAppeals().catch(() => undefined);
  const users = await target.countUsers().catch(() => undefined);
  if (appeals === copied.appeals && users === copied.users) return;
  if (appeals === 0 && users === 0) throw new MigrationError(`COMMIT failed: ${err.message}`);
  throw new MigrationError(`COMMIT failed: ${err.message}`, appeals === undefined || users === undefined
    ? 'unknown: the target could not be reached to ask whether the COMMIT went through. The copy is one transaction: '
      + `the target holds either nothing or all of it (${copied.appeals} appeals, ${copied.users} users, verified before `
      + 'the COMMIT); count its appeals to tell'
    : `unexpected: the target holds ${appeals} appeals and ${users} users; do not start the server on it: drop and `
      + 'recreate the database, then run again');
}
