// Issue 12: a cache that should exist (a session token is stored) but is missing, empty or not a database is refused
// with a message naming the file and the sync log's pending count, never silently replaced; an explicit start-fresh
// sets the old file aside (renamed, never deleted); a first start stays as it was; the cache files are 0600.
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { CacheOpenError, createDeskCore, START_FRESH_FLAG, type DeskCore } from '../../../electron/core/desk-core.js';
import { createFileTokenStore } from '../../../electron/core/token-store.js';
import { deadPort, tempDir } from './core-test-kit.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir(label: string): string {
  const temp = tempDir(label);
  cleanups.push(temp.remove);
  return temp.dir;
}

async function start(dir: string, extra: { startFreshCache?: boolean } = {}): Promise<DeskCore> {
  const core = await createDeskCore({ dataDir: dir, apiUrl: `http://127.0.0.1:${await deadPort()}`, ...extra });
  cleanups.push(() => core.close());
  return core;
}

async function refusal(dir: string): Promise<CacheOpenError> {
  const caught = await start(dir).then(() => null, (error: unknown) => error);
  expect(caught).toBeInstanceOf(CacheOpenError);
  return caught as CacheOpenError;
}

/** A desk that was used: a stored token and a sync log whose last entry counted 3 unsent decisions. */
function usedDesk(label: string): string {
  const dir = dataDir(label);
  createFileTokenStore(dir).save('token-of-a-used-desk');
  writeFileSync(join(dir, 'sync-log.jsonl'),
    `${JSON.stringify({ at: '2026-12-01T17:00:00.000Z', level: 'error', event: 'unreachable', message: 'нет связи', queue: 3 })}\n`);
  return dir;
}

describe('a cache that should exist', () => {
  it('refuses a zero-length cache.sqlite next to a session token, names the file and the pending count, keeps it', async () => {
    const dir = usedDesk('cache-empty');
    const file = join(dir, CACHE_FILE_NAME);
    writeFileSync(file, '');
    const error = await refusal(dir);
    expect(error.code).toBe('cache_missing');
    expect(error.message).toContain(file);
    expect(error.message).toContain('пуст (0 байт)');
    expect(error.message).toContain('неотправленных решений было: 3');
    expect(error.message).toContain('резервной копии');
    expect(error.message).toContain(START_FRESH_FLAG);
    expect(statSync(file).size).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith(CACHE_FILE_NAME))).toEqual([CACHE_FILE_NAME]);
  });

  it('refuses a missing cache.sqlite next to a session token and creates nothing', async () => {
    const dir = usedDesk('cache-missing');
    const error = await refusal(dir);
    expect(error.code).toBe('cache_missing');
    expect(error.message).toContain(`не найден (${join(dir, CACHE_FILE_NAME)})`);
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false);
  });

  it('refuses a cache that is not a database (cache_corrupt), and offers the explicit start-fresh', async () => {
    const dir = usedDesk('cache-garbage');
    const garbage = Buffer.from('не база SQLite '.repeat(300));
    writeFileSync(join(dir, CACHE_FILE_NAME), garbage);
    const error = await refusal(dir);
    expect(error.code).toBe('cache_corrupt');
    expect(error.message).toContain(START_FRESH_FLAG);
    expect(readFileSync(join(dir, CACHE_FILE_NAME)).equals(garbage)).toBe(true);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['corrupt', Buffer.from('не база SQLite '.repeat(300))],
  ])('starts fresh on explicit request, keeping the %s file aside under a timestamped name', async (_label, bytes) => {
    const dir = usedDesk('cache-fresh');
    writeFileSync(join(dir, CACHE_FILE_NAME), bytes);
    const core = await start(dir, { startFreshCache: true });
    expect(await core.call('sync.status', {})).toMatchObject({ ok: true, value: { pending: 0 } });
    const aside = readdirSync(dir).filter((name) => name.startsWith(`${CACHE_FILE_NAME}.aside-`));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^cache\.sqlite\.aside-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(readFileSync(join(dir, aside[0]!)).equals(bytes)).toBe(true);
    expect(statSync(join(dir, CACHE_FILE_NAME)).size).toBeGreaterThan(0);
  });

  it('opens the same cache again after a normal start with a token (nothing set aside)', async () => {
    const dir = usedDesk('cache-reopen');
    rmSync(join(dir, 'session-token'));
    const first = await start(dir);
    await first.close();
    createFileTokenStore(dir).save('token');
    await start(dir);
    expect(readdirSync(dir).some((name) => name.includes('.aside-'))).toBe(false);
  });

  it('keeps a true first start (no token, no cache) as before: a fresh cache, no refusal', async () => {
    const dir = dataDir('cache-first');
    const core = await start(dir);
    expect(await core.call('session.get', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(true);
  });
});

describe('cache file modes', () => {
  it('creates cache.sqlite, -wal and -shm 0600 under umask 022, and tightens an older 0644 cache', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = dataDir('cache-modes');
      const core = await start(dir);
      const mode = (suffix: string) => (statSync(join(dir, CACHE_FILE_NAME + suffix)).mode & 0o777).toString(8);
      expect([mode(''), mode('-wal'), mode('-shm')]).toEqual(['600', '600', '600']);
      await core.close();
      chmodSync(join(dir, CACHE_FILE_NAME), 0o644); // what an older program left
      await start(dir);
      expect([mode(''), mode('-wal'), mode('-shm')]).toEqual(['600', '600', '600']);
    } finally {
      process.umask(previous);
    }
  });
});
