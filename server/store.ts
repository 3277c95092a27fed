// The central server's SQLite store: schema, the appeal change sequence and typed queries.
// Nothing here knows HTTP; every write that must be atomic is one better-sqlite3 transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Appeal } from '../shared/domain/appeal.js';
import type { Target } from '../shared/domain/target.js';
import type { Role, User } from '../shared/domain/user.js';

export const DB_FILE_NAME = 'central.sqlite';
const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
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
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE_NAME));
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
  if (created) {
    db.transaction(() => {
      db.exec(SCHEMA_V1);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

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
    mutationSeen: db.prepare<[string], { appeal_id: string }>('SELECT appeal_id FROM mutations WHERE id = ?'),
    recordMutation: db.prepare('INSERT INTO mutations (id, appeal_id, user_id, applied_at) VALUES (?, ?, ?, ?)'),
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

    /** The appeal a mutation id was applied to, if that id was seen before. */
    mutationAppealId: (mutationId: string): string | undefined => q.mutationSeen.get(mutationId)?.appeal_id,
    recordMutation(mutationId: string, appealId: string, userId: string, appliedAt: string): void {
      q.recordMutation.run(mutationId, appealId, userId, appliedAt);
    },

    close(): void {
      db.close();
    },
  };
}
