// Long offline: decisions stored days ago by an older version of the app (schema 1) survive the schema upgrade and
// restarts, reach the server once; the one whose appeal another operator decided meanwhile becomes a conflict,
// never applied blindly. Also: the first sync of a backlog reports progress and resumes from the last stored page.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/cache/migrations/all-migrations.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { ulid } from '../../../electron/core/ulid.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { Conflict, LocalAppeal, SyncStatus } from '../../../shared/desk-api/contract.js';
import { startFaultProxy } from '../../reliability/fault-proxy.js';
import { apiCall, ingest, readCache, serverAppeals, serverMutations, tokenFor } from '../../reliability/reliability-kit.js';
import { writeSchemaOneCache } from '../../reliability/schema-one-cache.js';
import { tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('long-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function openDesk(dir: string, apiUrl = server.url): Promise<DeskCore> {
  const core = await createDeskCore({ dataDir: dir, apiUrl, pushDelayMs: 0, syncIntervalMs: 600_000, requestTimeoutMs: 5_000 });
  let closed = false;
  cleanups.push(() => (closed ? undefined : core.close()));
  return Object.assign(Object.create(core) as DeskCore, { close: async () => { closed = true; await core.close(); } });
}

describe('long offline', () => {
  it('days-old unsent decisions survive the schema upgrade and restarts; a changed appeal becomes a conflict', async () => {
    await ingest(server.url, 1, 5);
    const appeals = [...(await serverAppeals(server.url)).values()];
    const [a1, a2, a3] = appeals;
    const desk = tempDir('long-desk');
    cleanups.push(desk.remove);
    const mutationIds = writeSchemaOneCache(desk.dir, appeals,
      [{ id: a1!.id, targetId: 'minzdrav' }, { id: a2!.id, targetId: 'mingkh' }, { id: a3!.id, targetId: 'minobr' }]);
    // Meanwhile, on the server: operator 2 routed a2 somewhere else.
    const op2 = await tokenFor(server.url, 'operator2');
    await apiCall(server.url, '/mutations', { method: 'POST', token: op2, body: { mutations: [{
      id: ulid(), appealId: a2!.id, baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'minsoc' }] } });

    // The new version opens the old file offline (a dead address): migrated, decisions still pending and visible.
    let core = await openDesk(desk.dir, 'http://127.0.0.1:9');
    const raw = new Database(join(desk.dir, CACHE_FILE_NAME), { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    raw.close();
    expect((await value<LocalAppeal>(core, 'appeals.get', { id: a1!.id }))).toMatchObject({ pending: true, appeal: { status: 'routed' } });
    await core.close();
    // A second restart, then the network: sign in and sync.
    core = await openDesk(desk.dir);
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    const status = await value<SyncStatus>(core, 'sync.now', {});
    expect(status).toMatchObject({ state: 'online', pending: 0 });

    const truth = await serverAppeals(server.url);
    expect(truth.get(a1!.id)).toMatchObject({ status: 'routed', targetId: 'minzdrav' });
    expect(truth.get(a3!.id)).toMatchObject({ status: 'routed', targetId: 'minobr' });
    // Not applied blindly: a2 stays with operator 2, the desk shows that and a conflict saying so.
    expect(truth.get(a2!.id)).toMatchObject({ status: 'routed', targetId: 'minsoc', routedBy: { id: 'u-operator2' } });
    expect(await value<LocalAppeal>(core, 'appeals.get', { id: a2!.id })).toMatchObject({ pending: false, appeal: { targetId: 'minsoc' } });
    const { conflicts } = await value<{ conflicts: Conflict[] }>(core, 'conflicts.list', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ appealId: a2!.id, local: { targetId: 'mingkh' }, server: { targetId: 'minsoc' } });
    const { byId, perAppeal } = serverMutations(serverDir.dir);
    expect(byId.has(mutationIds[0]!)).toBe(true);
    expect(byId.has(mutationIds[1]!)).toBe(false);
    expect(byId.has(mutationIds[2]!)).toBe(true);
    expect([...perAppeal.values()].every((n) => n === 1)).toBe(true);
  });

  it('first sync of a backlog: progress so far / total, resumes from the last stored page, then pulls only changes', async () => {
    await ingest(server.url, 1, 2_500);
    const proxy = await startFaultProxy(server.url);
    cleanups.push(() => proxy.close());
    const desk = tempDir('backlog-desk');
    cleanups.push(desk.remove);
    let core = await openDesk(desk.dir, proxy.url);
    const progress: NonNullable<SyncStatus['progress']>[] = [];
    core.on('sync.status', (s) => { const p = (s as SyncStatus).progress; if (p) progress.push(p); });
    // The third page never arrives: the pull stops after two stored pages (a crash or quit would stop the same way).
    let pages = 0;
    const off = core.on('sync.status', () => {
      if (proxy.requests.filter((r) => r.path.includes('/changes')).length >= 2 && pages === 0) {
        pages = 1;
        proxy.setFault({ kind: 'reset' }, '/changes');
      }
    });
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await value(core, 'sync.now', {});
    off();
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ done: 1_000, total: 2_500 });
    expect(progress[0]!.perSecond).toBeGreaterThan(0);
    const stored = readCacheCount(desk.dir);
    expect(stored).toBeGreaterThanOrEqual(1_000);
    expect(stored).toBeLessThan(2_500);
    await core.close();

    proxy.clear();
    const before = proxy.requests.length;
    core = await openDesk(desk.dir, proxy.url);
    await value(core, 'sync.now', {});
    const pulls = proxy.requests.slice(before).filter((r) => r.path.includes('/changes'));
    // Resumed from the stored cursor, not from the start.
    expect(pulls[0]!.path).toMatch(/cursor=\d+/);
    expect(readCache(desk.dir).server.size).toBe(2_500);

    // Incremental: one new appeal → the next sync pulls one page holding exactly that one.
    await ingest(server.url, 9_001, 1);
    const mark = proxy.requests.length;
    await value(core, 'sync.now', {});
    const next = proxy.requests.slice(mark).filter((r) => r.path.includes('/changes'));
    expect(next).toHaveLength(1);
    expect(readCache(desk.dir).server.size).toBe(2_501);
  });
});

function readCacheCount(dir: string): number {
  const db = new Database(join(dir, CACHE_FILE_NAME), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM appeals').get()?.n ?? 0;
  } finally {
    db.close();
  }
}
