// The sync engine against the real reference server on 127.0.0.1: push once, duplicates after a crash, rebase of
// pending decisions, two operators on one appeal, and offline → convergence after a restart on the same port.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX, type Mutation } from '../../../shared/central-api/contract.js';
import { decidedByAnother, type Appeal } from '../../../shared/domain/appeal.js';
import type { Conflict, InboxRow, LocalAppeal, SyncStatus } from '../../../shared/desk-api/contract.js';
import { incomingAppeal, nextEvent, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  await ingest(server.url, 5);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function api<T>(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${url}${API_PREFIX}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function tokenFor(url: string, login: string): Promise<string> {
  return (await api<{ token: string }>(url, '/session', { method: 'POST', body: { login, password: login } })).token;
}

async function ingest(url: string, count: number): Promise<void> {
  const token = await tokenFor(url, 'connector');
  const appeals = Array.from({ length: count }, (_, i) => incomingAppeal(i + 1));
  await api(url, '/appeals', { method: 'POST', token, body: { appeals } });
}

async function serverAppeal(url: string, id: string): Promise<Appeal | undefined> {
  const token = await tokenFor(url, 'lead');
  const page = await api<{ appeals: Appeal[] }>(url, '/changes?limit=1000', { token });
  return page.appeals.find((appeal) => appeal.id === id);
}

async function openCore(label: string, options: Partial<DeskCoreOptions> = {}, dataDir?: string): Promise<{ core: DeskCore; dir: string; logs: string[] }> {
  let dir = dataDir;
  if (!dir) {
    const temp = tempDir(label);
    dir = temp.dir;
    cleanups.push(temp.remove);
  }
  const logs: string[] = [];
  const core = await createDeskCore({
    dataDir: dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000, requestTimeoutMs: 5_000,
    log: (line) => logs.push(line), ...options,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanups.push(close);
  return { core: Object.assign(Object.create(core) as DeskCore, { close }), dir, logs };
}

async function signIn(core: DeskCore, login: string): Promise<void> {
  await value(core, 'session.login', { login, password: login });
  await value(core, 'sync.now', {});
}

describe('sync with the reference server', () => {
  it('signs in, pulls the inbox and targets, pushes a route exactly once', async () => {
    const { core } = await openCore('once');
    const wrong = await core.call('session.login', { login: 'operator1', password: 'nope' });
    expect(wrong).toEqual({ ok: false, error: { code: 'auth_failed', message: 'Неверный логин или пароль' } });

    await signIn(core, 'operator1');
    const inbox = await value<{ rows: InboxRow[]; total: number }>(core, 'inbox.list', {});
    expect(inbox.total).toBe(5);
    expect(inbox.rows[0]?.id).toBe('a-00005');
    const { targets } = await value<{ targets: { id: string }[] }>(core, 'targets.list', {});
    expect(targets.some((target) => target.id === 'mingkh')).toBe(true);
    expect((await value<{ targetIds: string[] }>(core, 'favorites.get', {})).targetIds[0]).toBe('mingkh');

    const pushed = statusMatching(core, (status) => status.state === 'online' && status.pending === 0);
    await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'mingkh' });
    await pushed;
    await value(core, 'sync.now', {});

    const onServer = await serverAppeal(server.url, 'a-00003');
    expect(onServer).toMatchObject({ status: 'routed', targetId: 'mingkh', version: 2, routedBy: { id: 'u-operator1' } });
    const local = await value<LocalAppeal>(core, 'appeals.get', { id: 'a-00003' });
    expect(local).toMatchObject({ pending: false, appeal: { version: 2, status: 'routed' } });
    expect(await value(core, 'conflicts.list', {})).toEqual({ conflicts: [] });
    expect((await value<{ total: number }>(core, 'inbox.list', {})).total).toBe(4);
    // A late undo (#13): the decision it means is on the server now; said so rather than «Нечего отменять».
    expect(await core.call('appeals.undo', {})).toMatchObject({ ok: false,
      error: { code: 'already_sent', message: 'Решение уже отправлено на сервер — отменить нельзя' } });
  });

  it('treats a re-sent mutation (crash after the server applied it) as applied', async () => {
    const first = await openCore('crash', { pushDelayMs: 600_000 });
    await signIn(first.core, 'operator1');
    const ack = await value<{ mutationId: string }>(first.core, 'appeals.reject', { appealId: 'a-00002', reason: 'spam' });
    await first.core.close();

    // The server got and applied the mutation, but the desk died before storing the answer.
    const cache = openLocalCache(first.dir);
    const row = cache.outbox.get(ack.mutationId);
    cache.db.close();
    expect(row).not.toBeNull();
    const mutation: Mutation = {
      id: ack.mutationId, appealId: 'a-00002', baseVersion: row?.baseVersion ?? 0, createdAt: row?.createdAt ?? '',
      type: 'reject', reason: 'spam',
    };
    const token = await tokenFor(server.url, 'operator1');
    const direct = await api<{ results: { status: string }[] }>(server.url, '/mutations', {
      method: 'POST', token, body: { mutations: [mutation] },
    });
    expect(direct.results[0]?.status).toBe('applied');

    const second = await openCore('crash', {}, first.dir);
    await statusMatching(second.core, (status) => status.state === 'online' && status.pending === 0);
    expect(second.logs.some((line) => line.includes('duplicate 1'))).toBe(true);
    expect(await value(second.core, 'conflicts.list', {})).toEqual({ conflicts: [] });
    expect(await serverAppeal(server.url, 'a-00002')).toMatchObject({ status: 'rejected', version: 2 });
    expect(await value<LocalAppeal>(second.core, 'appeals.get', { id: 'a-00002' })).toMatchObject({
      pending: false, appeal: { status: 'rejected', rejectReason: 'spam', version: 2 },
    });
  });

  it('rebases a pending decision on a pulled change and later reports the conflict', async () => {
    const desk = await openCore('rebase', { pushDelayMs: 600_000 });
    await signIn(desk.core, 'operator1');
    await value(desk.core, 'appeals.route', { appealId: 'a-00004', targetId: 'minzdrav' });

    // Meanwhile another operator routes the same appeal elsewhere.
    const token = await tokenFor(server.url, 'operator2');
    await api(server.url, '/mutations', {
      method: 'POST', token,
      body: { mutations: [{ id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', appealId: 'a-00004', baseVersion: 1,
        createdAt: new Date().toISOString(), type: 'route', targetId: 'mintrans' }] },
    });
    await value(desk.core, 'sync.now', {});
    const rebased = await value<LocalAppeal>(desk.core, 'appeals.get', { id: 'a-00004' });
    // Server state (v2, operator2) first, then our pending decision on top: the operator still sees their choice.
    expect(rebased).toMatchObject({
      pending: true,
      appeal: { status: 'routed', targetId: 'minzdrav', version: 3, routedBy: { id: 'u-operator1' } },
    });
    await desk.core.close();
    const cache = openLocalCache(desk.dir);
    expect(cache.outbox.forAppeal('a-00004')[0]?.baseVersion).toBe(1);
    expect(cache.appeals.server('a-00004')).toMatchObject({ version: 2, targetId: 'mintrans' });
    cache.db.close();

    const later = await openCore('rebase', {}, desk.dir);
    const conflict = await nextEvent<Conflict>(later.core, 'sync.conflict');
    expect(conflict).toMatchObject({
      appealId: 'a-00004',
      local: { type: 'route', targetId: 'minzdrav' },
      server: { status: 'routed', targetId: 'mintrans', routedBy: { id: 'u-operator2' } },
    });
    expect(await serverAppeal(server.url, 'a-00004')).toMatchObject({ targetId: 'mintrans', version: 2 });
    await statusMatching(later.core, (status) => status.state === 'online' && status.pending === 0);
    expect(await value<LocalAppeal>(later.core, 'appeals.get', { id: 'a-00004' })).toMatchObject({
      pending: false, appeal: { targetId: 'mintrans', version: 2 },
    });
  });

  it('lets exactly one of two offline operators win; the other learns who routed it where', async () => {
    const one = await openCore('op1');
    const two = await openCore('op2');
    await signIn(one.core, 'operator1');
    await signIn(two.core, 'operator2');
    const port = server.port;
    await server.close();

    await value(one.core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
    await value(two.core, 'appeals.reject', { appealId: 'a-00001', reason: 'offtopic' });
    await statusMatching(one.core, (status) => status.state === 'offline' && status.pending === 1);
    await statusMatching(two.core, (status) => status.state === 'offline' && status.pending === 1);

    server = await startTestServer({ port, dataDir: serverDir.dir });
    const oneStatus = await value<SyncStatus>(one.core, 'sync.now', {});
    expect(oneStatus).toMatchObject({ state: 'online', pending: 0, offlineSince: null });
    const conflictSeen = nextEvent<Conflict>(two.core, 'sync.conflict');
    await value(two.core, 'sync.now', {});
    const conflict = await conflictSeen;
    expect(conflict).toMatchObject({
      appealId: 'a-00001',
      local: { type: 'reject', reason: 'offtopic' },
      server: { status: 'routed', targetId: 'mingkh', routedBy: { id: 'u-operator1', name: expect.stringContaining('Оператор 1') } },
    });
    expect(conflict.excerpt).toContain('мусор');
    expect(await serverAppeal(server.url, 'a-00001')).toMatchObject({ status: 'routed', targetId: 'mingkh', version: 2 });
    expect(await value<LocalAppeal>(two.core, 'appeals.get', { id: 'a-00001' })).toMatchObject({
      pending: false, appeal: { status: 'routed', targetId: 'mingkh' },
    });
    const listed = await value<{ conflicts: Conflict[] }>(two.core, 'conflicts.list', {});
    expect(listed.conflicts.map((c) => c.id)).toEqual([conflict.id]);
    // An operator cannot re-route a colleague's routing: refused at once with the server's own reason, the conflict
    // kept and nothing queued (trial of 4 December: it said «перенаправлено» and the server refused it later, unseen).
    expect(await two.core.call('conflicts.reroute', { id: conflict.id, targetId: 'minzdrav' })).toEqual({
      ok: false, error: { code: 'forbidden', message: decidedByAnother(conflict.server.routedBy) },
    });
    expect((await value<{ conflicts: Conflict[] }>(two.core, 'conflicts.list', {})).conflicts.map((c) => c.id)).toEqual([conflict.id]);
    expect(await value<SyncStatus>(two.core, 'sync.status', {})).toMatchObject({ pending: 0 });
    await value(two.core, 'conflicts.dismiss', { id: conflict.id });
    expect(await value(two.core, 'conflicts.list', {})).toEqual({ conflicts: [] });
  });

  it('keeps decisions while the server is down and converges by itself after it returns on the same port', async () => {
    const desk = await openCore('offline');
    await signIn(desk.core, 'operator1');
    const port = server.port;
    await server.close();

    await value(desk.core, 'appeals.route', { appealId: 'a-00005', targetId: 'mingkh' });
    await value(desk.core, 'appeals.reject', { appealId: 'a-00004', reason: 'thanks' });
    const offline = await statusMatching(desk.core, (status) => status.state === 'offline' && status.pending === 2);
    expect(offline.offlineSince).not.toBeNull();
    expect(offline.lastError).toMatch(/^Сервер недоступен/);
    // Both rows were handed to the network once: undo must refuse now, saying they wait (not «уже отправлено», beside
    // «Нет связи · ожидают отправки: 2»: a trial of 6 December).
    expect(await desk.core.call('appeals.undo', {})).toMatchObject({ ok: false, error: { code: 'already_sent',
      message: 'Решение уже передавалось на сервер, и он мог его получить — отменить нельзя. Оно в очереди и уйдёт при следующей отправке' } });
    expect((await value<{ total: number }>(desk.core, 'inbox.list', {})).total).toBe(3);

    server = await startTestServer({ port, dataDir: serverDir.dir });
    // No sync.now: the backoff retry must bring it back on its own.
    await statusMatching(desk.core, (status) => status.state === 'online' && status.pending === 0);
    expect(await serverAppeal(server.url, 'a-00005')).toMatchObject({ status: 'routed', version: 2 });
    expect(await serverAppeal(server.url, 'a-00004')).toMatchObject({ status: 'rejected', version: 2 });
    expect(desk.logs.some((line) => /sync: offline, retry 1 in \d+ ms/.test(line))).toBe(true);
  });
});
