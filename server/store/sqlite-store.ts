// The SQLite engine of the central store (the embedded default: `--data DIR`): opening it (0600 files, numbered
// migrations, refusing a newer schema), the change sequence and typed queries behind the CentralStore interface.
// better-sqlite3 is synchronous: every method does its work before returning its promise, and every atomic write is
// one better-sqlite3 transaction, so no other request can interleave with it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Appeal } from '../../shared/domain/appeal.js';
import type { Target } from '../../shared/domain/target.js';
import type { Role } from '../../shared/domain/user.js';
import { createOwnerOnlyFile, restrictToOwner } from '../../shared/node/owner-only-files.js';
import { StoreError, type AppealRow, type CentralStore, type MutationState } from './central-store.js';
import { SCHEMA_VERSION, migrateStore } from './sqlite-migrations.js';

export const DB_FILE_NAME = 'central.sqlite';
/** SQLite's companions of the database file in WAL mode; they hold the same data and get the same mode (0600). */
const COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

export type SqliteStore = CentralStore & { readonly db: Database.Database };

/** Opens (creating if needed) the store in `dataDir`; refuses a database written by a newer server. */
export function openSqliteStore(dataDir: string): SqliteStore {
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
    allUsers: db.prepare<[], { id: string; login: string; name: string; role: Role; password_hash: string }>(
      'SELECT id, login, name, role, password_hash FROM users ORDER BY id'),
    insertUser: db.prepare('INSERT INTO users (id, login, name, role, password_hash) VALUES (?, ?, ?, ?, ?)'),
    setPassword: db.prepare<[string, string], { id: string }>('UPDATE users SET password_hash = ? WHERE login = ? RETURNING id'),
    deleteUserSessions: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    countUsers: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, user_id, created_at) VALUES (?, ?, ?)'),
    userBySession: db.prepare<[string, string], { id: string; name: string; role: Role }>(
      'SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.created_at >= ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteSessionsBefore: db.prepare('DELETE FROM sessions WHERE created_at < ?'),
    preferencesOf: db.prepare<[string], { data: string }>('SELECT data FROM user_preferences WHERE user_id = ?'),
    allPreferences: db.prepare<[], { user_id: string; data: string; updated_at: string }>(
      'SELECT user_id, data, updated_at FROM user_preferences ORDER BY user_id'),
    allConnectorEvents: db.prepare<[], { event_key: string; appeal_id: string; type: string; outcome: string; received_at: string }>(
      'SELECT event_key, appeal_id, type, outcome, received_at FROM connector_events ORDER BY event_key'),
    savePreferences: db.prepare(`INSERT INTO user_preferences (user_id, data, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
    deleteTargets: db.prepare('DELETE FROM targets'),
    insertTarget: db.prepare('INSERT INTO targets (id, kind, name, short_name, position) VALUES (?, ?, ?, ?, ?)'),
    targets: db.prepare<[], { id: string; kind: Target['kind']; name: string; short_name: string }>(
      'SELECT id, kind, name, short_name FROM targets ORDER BY position'),
    targetExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM targets WHERE id = ?'),
    appealById: db.prepare<[string], { data: string; seq: number }>('SELECT data, seq FROM appeals WHERE id = ?'),
    appealExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM appeals WHERE id = ?'),
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
    connectorEventSeen: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM connector_events WHERE event_key = ?'),
    recordConnectorEvent: db.prepare(
      'INSERT INTO connector_events (event_key, appeal_id, type, outcome, received_at) VALUES (?, ?, ?, ?, ?)'),
    mutationsAfter: db.prepare<[string, number], { id: string; appeal_id: string; user_id: string; applied_at: string; content_hash: string | null }>(
      'SELECT id, appeal_id, user_id, applied_at, content_hash FROM mutations WHERE id > ? ORDER BY id LIMIT ?'),
  };

  const nextSeq = (): number => {
    const row = q.nextSeq.get();
    if (!row) throw new Error('appeal_seq counter row is missing');
    return row.value;
  };
  const headSeq = (): number => q.headSeq.get()?.value ?? 0;
  // Rows are written by this server only, after validation; the route table checks every response against the
  // contract, so a hand-edited row still never leaves malformed.
  const parseAppeal = (data: string): Appeal => JSON.parse(data) as Appeal;
  const appealById = (id: string): AppealRow | undefined => {
    const row = q.appealById.get(id);
    return row && { appeal: parseAppeal(row.data), seq: row.seq };
  };

  const insertNewAppeals = db.transaction((appeals: readonly Appeal[]) => {
    let accepted = 0;
    let duplicates = 0;
    for (const appeal of appeals) {
      if (q.appealExists.get(appeal.id)) {
        duplicates += 1;
        continue;
      }
      q.insertAppeal.run(appeal.id, nextSeq(), JSON.stringify(appeal));
      accepted += 1;
    }
    return { accepted, duplicates, head: headSeq() };
  });

  const store: SqliteStore = {
    engine: 'sqlite',
    created,
    schemaVersion: SCHEMA_VERSION,
    db,

    countUsers: async () => q.countUsers.get()?.n ?? 0,
    async insertUsers(users) {
      db.transaction(() => {
        for (const u of users) q.insertUser.run(u.id, u.login, u.name, u.role, u.passwordHash);
      })();
    },
    async userByLogin(login) {
      const row = q.userByLogin.get(login);
      return row && { id: row.id, login: row.login, name: row.name, role: row.role, passwordHash: row.password_hash };
    },
    allUsers: async () => q.allUsers.all()
      .map((row) => ({ id: row.id, login: row.login, name: row.name, role: row.role, passwordHash: row.password_hash })),

    async setPassword(login, passwordHash) {
      return db.transaction(() => {
        const row = q.setPassword.get(passwordHash, login);
        if (row) q.deleteUserSessions.run(row.id);
        return row !== undefined;
      })();
    },

    async insertSession(tokenHash, userId, createdAt) {
      q.insertSession.run(tokenHash, userId, createdAt);
    },
    async userBySession(tokenHash, createdNotBefore) {
      const row = q.userBySession.get(tokenHash, createdNotBefore);
      return row && { id: row.id, name: row.name, role: row.role };
    },
    async deleteSession(tokenHash) {
      q.deleteSession.run(tokenHash);
    },
    async deleteSessionsBefore(createdBefore) {
      q.deleteSessionsBefore.run(createdBefore);
    },
    async preferencesOf(userId) {
      return q.preferencesOf.get(userId)?.data;
    },
    async savePreferences(userId, json, updatedAt) {
      q.savePreferences.run(userId, json, updatedAt);
    },
    async allPreferences() {
      return q.allPreferences.all().map((r) => ({ userId: r.user_id, json: r.data, updatedAt: r.updated_at }));
    },
    async allConnectorEvents() {
      return q.allConnectorEvents.all().map((r) => ({
        key: r.event_key, appealId: r.appeal_id, type: r.type, outcome: r.outcome, receivedAt: r.received_at,
      }));
    },

    async replaceTargets(targets) {
      db.transaction(() => {
        q.deleteTargets.run();
        targets.forEach((t, i) => q.insertTarget.run(t.id, t.kind, t.name, t.shortName, i));
      })();
    },
    targets: async () =>
      q.targets.all().map((r) => ({ id: r.id, kind: r.kind, name: r.name, shortName: r.short_name })),

    appealById: async (id) => appealById(id),
    async appealStatuses(ids) {
      const statuses = new Map<string, Appeal['status']>();
      for (const id of ids) {
        const row = appealById(id);
        if (row) statuses.set(id, row.appeal.status);
      }
      return statuses;
    },
    insertNewAppeals: async (appeals) => insertNewAppeals(appeals),
    async applyMutation(key, plan) {
      return db.transaction(() => {
        const seenRow = q.mutationSeen.get(key.mutationId);
        const state: MutationState = seenRow
          ? {
            seen: { appealId: seenRow.appeal_id, fingerprint: seenRow.content_hash, appeal: appealById(seenRow.appeal_id)?.appeal },
            current: undefined,
            targetExists: true,
          }
          : {
            seen: undefined,
            current: appealById(key.appealId)?.appeal,
            targetExists: key.targetId === null || q.targetExists.get(key.targetId) !== undefined,
          };
        const decided = plan(state);
        if (decided.write) {
          const { appeal, userId, appliedAt, fingerprint } = decided.write;
          q.updateAppeal.run(nextSeq(), JSON.stringify(appeal), appeal.id);
          q.recordMutation.run(key.mutationId, appeal.id, userId, appliedAt, fingerprint);
        }
        return decided.result;
      })();
    },
    async applyConnectorEvent(event, plan) {
      return db.transaction(() => {
        if (q.connectorEventSeen.get(event.key)) return { outcome: 'duplicate_event', head: headSeq(), written: false };
        const decided = plan(appealById(event.appealId)?.appeal);
        if (decided.kind === 'insert') q.insertAppeal.run(decided.appeal.id, nextSeq(), JSON.stringify(decided.appeal));
        else if (decided.kind === 'update') q.updateAppeal.run(nextSeq(), JSON.stringify(decided.appeal), decided.appeal.id);
        const outcome = decided.kind === 'record' ? decided.outcome : decided.kind;
        q.recordConnectorEvent.run(event.key, event.appealId, event.type, outcome, event.receivedAt);
        return { outcome, head: headSeq(), written: decided.kind !== 'record' };
      })();
    },
    async changesAfter(after, limit) {
      // Each row's stored text rides along as `json`: the page goes out as that text (see routes/changes.ts) once the
      // route table has checked the parsed appeals, instead of being serialised again.
      const rows = q.changesAfter.all(after, limit).map((r) => ({ appeal: parseAppeal(r.data), seq: r.seq, json: r.data }));
      return { rows, head: headSeq() };
    },
    countChangesAfter: async (after) => q.countChangesAfter.get(after)?.n ?? 0,
    headSeq: async () => headSeq(),
    countAppeals: async () => q.countAppeals.get()?.n ?? 0,
    exportAppeals: async (after, limit) =>
      q.changesAfter.all(BigInt(after), limit).map((r) => ({ appeal: parseAppeal(r.data), seq: r.seq })),
    exportMutations: async (after, limit) => q.mutationsAfter.all(after, limit).map((r) => ({
      id: r.id, appealId: r.appeal_id, userId: r.user_id, appliedAt: r.applied_at, fingerprint: r.content_hash,
    })),
    async close() {
      db.close();
    },
  };
  return store;
}
