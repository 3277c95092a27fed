// Decisions on this machine: the local view and the outbox row commit together (or not at all), undo rules,
// and the dispatcher's error values — all against a real cache file, with the server unreachable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import { decideAppeal, undoNewestDecision } from '../../../electron/core/decide-appeal.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { DeskFailure } from '../../../electron/core/desk-failure.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { InboxRow, LocalAppeal, SyncStatus } from '../../../shared/desk-api/contract.js';
import { deadPort, sampleAppeal, tempDir, value } from './core-test-kit.js';

const OPERATOR = { id: 'u-operator1', name: 'Оператор 1', role: 'operator' as const };

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir('outbox');
});
afterEach(() => temp.remove());

function seed(count: number): void {
  const cache = openLocalCache(temp.dir);
  cache.transaction(() => {
    for (let i = 1; i <= count; i += 1) cache.appeals.storeServer(sampleAppeal(i));
    cache.targets.replace([
      { id: 'mingkh', kind: 'ministry', name: 'Министерство ЖКХ и энергетики', shortName: 'МинЖКХ' },
      { id: 'minzdrav', kind: 'ministry', name: 'Министерство здравоохранения', shortName: 'Минздрав' },
    ]);
    cache.meta.set('user', OPERATOR);
  });
  cache.db.close();
}

describe('decideAppeal / undo on the cache', () => {
  let cache: LocalCache;
  beforeEach(() => {
    seed(3);
    cache = openLocalCache(temp.dir);
  });
  afterEach(() => cache.db.close());

  it('writes the local view and the outbox row together', () => {
    const ack = decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR);
    expect(cache.appeals.local('a-00001')).toMatchObject({ status: 'routed', targetId: 'mingkh', version: 2 });
    expect(cache.appeals.server('a-00001')).toMatchObject({ status: 'new', version: 1 });
    expect(cache.outbox.forAppeal('a-00001')).toEqual([
      expect.objectContaining({ mutationId: ack.mutationId, baseVersion: 1, attemptedAt: null }),
    ]);
    expect(cache.appeals.inbox(0, 10).map((row) => row.id)).toEqual(['a-00003', 'a-00002']);
  });

  it('leaves the appeal unchanged when the outbox insert fails', () => {
    cache.db.exec("CREATE TRIGGER outbox_fails BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(() => decideAppeal(cache, 'a-00001', { type: 'reject', reason: 'spam' }, OPERATOR)).toThrow('disk full');
    expect(cache.appeals.local('a-00001')).toMatchObject({ status: 'new', version: 1 });
    expect(cache.appeals.inboxCount()).toBe(3);
    expect(cache.outbox.count()).toBe(0);
  });

  it('refuses to decide an appeal that is not waiting locally', () => {
    decideAppeal(cache, 'a-00001', { type: 'reject', reason: 'thanks' }, OPERATOR);
    const again = () => decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR);
    expect(again).toThrow(DeskFailure);
    expect(again).toThrow('Обращение уже разобрано');
  });

  it('undoes the newest unsent decision, then refuses once it was handed to the network', () => {
    decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR);
    const second = decideAppeal(cache, 'a-00002', { type: 'route', targetId: 'minzdrav' }, OPERATOR);
    expect(undoNewestDecision(cache, OPERATOR.id)).toEqual({ appealId: 'a-00002' });
    expect(cache.appeals.local('a-00002')).toMatchObject({ status: 'new', version: 1 });
    expect(cache.outbox.get(second.mutationId)).toBeNull();

    const first = cache.outbox.newest(OPERATOR.id);
    cache.outbox.markAttempted(first?.mutationId ?? '', new Date().toISOString());
    expect(() => undoNewestDecision(cache, OPERATOR.id)).toThrow('Решение уже отправляется на сервер — отменить нельзя');
    expect(cache.appeals.local('a-00001')).toMatchObject({ status: 'routed' });
  });

  it('says there is nothing to undo on an empty outbox', () => {
    expect(() => undoNewestDecision(cache, OPERATOR.id)).toThrow(expect.objectContaining({ code: 'nothing_to_undo' }));
  });
});

describe('desk dispatcher (server unreachable)', () => {
  let core: DeskCore;
  let logs: string[];
  beforeEach(async () => {
    seed(5);
    logs = [];
    core = await createDeskCore({
      dataDir: temp.dir,
      apiUrl: `http://127.0.0.1:${await deadPort()}`,
      tokenStore: createMemoryTokenStore('t'.repeat(32)),
      pushDelayMs: 60_000,
      syncIntervalMs: 60_000,
      requestTimeoutMs: 2_000,
      log: (line) => logs.push(line),
    });
  });
  afterEach(() => core.close());

  it('answers unknown methods and bad input with bad_request', async () => {
    expect(await core.call('appeals.delete', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.call('appeals.route', { appealId: 'a-00001' })).toMatchObject({
      ok: false, error: { code: 'bad_request' },
    });
    expect(await core.call('inbox.list', { offset: -1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.call('session.get', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('works offline: session from the cache, inbox, route, get, undo', async () => {
    const session = await value<{ user: { id: string } | null }>(core, 'session.get', {});
    expect(session.user?.id).toBe('u-operator1');

    const inbox = await value<{ rows: InboxRow[]; total: number }>(core, 'inbox.list', { offset: 1, limit: 2 });
    expect(inbox.total).toBe(5);
    expect(inbox.rows.map((row) => row.id)).toEqual(['a-00004', 'a-00003']);
    expect(inbox.rows[0]).toMatchObject({ source: 'vk', attachmentCount: 0, authorName: 'Житель 4' });

    const changed: unknown[] = [];
    core.on('appeals.changed', (payload) => changed.push(payload));
    await value(core, 'appeals.route', { appealId: 'a-00005', targetId: 'mingkh' });
    expect(changed).toEqual([{ ids: ['a-00005'] }]);
    const got = await value<LocalAppeal>(core, 'appeals.get', { id: 'a-00005' });
    expect(got).toMatchObject({ pending: true, appeal: { status: 'routed', routedBy: { id: 'u-operator1' } } });
    expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(1);

    expect(await core.call('appeals.route', { appealId: 'a-00005', targetId: 'minzdrav' })).toMatchObject({
      ok: false, error: { code: 'not_pending' },
    });
    expect(await core.call('appeals.route', { appealId: 'a-00004', targetId: 'nowhere' })).toMatchObject({
      ok: false, error: { code: 'bad_request' },
    });
    expect(await core.call('appeals.get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(await value(core, 'appeals.undo', {})).toEqual({ appealId: 'a-00005' });
    expect(await core.call('appeals.undo', {})).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
    expect((await value<{ total: number }>(core, 'inbox.list', {})).total).toBe(5);
  });

  it('reports the server as unreachable on login and goes offline on sync', async () => {
    const login = await core.call('session.login', { login: 'operator1', password: 'operator1' });
    expect(login).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    expect(!login.ok && login.error.message).toMatch(/^Сервер недоступен: /);
    const status = await value<SyncStatus>(core, 'sync.now', {});
    expect(status).toMatchObject({ state: 'offline', lastError: expect.stringMatching(/^Сервер недоступен/) });
    expect(status.offlineSince).not.toBeNull();
  });

  it('keeps favourites to known targets, defaults first', async () => {
    expect(await value(core, 'favorites.get', {})).toEqual({ targetIds: ['mingkh', 'minzdrav'] });
    expect(await value(core, 'favorites.set', { targetIds: ['minzdrav', 'ghost', 'minzdrav'] })).toEqual({
      targetIds: ['minzdrav'],
    });
    expect(await value(core, 'favorites.get', {})).toEqual({ targetIds: ['minzdrav'] });
  });

  it('refuses to decide when signed out', async () => {
    await value(core, 'session.signOut', { unsent: 'discard' });
    expect(await core.call('appeals.reject', { appealId: 'a-00001', reason: 'spam' })).toMatchObject({
      ok: false, error: { code: 'not_signed_in' },
    });
    expect((await value<SyncStatus>(core, 'sync.status', {})).state).toBe('signed-out');
  });
});

describe('inbox at scale', () => {
  it('lists 50,000 waiting appeals newest first from the index, count included', () => {
    const cache = openLocalCache(temp.dir);
    const appeals: Appeal[] = Array.from({ length: 50_000 }, (_, i) => sampleAppeal(i + 1));
    cache.transaction(() => appeals.forEach((appeal) => cache.appeals.storeServer(appeal)));
    const rows = cache.appeals.inbox(0, 100_000);
    expect(rows).toHaveLength(50_000);
    expect(rows[0]?.id).toBe('a-50000');
    expect(cache.appeals.inboxCount()).toBe(50_000);
    cache.db.close();
    // The file stays a plain SQLite database others can read (WAL checkpointed on close).
    const raw = new Database(join(temp.dir, 'cache.sqlite'), { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM appeals').get()).toEqual({ n: 50_000 });
    raw.close();
  });
});
