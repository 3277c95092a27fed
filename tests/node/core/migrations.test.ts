// The cache schema: fresh database, each migration from the previous version's file, newer schemas and corrupt
// files refused (and left untouched), and the inbox query served by its index.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CacheOpenError } from '../../../electron/core/cache/cache-open-error.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/cache/migrations/all-migrations.js';
import { openCache } from '../../../electron/core/cache/open-cache.js';
import { tempDir } from './core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function freshFile(label: string): string {
  const temp = tempDir(label);
  cleanup = temp.remove;
  return join(temp.dir, 'cache.sqlite');
}

const tablesOf = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((row) => row.name);

describe('cache migrations', () => {
  it('creates a fresh database at the newest version with WAL and foreign keys', () => {
    const db = openCache(freshFile('fresh'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tablesOf(db)).toEqual(expect.arrayContaining(['appeals', 'conflicts', 'meta', 'outbox', 'targets']));
    db.close();
  });

  it('applies each migration to the file left by the previous version', () => {
    const file = freshFile('stepwise');
    // Versions may have gaps (005 was never used): "previous" is the one registered before.
    MIGRATIONS.forEach((migration, index) => {
      const previous = MIGRATIONS[index - 1]?.version ?? 0;
      const before = openCache(file, { upToVersion: previous });
      expect(before.pragma('user_version', { simple: true })).toBe(previous);
      before.close();
      const after = openCache(file, { upToVersion: migration.version });
      expect(after.pragma('user_version', { simple: true })).toBe(migration.version);
      after.close();
    });
  });

  it('registers versions strictly increasing, so an appended migration always runs on upgraded caches', () => {
    // migrate() skips every version <= the cache's: one registered below the highest would never run on upgrades.
    const versions = MIGRATIONS.map((migration) => migration.version);
    versions.forEach((version, index) => {
      expect(Number.isInteger(version) && version > 0).toBe(true);
      if (index > 0) expect(version, `migration ${version} after ${versions[index - 1]}`).toBeGreaterThan(versions[index - 1]!);
    });
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
  });

  it('refuses a database from a newer program and leaves it as it was', () => {
    const file = freshFile('newer');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const bytes = readFileSync(file);
    const attempt = () => openCache(file);
    expect(attempt).toThrow(CacheOpenError);
    expect(attempt).toThrow(
      `База данных создана более новой версией программы (схема ${LATEST_SCHEMA_VERSION + 5}, поддерживается ${LATEST_SCHEMA_VERSION})`,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reports a corrupt file as cache_corrupt and never replaces it', () => {
    const file = freshFile('corrupt');
    const garbage = Buffer.from('это не база данных SQLite '.repeat(200));
    writeFileSync(file, garbage);
    let caught: unknown;
    try {
      openCache(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CacheOpenError);
    expect((caught as CacheOpenError).code).toBe('cache_corrupt');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('serves the inbox query and its count from the appeals_inbox index, without a sort step', () => {
    const db = openCache(freshFile('plan'));
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
    const list = plan(`SELECT id, source, channel_name, author_name, excerpt, received_at, attachment_count
      FROM appeals WHERE local_status = 'new' ORDER BY received_ms DESC, id LIMIT 100 OFFSET 0`);
    expect(list).toContain('USING INDEX appeals_inbox');
    expect(list).not.toContain('TEMP B-TREE');
    // Any covering index on local_status serves the count; SQLite picks the narrowest (appeals_urgency, #4a).
    expect(plan("SELECT count(*) FROM appeals WHERE local_status = 'new'")).toMatch(/COVERING INDEX appeals_(inbox|urgency)/);
    const urgent = plan("SELECT id FROM appeals WHERE local_status = 'new' ORDER BY route_due_ms, id LIMIT 100");
    expect(urgent).toContain('appeals_urgency');
    expect(urgent).not.toContain('TEMP B-TREE');
    expect(plan("SELECT * FROM outbox WHERE appeal_id = 'x'")).toContain('outbox_appeal');
    db.close();
  });
});

describe('cache migration 16 (first decisions)', () => {
  const cursorAfter16 = (statuses: readonly string[]): unknown[] => {
    const temp = tempDir('cache-016');
    const db = openCache(join(temp.dir, 'cache.sqlite'), { upToVersion: 15 });
    const insert = db.prepare(`INSERT INTO appeals (id, local_status, received_ms, received_at, source, channel_name,
      author_name, attachment_count, excerpt, server_status, server_version, server_json) VALUES (?, ?, 0, '', 'vk', '', '', 0, '', ?, 2, '{}')`);
    statuses.forEach((status, i) => insert.run(`a-${i}`, status, status));
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '\"41\"'), ('user', '{}')").run();
    db.exec(MIGRATIONS.find((x) => x.version === 16)?.sql ?? '');
    const left = db.prepare("SELECT value FROM meta WHERE key = 'cursor'").all();
    expect(db.prepare("SELECT key FROM meta WHERE key = 'user'").all()).toEqual([{ key: 'user' }]);
    db.close();
    temp.remove();
    return left;
  };

  it('drops the cursor of a cache holding a decided appeal: an older desk stored it without its first decision', () => {
    expect(cursorAfter16(['new', 'routed'])).toEqual([]);
  });

  it('keeps the cursor when only undecided appeals are cached (no decision to recover)', () => {
    expect(cursorAfter16(['new', 'new'])).toEqual([{ value: '"41"' }]);
    expect(cursorAfter16([])).toEqual([{ value: '"41"' }]);
  });
});
