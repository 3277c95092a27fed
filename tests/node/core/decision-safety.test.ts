// Review findings on decision safety, against the real reference server on 127.0.0.1: one user's unsent decisions
// never go out under another's login, lead methods follow the live session, a lead's bulk re-decision is undone
// whole, sign-out stops at unseen conflicts and leaves no report export behind, and a batch the server refuses as a
// whole is retried row by row.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore, type TokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { centralCall, incomingAppeal, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let coreDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;
let tokens: TokenStore;

const api = <T>(path: string, init: Parameters<typeof centralCall>[2] = {}): Promise<T> => centralCall<T>(server.url, path, init);
const tokenFor = async (login: string) =>
  (await api<{ token: string }>('/session', { method: 'POST', body: { login, password: login } })).token;

/** The server's view of one appeal (read as the lead). */
async function serverAppeal(id: string): Promise<{ targetId: string | null; routedBy: { id: string } | null }> {
  const { appeals } = await api<{ appeals: { id: string; targetId: string | null; routedBy: { id: string } | null }[] }>(
    '/changes?limit=1000', { token: await tokenFor('lead') });
  const appeal = appeals.find((a) => a.id === id);
  if (!appeal) throw new Error(`${id} not on the server`);
  return appeal;
}

async function signIn(login: string): Promise<void> {
  await value(core, 'session.login', { login, password: login });
  await statusMatching(core, (s: SyncStatus) => s.state === 'online' && s.lastSyncAt !== null);
}

beforeEach(async () => {
  serverDir = tempDir('safety-server');
  coreDir = tempDir('safety-core');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  await api('/appeals', { method: 'POST', token: await tokenFor('connector'),
    body: { appeals: [1, 2, 3, 4].map(incomingAppeal) } });
  tokens = createMemoryTokenStore();
  // A long push delay: decisions stay in the outbox until a test sends them.
  core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: server.url, tokenStore: tokens,
    pushDelayMs: 600_000, syncIntervalMs: 600_000 });
});
afterEach(async () => {
  await core.close();
  await server.close();
  coreDir.remove();
  serverDir.remove();
});

describe('decision safety', () => {
  it('lets the next operator sign in over the previous user\'s unsent decisions, and never sends them as him', async () => {
    await signIn('operator1');
    await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'minzdrav' });
    tokens.clear(); // what a 401 leaves behind: no token, the cached user and the outbox stay

    // Shift handover (#12): the next operator is let in; the decision stays queued under operator1's name.
    await signIn('operator2');
    expect((await value<{ user: { id: string } }>(core, 'session.get', {})).user.id).toBe('u-operator2');
    const status = await value<SyncStatus>(core, 'sync.now', {});
    expect(status.pending).toBe(1);
    expect(status.waiting).toEqual([{ user: { id: 'u-operator1', name: 'Оператор 1 — Анна Петрова' }, count: 1, sending: false }]);
    expect((await serverAppeal('a-00001')).targetId).toBeNull();
    expect(await value(core, 'session.signOut', {})).toMatchObject({ outcome: 'signed-out', unsent: 0 });
    expect((await serverAppeal('a-00001')).targetId).toBeNull();

    // The author signs back in: signing out sends his decision under his own name.
    await signIn('operator1');
    expect(await value(core, 'session.signOut', {})).toMatchObject({ outcome: 'signed-out', unsent: 0 });
    expect(await serverAppeal('a-00001')).toMatchObject({ targetId: 'minzdrav', routedBy: { id: 'u-operator1' } });
  });

  it('has no session.logout that keeps another user\'s outbox: sign-out is the only way out', async () => {
    expect(await core.call('session.logout', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('checks lead-only methods against the live session, not the cached user', async () => {
    await signIn('lead');
    await value(core, 'queues.get', {});
    tokens.clear();
    expect(await core.call('queues.get', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await core.call('appeals.redecide', { appealIds: ['a-00001'], decision: { type: 'route', targetId: 'minzdrav' } }))
      .toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await core.call('reports.export', { kind: 'list', format: 'csv' }))
      .toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(await core.call('stats.get', { from: '2025-01-01', to: '2025-01-31' }))
      .toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(0);
  });

  it('undoes a lead\'s bulk re-decision whole while nothing has been sent', async () => {
    await signIn('lead');
    const result = await value<{ acks: unknown[] }>(core, 'appeals.redecide',
      { appealIds: ['a-00001', 'a-00002', 'a-00003'], decision: { type: 'route', targetId: 'minzdrav' } });
    expect(result.acks).toHaveLength(3);
    const undone = await value<{ appealIds?: string[] }>(core, 'appeals.undo', {});
    expect([...(undone.appealIds ?? [])].sort()).toEqual(['a-00001', 'a-00002', 'a-00003']);
    expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(0);
  });

  it('stops sign-out at conflicts the sign-out flush itself found, and wipes them only when told', async () => {
    await signIn('operator1');
    await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'minzdrav' });
    // Meanwhile another operator routes the same appeal on the server: the flush finds a conflict.
    await api('/mutations', { method: 'POST', token: await tokenFor('operator2'), body: { mutations: [
      { id: '01MUTATIONOP2CONFLICTA', appealId: 'a-00003', baseVersion: 1, createdAt: new Date().toISOString(),
        type: 'route', targetId: 'mingkh' }] } });

    const asked = await value<{ outcome: string; unsent: number; conflicts: number; session: { user: unknown } }>(
      core, 'session.signOut', { unsent: 'ask' });
    expect(asked).toMatchObject({ outcome: 'unsent', unsent: 0, conflicts: 1, session: { user: { id: 'u-operator1' } } });
    expect((await value<{ conflicts: unknown[] }>(core, 'conflicts.list', {})).conflicts).toHaveLength(1);

    const discarded = await value(core, 'session.signOut', { unsent: 'discard' });
    expect(discarded).toMatchObject({ outcome: 'signed-out', unsent: 0, conflicts: 1, session: { user: null } });
    expect((await value<{ conflicts: unknown[] }>(core, 'conflicts.list', {})).conflicts).toEqual([]);
  });

  it('splits a batch the server refuses as a whole: the poisoned row becomes an invalid conflict, the rest go', async () => {
    // A proxy in front of the real server refuses (HTTP 400) any /mutations request that carries a-00002.
    const batches: { size: number; refused: boolean }[] = [];
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.method === 'POST' && (req.url ?? '').startsWith(`${API_PREFIX}/mutations`)) {
          const { mutations } = JSON.parse(body.toString('utf8')) as { mutations: { appealId: string }[] };
          const refused = mutations.some((m) => m.appealId === 'a-00002');
          batches.push({ size: mutations.length, refused });
          if (refused) {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'bad_request', message: 'poisoned row' } }));
            return;
          }
        }
        const headers = Object.fromEntries(Object.entries(req.headers)
          .filter((e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host' && e[0] !== 'content-length'));
        void fetch(`${server.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers,
          ...(req.method === 'POST' ? { body } : {}) }).then(async (answer) => {
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    try {
      await core.close();
      core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: `http://127.0.0.1:${port}`, tokenStore: tokens,
        pushDelayMs: 600_000, syncIntervalMs: 600_000 });
      await signIn('operator1');
      for (const appealId of ['a-00001', 'a-00002', 'a-00003']) {
        await value(core, 'appeals.route', { appealId, targetId: 'minzdrav' });
      }
      // Restart without an undo grace: the three go out in one batch.
      await core.close();
      core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: `http://127.0.0.1:${port}`, tokenStore: tokens,
        pushDelayMs: 0, syncIntervalMs: 600_000 });
      await statusMatching(core, (st: SyncStatus) => st.pending === 0 && st.state === 'online');

      expect(batches[0]).toEqual({ size: 3, refused: true });
      expect(batches.slice(1).every((b) => b.size === 1)).toBe(true);
      expect((await serverAppeal('a-00001')).targetId).toBe('minzdrav');
      expect((await serverAppeal('a-00003')).targetId).toBe('minzdrav');
      expect((await serverAppeal('a-00002')).targetId).toBeNull();
      const { conflicts } = await value<{ conflicts: { appealId: string }[] }>(core, 'conflicts.list', {});
      expect(conflicts.map((c) => c.appealId)).toEqual(['a-00002']);
    } finally {
      await core.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it('deletes report exports on sign-out, having said so first', async () => {
    await signIn('lead');
    const list = await value<{ path: string }>(core, 'reports.export', { kind: 'list', format: 'csv' });
    const report = await value<{ path: string }>(core, 'reports.export', { kind: 'list', format: 'xlsx' });
    expect(existsSync(list.path)).toBe(true);
    const exports = join(coreDir.dir, 'exports');
    // A helper's trial of 5 December: the lead's report went with the sign-out unasked, the only copy of it. The
    // sign-out asks first, naming the files and their folder, and keeps them.
    const asked = await value<{ outcome: string; unsent: number; exports: { count: number; folder: string } }>(
      core, 'session.signOut', {});
    expect(asked).toMatchObject({ outcome: 'unsent', unsent: 0, exports: { count: 2, folder: exports } });
    expect(readdirSync(exports).sort()).toEqual([basename(list.path), basename(report.path)].sort());
    // One moved away, the other still asks; «выйти и удалить» (discard) signs out and deletes it.
    rmSync(report.path);
    expect(await value(core, 'session.signOut', {})).toMatchObject({ outcome: 'unsent', exports: { count: 1 } });
    expect(await value(core, 'session.signOut', { unsent: 'discard' })).toMatchObject({ outcome: 'signed-out',
      exports: { count: 1, folder: exports } });
    expect(existsSync(exports) ? readdirSync(exports) : []).toEqual([]);
  });

  it('signs out at once with no export, no unsent decision and no conflict', async () => {
    await signIn('lead');
    expect(await value(core, 'session.signOut', {})).toMatchObject({ outcome: 'signed-out', exports: { count: 0 } });
  });

  it('asks about the reports only, not what else gathers in their folder, and deletes it all', async () => {
    await signIn('lead');
    const exports = join(coreDir.dir, 'exports');
    // What a desktop leaves beside the reports: Excel's lock file of an open one, Finder's and Explorer's own.
    mkdirSync(exports, { recursive: true });
    for (const name of ['~$spisok.xlsx', '.DS_Store', 'desktop.ini']) writeFileSync(join(exports, name), 'x');
    expect(await value(core, 'session.signOut', {})).toMatchObject({ outcome: 'signed-out', exports: { count: 3 } });
    expect(readdirSync(exports)).toEqual([]);
  });
});
