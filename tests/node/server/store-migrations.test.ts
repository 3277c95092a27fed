// The server store's numbered migrations: a fresh folder gets the newest schema; a schema-1 database (built by the
// first migration itself) is upgraded in place with its data, and its old mutation ids are still compared by appeal;
// a database from a newer server is refused untouched.
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MutationsResponse } from '../../../shared/central-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { StoreError } from '../../../server/store/central-store.js';
import { DB_FILE_NAME, openSqliteStore } from '../../../server/store/sqlite-store.js';
import { migrateStore, SCHEMA_VERSION } from '../../../server/store/sqlite-migrations.js';
import { startFixture, tempDir, type Fixture } from './server-fixture.js';

let fx: Fixture | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = (): string => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

const routed: Appeal = {
  id: 'vk-1', source: 'vk', channel: { name: 'Правительство НСО', url: 'https://vk.com/nso_gov' },
  author: { name: 'Ольга' }, text: 'яма', attachments: [], receivedAt: '2025-03-01T03:00:00.000Z', status: 'routed',
  targetId: 'mintrans', rejectReason: null, version: 2, routedBy: { id: 'u-operator1', name: 'Оператор 1' },
  routedAt: '2025-03-01T04:00:00.000Z',
};

describe('server store migrations', () => {
  it('creates a fresh store at the newest schema, with the mutation fingerprint column', () => {
    const dir = scratch();
    const store = openSqliteStore(join(dir, 'data'));
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(4);
    expect(columns(store.db, 'mutations')).toContain('content_hash');
    void store.close();
  });

  it('upgrades a schema-1 database in place; its old mutation ids stay duplicates for their appeal, reused for another are invalid', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    const v1 = new Database(join(dir, 'data', DB_FILE_NAME));
    migrateStore(v1, 1);
    expect(columns(v1, 'mutations')).not.toContain('content_hash');
    v1.prepare("UPDATE counters SET value = 1 WHERE name = 'appeal_seq'").run();
    v1.prepare('INSERT INTO appeals (id, seq, data) VALUES (?, 1, ?)').run(routed.id, JSON.stringify(routed));
    v1.prepare('INSERT INTO mutations (id, appeal_id, user_id, applied_at) VALUES (?, ?, ?, ?)')
      .run('01JOLDMUTATION000000000001', routed.id, 'u-operator1', routed.routedAt);
    v1.close();

    fx = await startFixture({ dir });
    const op = await fx.signIn('operator1');
    const send = async (m: Record<string, unknown>) => MutationsResponse.parse((await fx!.call('POST', '/mutations',
      { token: op, body: { mutations: [{ id: '01JOLDMUTATION000000000001', createdAt: routed.routedAt, ...m }] } })).body).results[0];
    // Without a stored fingerprint only the appeal can be compared.
    expect(await send({ appealId: 'vk-1', baseVersion: 1, type: 'route', targetId: 'mintrans' }))
      .toMatchObject({ status: 'duplicate', appeal: { id: 'vk-1', version: 2 } });
    expect(await send({ appealId: 'vk-2', baseVersion: 1, type: 'route', targetId: 'mintrans' }))
      .toMatchObject({ status: 'invalid', error: { code: 'mutation_id_reused' } });

    await fx.server.close();
    const upgraded = new Database(join(dir, 'data', DB_FILE_NAME));
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(upgraded.prepare('SELECT content_hash FROM mutations').all()).toEqual([{ content_hash: null }]);
    upgraded.close();
  });

  it('refuses a database from a newer server and leaves it untouched', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'data'));
    const future = new Database(join(dir, 'data', DB_FILE_NAME));
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => openSqliteStore(join(dir, 'data'))).toThrow(StoreError);
    try {
      openSqliteStore(join(dir, 'data'));
    } catch (err) {
      expect(err).toMatchObject({ code: 'future_schema' });
    }
    const again = new Database(join(dir, 'data', DB_FILE_NAME));
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_schema").get()).toEqual({ n: 0 });
    again.close();
  });
});
