// A central API that breaks the contract, served by a tiny loopback HTTP server: its payloads are rejected
// whole (cache unchanged, one clear log line without citizen text), and a 401 on a data call signs the desk out.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore, type TokenStore } from '../../../electron/core/token-store.js';
import { MAX_UNANSWERED_SENDS } from '../../../electron/core/sync-push.js';
import type { Conflict, InboxRow, Session, SyncStatus } from '../../../shared/desk-api/contract.js';
import { sampleAppeal, statusMatching, tempDir, value } from './core-test-kit.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const CITIZEN_SECRET = 'Паспорт 5000 123456 Иванов';
const USER = { id: 'u-operator1', name: 'Оператор 1', role: 'operator' };

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

let temp: ReturnType<typeof tempDir>;
let routes: Record<string, Route>;
let url: string;
let close: () => Promise<void>;
let core: DeskCore | undefined;

beforeEach(async () => {
  temp = tempDir('off-contract');
  routes = {
    'POST /api/v1/session': (_req, res) => json(res, 200, { token: 'x'.repeat(32), user: USER }),
    'GET /api/v1/targets': (_req, res) => json(res, 200, { targets: [] }),
    'GET /api/v1/changes': (_req, res) => json(res, 200, { appeals: [], cursor: '0', hasMore: false }),
  };
  const server = createServer((req, res) => {
    req.resume();
    const route = routes[`${req.method} ${(req.url ?? '').split('?')[0]}`];
    if (route) route(req, res);
    else json(res, 404, { error: { code: 'not_found', message: 'no route' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  await close();
  temp.remove();
});

async function start(tokenStore: TokenStore = createMemoryTokenStore()): Promise<{ core: DeskCore; logs: string[] }> {
  const logs: string[] = [];
  core = await createDeskCore({
    dataDir: temp.dir, apiUrl: url, tokenStore, pushDelayMs: 0, syncIntervalMs: 60_000, requestTimeoutMs: 5_000,
    log: (line) => logs.push(line),
  });
  return { core, logs };
}

/** Serves POST /mutations with `answer`'s results for each mutation sent; counts the requests. */
function answerMutations(answer: (mutation: { id: string }) => readonly unknown[]): { count: number } {
  const posts = { count: 0 };
  routes['POST /api/v1/mutations'] = (req, res) => {
    posts.count += 1;
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const { mutations } = JSON.parse(body) as { mutations: { id: string }[] };
      json(res, 200, { results: mutations.flatMap((m) => answer(m)) });
    });
  };
  return posts;
}

describe('off-contract central API', () => {
  it('rejects a /changes page with a malformed appeal: nothing stored, cursor kept, one clear log line', async () => {
    const good = sampleAppeal(1, { text: CITIZEN_SECRET });
    const bad = { ...sampleAppeal(2, { text: CITIZEN_SECRET }), version: 'два' };
    routes['GET /api/v1/changes'] = (_req, res) => json(res, 200, { appeals: [good, bad], cursor: '2', hasMore: false });
    const { core, logs } = await start();
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    const status = await value<SyncStatus>(core, 'sync.now', {});

    expect(status.state).toBe('offline');
    expect(status.lastError).toContain('не по протоколу');
    const inbox = await value<{ rows: InboxRow[]; total: number }>(core, 'inbox.list', {});
    expect(inbox).toEqual({ rows: [], total: 0 });
    const offContract = logs.filter((line) => line.includes('off-contract'));
    expect(offContract[0]).toMatch(/^api: GET \/changes → off-contract response rejected: appeals\.1\.version: /);
    expect(logs.some((line) => line.includes('Паспорт') || line.includes('Иванов'))).toBe(false);
    await core.close();
    const cache = openLocalCache(temp.dir);
    expect(cache.meta.get('cursor')).toBeUndefined();
    cache.db.close();
  });

  it('rejects a /mutations answer without the appeal: the decision stays in the outbox', async () => {
    routes['GET /api/v1/changes'] = (_req, res) =>
      json(res, 200, { appeals: [sampleAppeal(1)], cursor: '1', hasMore: false });
    const posts = answerMutations((m) => [{ id: m.id, status: 'applied' }]);
    const { core, logs } = await start();
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await value(core, 'sync.now', {});
    await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
    const status = await statusMatching(core, (s) => s.state === 'offline');
    expect(posts.count).toBeGreaterThanOrEqual(1);
    expect(status.pending).toBe(1);
    expect(logs.some((line) => line.startsWith('api: POST /mutations → off-contract response rejected: results.0.appeal'))).toBe(true);
    expect(await value(core, 'appeals.get', { id: 'a-00001' })).toMatchObject({ pending: true, appeal: { status: 'routed' } });
  });

  // #12 defect 2: an answer that names another appeal (seen with ids holding lone surrogates, which SQLite stores as
  // U+FFFD) or no answer at all for a row used to keep the row "for retry" forever: pending 1, sign-out asking forever.
  for (const [label, answer] of [
    ['names another appeal', (m: { id: string }) => [{ id: m.id, status: 'applied', appeal: sampleAppeal(2, { version: 2 }) }]],
    ['leaves the row unanswered', () => []],
  ] as const) {
    it(`a /mutations answer that ${label} is retried a bounded number of times, then shown as an invalid conflict`, async () => {
      routes['GET /api/v1/changes'] = (_req, res) =>
        json(res, 200, { appeals: [sampleAppeal(1), sampleAppeal(2)], cursor: '2', hasMore: false });
      const posts = answerMutations(answer);
      const { core } = await start();
      await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
      await value(core, 'sync.now', {});
      const pendingSeen: number[] = [];
      core.on('sync.status', (status) => pendingSeen.push((status as SyncStatus).pending));
      await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
      // No operator action: the desk retries on its own (after 1 s, then 2 s of backoff) and then gives the row up.
      await statusMatching(core, (s) => s.pending === 0);

      expect(posts.count).toBe(MAX_UNANSWERED_SENDS);
      expect(pendingSeen.filter((n) => n === 1).length).toBeGreaterThanOrEqual(MAX_UNANSWERED_SENDS);
      const { conflicts } = await value<{ conflicts: (Conflict & { kind?: string })[] }>(core, 'conflicts.list', {});
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ appealId: 'a-00001', local: { type: 'route', targetId: 'mingkh' } });
      // The other appeal named by the garbled answer was not touched.
      expect(await value(core, 'appeals.get', { id: 'a-00002' })).toMatchObject({ appeal: { version: 1, status: 'new' } });
      expect(await core.call('session.signOut', {})).toMatchObject({ ok: true });
    }, 20_000);
  }

  it('refuses appeal ids that are not well-formed Unicode: in a /changes page and in a decision', async () => {
    routes['GET /api/v1/changes'] = (_req, res) => json(res, 200,
      { appeals: [sampleAppeal(1), sampleAppeal(2, { id: 'a-\uD800' })], cursor: '2', hasMore: false });
    const { core, logs } = await start();
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    const status = await value<SyncStatus>(core, 'sync.now', {});
    expect(status.lastError).toContain('не по протоколу');
    expect(logs.some((line) => /off-contract response rejected: appeals\.1\.id: /.test(line))).toBe(true);
    expect(await value(core, 'inbox.list', {})).toEqual({ rows: [], total: 0 });
    for (const appealId of ['a-\uDC00', 'a-\u0000']) {
      expect(await core.call('appeals.route', { appealId, targetId: 'mingkh' }))
        .toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('signs out on a 401 from a data call and clears the stored token', async () => {
    routes['GET /api/v1/changes'] = (_req, res) => json(res, 401, { error: { code: 'unauthorized', message: 'expired' } });
    const tokens = createMemoryTokenStore();
    const { core } = await start(tokens);
    const sessions: Session[] = [];
    core.on('session.changed', (payload) => sessions.push(payload as Session));
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    const status = await value<SyncStatus>(core, 'sync.now', {});
    expect(status).toMatchObject({ state: 'signed-out', lastError: 'Сессия истекла — войдите снова' });
    expect(tokens.load()).toBeNull();
    expect(sessions.map((s) => s.user?.id ?? null)).toEqual(['u-operator1', null]);
    expect((await value<Session>(core, 'session.get', {})).user).toBeNull();
  });
});
