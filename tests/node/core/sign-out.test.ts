// session.signOut against the real reference server: unsent decisions are sent first and the cache is wiped;
// when they cannot be sent the operator is asked, and 'discard' wipes them too. Nothing citizen-related is left in
// the file afterwards, while targets and favourites (workstation settings) stay.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { incomingAppeal, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

interface SignOutResult { outcome: 'signed-out' | 'unsent'; unsent: number; session: { user: unknown } }

let serverDir: ReturnType<typeof tempDir>;
let coreDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;

async function post<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${API_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

beforeEach(async () => {
  serverDir = tempDir('signout-server');
  coreDir = tempDir('signout-core');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await post<{ token: string }>('/session', { login: 'connector', password: 'connector' });
  await post('/appeals', { appeals: [1, 2, 3].map(incomingAppeal) }, token);
  // A long push delay: decisions stay in the outbox until sign-out sends them.
  core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: server.url, tokenStore: createMemoryTokenStore(),
    pushDelayMs: 600_000, syncIntervalMs: 600_000 });
  await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
  await statusMatching(core, (s: SyncStatus) => s.state === 'online');
  await value(core, 'favorites.set', { targetIds: ['minzdrav'] });
});
afterEach(async () => {
  await core.close();
  await server.close();
  coreDir.remove();
  serverDir.remove();
});

/** Whether the bytes of `text` are anywhere in the database file or its write-ahead log. */
function fileMentions(text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return ['cache.sqlite', 'cache.sqlite-wal'].some((name) => {
    const file = join(coreDir.dir, name);
    return existsSync(file) && readFileSync(file).includes(needle);
  });
}

describe('session.signOut', () => {
  it('sends pending decisions, then wipes the cache down to targets and favourites', async () => {
    await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'minzdrav' });
    expect(fileMentions('не вывозят мусор')).toBe(true);

    const result = await value<SignOutResult>(core, 'session.signOut', {});
    expect(result).toMatchObject({ outcome: 'signed-out', unsent: 0, session: { user: null } });
    await core.close();

    const db = new Database(join(coreDir.dir, 'cache.sqlite'), { readonly: true });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('appeals'), count('outbox'), count('conflicts')]).toEqual([0, 0, 0]);
    expect(count('targets')).toBeGreaterThan(0);
    expect(db.prepare('SELECT key FROM meta').all()).toEqual([{ key: 'favorites' }]);
    db.close();
    // secure_delete + VACUUM: the text is gone from the file itself, not only from the tables.
    expect(fileMentions('не вывозят мусор')).toBe(false);
    expect(fileMentions('Житель 1')).toBe(false);

    // The decision reached the server before the wipe.
    const lead = await post<{ token: string }>('/session', { login: 'lead', password: 'lead' });
    const page = await fetch(`${server.url}${API_PREFIX}/changes?limit=1000`, { headers: { authorization: `Bearer ${lead.token}` } });
    const { appeals } = (await page.json()) as { appeals: { id: string; targetId: string | null }[] };
    expect(appeals.find((a) => a.id === 'a-00001')?.targetId).toBe('minzdrav');
  });

  it('asks when decisions cannot be sent, keeps everything, and discards them only when told', async () => {
    await value(core, 'appeals.route', { appealId: 'a-00002', targetId: 'minzdrav' });
    await server.close(); // offline: the push fails

    const asked = await value<SignOutResult>(core, 'session.signOut', { unsent: 'ask' });
    expect(asked).toMatchObject({ outcome: 'unsent', unsent: 1, session: { user: { id: expect.any(String) } } });
    expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(1);
    expect(fileMentions('Житель 2')).toBe(true);

    const discarded = await value<SignOutResult>(core, 'session.signOut', { unsent: 'discard' });
    expect(discarded).toMatchObject({ outcome: 'signed-out', unsent: 1, session: { user: null } });
    expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(0);
    await core.close();
    expect(fileMentions('Житель 2')).toBe(false);
    // Favourites are per operator (#13 item 5): operator1's own list outlives the wipe, for their next sign-in.
    const db = new Database(join(coreDir.dir, 'cache.sqlite'), { readonly: true });
    const meta = db.prepare("SELECT value FROM meta WHERE key = 'favorites'").get() as { value: string };
    db.close();
    expect(JSON.parse(meta.value)).toMatchObject({ byUser: { 'u-operator1': { ids: ['minzdrav'] } } });
    server = await startTestServer({ port: 0, dataDir: serverDir.dir }); // afterEach closes it
  });

  it('refuses an unknown choice', async () => {
    expect(await core.call('session.signOut', { unsent: 'later' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
