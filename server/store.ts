// The central server's SQLite store: opening it (0600 files, numbered migrations), the appeal change sequence and
// typed queries.
// Nothing here knows HTTP; every write that must be atomic is one better-sqlite3 transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Appeal } from '../shared/domain/appeal.js';
import type { Target } from '../shared/domain/target.js';
import type { Role, User } from '../shared/domain/user.js';
import { createOwnerOnlyFile, restrictToOwner } from './owner-only-files.js';
import { SCHEMA_VERSION, migrateStore } from './store-migrations.js';

export const DB_FILE_NAME = 'central.sqlite';
/** SQLite's companions of the database file in WAL mode; they hold the same data and get the same mode (0600). */
const COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

export interface StoredUser extends User {
  login: string;
  passwordHash: string;
}

export interface NewUser {
  id: string;
  login: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface AppealRow {
  appeal: Appeal;
  seq: number;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'future_schema',
    message: string,
  ) {
    super(message);
  }
}

export type Store = ReturnType<typeof openStore>;

/** Opens (creating if needed) the store in `dataDir`; refuses a database written by a newer server. */
export function openStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DB_FILE_NAME);
  // Created 0600 before SQLite opens it: SQLite would create it 0644 (less the umask), and gives -wal and -shm the
  // database file's own mode when it creates them.
  createOwnerOnlyFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new StoreError('future_schema',
      `database schema ${version} is newer than this server understands (${SCHEMA_VERSION})`);
  }
  const created = version === 0;
  migrateStore(db);
  restrictToOwner(COMPANION_SUFFIXES.map((suffix) => file + suffix));

  const q = {
    nextSeq: db.prepare<[], { value: number }>(
      "UPDATE counters SET value = value + 1 WHERE name = 'appeal_seq' RETURNING value"),
    userByLogin: db.prepare<[string], { id: string; login: string; name: string; role: Role; password_hash: string }>(
      'SELECT id, login, name, role, password_hash FROM users WHERE login = ?'),
    insertUser: db.prepare('INSERT INTO users (id, login, name, role, password_hash) VALUES (?, ?, ?, ?, ?)'),
    countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)'),
    userBySession: db.prepare<[string, string], { id: string; name: string; role: Role }>(
      'SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.created_at >= ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteSessionsBefore: db.prepare('DELETE FROM sessions WHERE created_at < ?'),
    deleteTargets: db.prepare('DELETE FROM targets'),
    insertTarget: db.prepare('INSERT INTO targets (id, kind, name, short_name, position) VALUES (?, ?, ?, ?, ?)'),
    targets: db.prepare<[], { id: string; kind: Target['kind']; name: string; short_name: string }>(
      'SELECT id, kind, name, short_name FROM targets ORDER BY position'),
    targetExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM targets WHERE id = ?'),
    appealById: db.prepare<[string], { data: string; seq: number }>('SELECT data, seq FROM appeals WHERE id = ?'),
    insertAppeal: db.prepare('INSERT INTO appeals (id, seq, data) VALUES (?, ?, ?)'),
    updateAppeal: db.prepare('UPDATE appeals SET seq = ?, data = ? WHERE id = ?'),
    changesAfter: db.prepare<[bigint, number], { data: string; seq: number }>(
      'SELECT data, seq FROM appeals WHERE seq > ? ORDER BY seq LIMIT ?'),
    countAppeals: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM appeals'),
    countChangesAfter: db.prepare<[bigint], { n: number }>('SELECT count(*) AS n FROM appeals WHERE seq > ?'),
    headSeq: db.prepare<[], { value: number }>("SELECT value FROM counters WHERE name = 'appeal_seq'"),
    mutationSeen: db.prepare<[string], { appeal_id: string; content_hash: string | null }>(
      'SELECT appeal_id, content_hash FROM mutations WHERE id = ?'),
    recordMutation: db.prepare(
      'INSERT INTO mutations (id, appeal_id, user_id, applied_at, content_hash) VALUES (?, ?, ?, ?, ?)'),
  };

  const nextSeq = (): number => {
    const row = q.nextSeq.get();
    if (!row) throw new Error('appeal_seq counter row is missing');
    return row.value;
  };

  // Rows are written by this server only, after validation; parsing again on read keeps a hand-edited
  // database from leaking malformed appeals into the API.
  const parseAppeal = (data: string): Appeal => Appeal.parse(JSON.parse(data));

  return {
    /** True when this call created the schema (a fresh data folder). */
    created,
    db,
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),

    userByLogin(login: string): StoredUser | undefined {
      const row = q.userByLogin.get(login);
      return row && { id: row.id, login: row.login, name: row.name, role: row.role, passwordHash: row.password_hash };
    },
    insertUser(user: NewUser): void {
      q.insertUser.run(user.id, user.login, user.name, user.role, user.passwordHash);
    },
    countUsers: (): number => q.countUsers.get()?.n ?? 0,
    insertSession(tokenHash: string, userId: string, createdAt: string): void {
      q.insertSession.run(tokenHash, userId, createdAt);
    },
    /** The session's user when it was created at or after `createdNotBefore` (ISO); older sessions have expired. */
    userBySession(tokenHash: string, createdNotBefore: string): User | undefined {
      const row = q.userBySession.get(tokenHash, createdNotBefore);
      return row && { id: row.id, name: row.name, role: row.role };
    },
    deleteSession(tokenHash: string): void {
      q.deleteSession.run(tokenHash);
    },
    deleteSessionsBefore(createdBefore: string): void {
      q.deleteSessionsBefore.run(createdBefore);
    },

    /** Replaces the target list (reference data is reloaded from resources/ at every start). */
    replaceTargets(targets: readonly Target[]): void {
      db.transaction(() => {
        q.deleteTargets.run();
        targets.forEach((t, i) => q.insertTarget.run(t.id, t.kind, t.name, t.shortName, i));
      })();
    },
    targets: (): Target[] =>
      q.targets.all().map((r) => ({ id: r.id, kind: r.kind, name: r.name, shortName: r.short_name })),
    targetExists: (id: string): boolean => q.targetExists.get(id) !== undefined,

    appealById(id: string): AppealRow | undefined {
      const row = q.appealById.get(id);
      return row && { appeal: parseAppeal(row.data), seq: row.seq };
    },
    /** Inserts a new appeal at the next sequence value; the caller checks the id is free. */
    insertAppeal(appeal: Appeal): number {
      const seq = nextSeq();
      q.insertAppeal.run(appeal.id, seq, JSON.stringify(appeal));
      return seq;
    },
    /** Stores a changed appeal and moves it to the next sequence value, so pulls see it again. */
    updateAppeal(appeal: Appeal): number {
      const seq = nextSeq();
      q.updateAppeal.run(seq, JSON.stringify(appeal), appeal.id);
      return seq;
    },
    /** Up to `limit` appeals whose seq is greater than `after`, in seq order. */
    changesAfter(after: bigint, limit: number): AppealRow[] {
      return q.changesAfter.all(after, limit).map((r) => ({ appeal: parseAppeal(r.data), seq: r.seq }));
    },
    countAppeals: (): number => q.countAppeals.get()?.n ?? 0,
    /** How many appeals changed after `after` (progress of a first sync: what is still to pull). */
    countChangesAfter: (after: bigint): number => q.countChangesAfter.get(after)?.n ?? 0,
    /** The newest change sequence value handed out; a client cursor above it means the server went back in time. */
    headSeq: (): number => q.headSeq.get()?.value ?? 0,

    /**
     * What a mutation id was applied with, if that id was seen before: its appeal and its fingerprint
     * (mutation-fingerprint.ts; null for mutations applied before schema 2).
     */
    seenMutation(mutationId: string): { appealId: string; fingerprint: string | null } | undefined {
      const row = q.mutationSeen.get(mutationId);
      return row && { appealId: row.appeal_id, fingerprint: row.content_hash };
    },
    recordMutation(mutationId: string, appealId: string, userId: string, appliedAt: string, fingerprint: string): void {
      q.recordMutation.run(mutationId, appealId, userId, appliedAt, fingerprint);
    },

    close(): void {
      db.close();
    },
  };
}
