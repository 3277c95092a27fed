// Team mode (#9) on the desk core against the real reference server on 127.0.0.1: the live channel (a colleague's
// decision arrives without polling, reconnect and resume after a server restart, token expiry, fallback to polling),
// holds (granted, taken with the holder, seen by colleagues, released on sign-out and on disconnect, re-sent after
// a restart, a surge cluster held as a whole), and that holds never stand in the way of a decision.
import { createServer, request, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../../../electron/core/desk-core.js';
import { SHARE_AFTER_MS } from '../../../electron/core/team/team-service.js';
import { shareOwners } from '../../../shared/team/offline-share.js';
import { type RunningServer, type StartServerOptions } from '../../../server/start-server.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import type { HoldOutcome, TeamView } from '../../../shared/desk-api/team-contract.js';
import { incomingAppeal, nextEvent, statusMatching, tempDir, value } from '../core/core-test-kit.js';
import { SURGE_WATER_IDS, surgeAppeals } from '../../fixtures/surge-appeals.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let port = 0;
let serverOptions: Partial<StartServerOptions> = {};
/** The server's clock runs this far ahead of the real one (session expiry without waiting 12 hours). */
let clockOffsetMs = 0;
const cleanups: (() => Promise<void> | void)[] = [];

async function startTheServer(options: Partial<StartServerOptions> = serverOptions): Promise<void> {
  serverOptions = options;
  server = await startTestServer({ port, dataDir: serverDir.dir, liveHeartbeatMs: 300,
    clock: () => Date.now() + clockOffsetMs, ...options });
  port = server.port;
}

beforeEach(async () => {
  serverDir = tempDir('team-server');
  port = 0;
  clockOffsetMs = 0;
  await startTheServer({});
  await ingest(5);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function tokenFor(login: string): Promise<string> {
  const response = await fetch(`${server.url}${API_PREFIX}/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function ingest(count: number, from = 1): Promise<void> {
  const appeals = Array.from({ length: count }, (_, i) => incomingAppeal(from + i));
  await post('/appeals', await tokenFor('connector'), { appeals });
}

async function post(path: string, token: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.url}${API_PREFIX}${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

/** A desk signed in as `login`, polling only once a minute: anything faster came through the live channel. */
async function desk(login: string, options: Partial<DeskCoreOptions> = {}): Promise<DeskCore> {
  const dir = tempDir(login);
  const core = await createDeskCore({
    dataDir: dir.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000, requestTimeoutMs: 3_000,
    liveSilenceMs: 1_500, ...options,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanups.push(close, dir.remove);
  await value(core, 'session.login', { login, password: login });
  await liveIs(core, 'connected');
  await value(core, 'sync.now', {});
  return Object.assign(Object.create(core) as DeskCore, { close });
}

const liveIs = (core: DeskCore, state: NonNullable<SyncStatus['live']>) => statusMatching(core, (s) => s.live === state);

/**
 * A proxy in front of the server that streams everything through (the live channel too), except what `rule` refuses
 * (a 404) or holds back for a number of milliseconds before forwarding it.
 */
async function proxyToServer(rule: (req: IncomingMessage) => 'pass' | 'refuse' | number): Promise<string> {
  const proxy = createServer((req, res) => {
    const verdict = rule(req);
    if (verdict === 'refuse') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"нет"}}');
      return;
    }
    const forward = () => {
      const upstream = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      // The desk closing its end (the live channel) closes the server's end too, as a direct connection would.
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    };
    if (verdict === 'pass') forward();
    else setTimeout(forward, verdict);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    proxy.closeAllConnections();
    proxy.close(() => resolve());
  }));
  const address = proxy.address();
  if (address === null || typeof address === 'string') throw new Error('no proxy port');
  return `http://127.0.0.1:${address.port}`;
}

/** Resolves with the team view once it matches (checking the current one first). */
async function teamMatching(core: DeskCore, predicate: (view: TeamView) => boolean): Promise<TeamView> {
  const waiting = nextEvent<TeamView>(core, 'team.changed', predicate);
  const now = await value<TeamView>(core, 'team.get', {});
  return predicate(now) ? now : waiting;
}

const inboxIds = async (core: DeskCore): Promise<string[]> => (await value<{ ids: string[] }>(core, 'inbox.ids', {})).ids;

async function inboxWithout(core: DeskCore, id: string): Promise<void> {
  const waiting = nextEvent<{ ids: string[] }>(core, 'appeals.changed', () => true);
  if (!(await inboxIds(core)).includes(id)) return;
  await waiting;
  await expect.poll(() => inboxIds(core), { timeout: 3_000 }).not.toContain(id);
}

describe('live channel', () => {
  it('brings a colleague\'s decision within a second, without polling', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first] = await inboxIds(b);
    expect(first).toBeDefined();
    const started = performance.now();
    await value(a, 'appeals.route', { appealId: first, targetId: 'gov' });
    await value(a, 'sync.now', {});
    await inboxWithout(b, first!);
    expect(performance.now() - started).toBeLessThan(60_000); // bounded by the test, not the poll (once a minute)
    const status = await value<SyncStatus>(b, 'sync.status', {});
    expect(status.live).toBe('connected');
  });

  it('reconnects after a server restart, resumes from its cursor and says so meanwhile', async () => {
    const a = await desk('operator1');
    await server.close();
    await liveIs(a, 'down');
    await startTheServer();
    await ingest(2, 100); // arrives while the desk is still reconnecting
    await liveIs(a, 'connected');
    await expect.poll(async () => (await inboxIds(a)).length, { timeout: 5_000 }).toBe(7);
  });

  it('off the channel, shares the queue out among the operators who were on shift, until it is back', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const lead = await desk('lead');
    await teamMatching(a, (v) => v.members.filter((m) => m.onlineSince !== null).length === 3);
    expect((await value<TeamView>(a, 'team.get', {})).offlineShare).toBeUndefined();
    await server.close();
    // Selected after the channel went (the server never heard of it), an appeal the hash gives the colleague: what the
    // desk has on screen as the share begins is its own, or it would jump to the end of its list.
    const byHash = shareOwners([{ id: 'u-operator1', name: '', holds: [] }, { id: 'u-operator2', name: '', holds: [] }]);
    const theirs = (await inboxIds(a)).find((id) => byHash(id)?.id === 'u-operator2');
    expect(theirs).toBeDefined();
    await liveIs(a, 'down');
    await value(a, 'team.hold', { appealId: theirs });
    // The two operators, not the lead (who decides from their own screens); each desk names the same two.
    const shared = await teamMatching(a, (v) => v.offlineShare !== undefined);
    expect(shared.offlineShare?.map((m) => m.id).sort()).toEqual(['u-operator1', 'u-operator2']);
    expect(shared.offlineShare?.find((m) => m.id === 'u-operator1')?.holds).toContain(theirs);
    expect((await teamMatching(b, (v) => v.offlineShare !== undefined)).offlineShare?.map((m) => m.id).sort())
      .toEqual(['u-operator1', 'u-operator2']);
    expect((await value<TeamView>(lead, 'team.get', {})).offlineShare).toBeUndefined();
    await startTheServer();
    await liveIs(a, 'connected');
    expect((await teamMatching(a, (v) => v.offlineShare === undefined)).offlineShare).toBeUndefined();

    // A blip the channel reconnects through (a proxy cutting long connections) shares nothing: no reordering, no notice.
    const seen: TeamView[] = [];
    const off = a.on('team.changed', (view) => { seen.push(view as TeamView); });
    await server.close();
    await liveIs(a, 'down');
    await startTheServer();
    await liveIs(a, 'connected');
    off();
    expect(seen.filter((view) => view.offlineShare !== undefined)).toEqual([]);
  });

  it('shares nothing when the desk leaves the channel on purpose (a locked screen), however long', async () => {
    const a = await desk('operator1');
    await desk('operator2');
    await teamMatching(a, (v) => v.members.filter((m) => m.onlineSince !== null).length === 2);
    const seen: TeamView[] = [];
    const off = a.on('team.changed', (view) => { seen.push(view as TeamView); });
    await value(a, 'team.present', { present: false });
    await liveIs(a, 'off');
    await new Promise((resolve) => setTimeout(resolve, SHARE_AFTER_MS + 1_000));
    off();
    expect(seen.filter((view) => view.offlineShare !== undefined)).toEqual([]);
    expect((await value<TeamView>(a, 'team.get', {})).offlineShare).toBeUndefined();
  });

  it('signs the desk out when the server ends the session (expiry announced on the channel)', async () => {
    const a = await desk('operator1');
    clockOffsetMs = 13 * 3_600_000; // past the 12-hour session: the next heartbeat finds it expired and says bye
    await statusMatching(a, (s) => s.state === 'signed-out');
    expect((await value<{ user: unknown }>(a, 'session.get', {})).user).toBeNull();
  });

  it('falls back to polling when the channel cannot be had, and decisions still go through', async () => {
    // A proxy that answers everything except /live: polling must carry the desk.
    const apiUrl = await proxyToServer((req) => ((req.url ?? '').startsWith(`${API_PREFIX}/live`) ? 'refuse' : 'pass'));
    const dir = tempDir('fallback');
    const core = await createDeskCore({ dataDir: dir.dir, apiUrl, pushDelayMs: 0,
      syncIntervalMs: 300, requestTimeoutMs: 3_000 });
    cleanups.push(() => core.close(), dir.remove);
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await liveIs(core, 'down');
    const [first] = await inboxIdsEventually(core, 5);
    await value(core, 'appeals.route', { appealId: first, targetId: 'gov' });
    await statusMatching(core, (s) => s.pending === 0 && s.state === 'online');
    await ingest(1, 200);
    await expect.poll(async () => (await inboxIds(core)).length, { timeout: 5_000 }).toBe(5);
  });
});

async function inboxIdsEventually(core: DeskCore, count: number): Promise<string[]> {
  await expect.poll(async () => (await inboxIds(core)).length, { timeout: 5_000 }).toBe(count);
  return inboxIds(core);
}

describe('holds', () => {
  it('gives the selection to the first desk and names the holder to the second, who sees it within a second', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first] = await inboxIds(a);
    const mine = await value<HoldOutcome>(a, 'team.hold', { appealId: first });
    expect(mine.state).toBe('mine');
    const seen = await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    expect(seen.heldByOthers[first!]?.name).toContain('Анна Петрова');
    const taken = await value<HoldOutcome>(b, 'team.hold', { appealId: first });
    expect(taken).toMatchObject({ state: 'taken', holder: { id: 'u-operator1' } });
    // Presence: both online, each listed once, A holding the appeal.
    const members = seen.members.filter((m) => m.onlineSince !== null).map((m) => m.id).sort();
    expect(members).toEqual(['u-operator1', 'u-operator2']);
    expect(seen.members.find((m) => m.id === 'u-operator1')?.holds.map((h) => h.appealId)).toEqual([first]);
  });

  it('never blocks a decision: a held appeal is still routed by a colleague, and the server judges versions', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first] = await inboxIds(a);
    await value(a, 'team.hold', { appealId: first });
    await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    await value(b, 'appeals.route', { appealId: first, targetId: 'gov' });
    await statusMatching(b, (s) => s.pending === 0);
    // A's hold ended with the decision; A's inbox loses the appeal through the channel.
    await inboxWithout(a, first!);
    await teamMatching(b, (view) => view.heldByOthers[first!] === undefined);
  });

  it('ends on moving on, on sign-out and on disconnect', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first, second] = await inboxIds(a);
    await value(a, 'team.hold', { appealId: first });
    await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    await value(a, 'team.hold', { appealId: second });
    await teamMatching(b, (view) => view.heldByOthers[first!] === undefined && view.heldByOthers[second!] !== undefined);
    await value(a, 'session.signOut', { unsent: 'ask' });
    await teamMatching(b, (view) => Object.keys(view.heldByOthers).length === 0
      && !view.members.some((m) => m.id === 'u-operator1' && m.onlineSince !== null));

    const c = await desk('operator3');
    await value(c, 'team.hold', { appealId: first });
    await teamMatching(b, (view) => view.heldByOthers[first!]?.id === 'u-operator3');
    await c.close(); // the desk goes away without a word: its live connection closes, its holds with it
    await teamMatching(b, (view) => Object.keys(view.heldByOthers).length === 0);
  });

  it('a desk nobody is at (team.present false) leaves the shift and its holds; back, it joins and holds again', async () => {
    // The browser workstation's closed tab (Electron's closed window quits): the desk ran on «в смене» for colleagues.
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first] = await inboxIds(a);
    const aOnline = (view: TeamView) => view.members.some((m) => m.id === 'u-operator1' && m.onlineSince !== null);
    await value(a, 'team.hold', { appealId: first });
    await teamMatching(b, (view) => view.heldByOthers[first!]?.id === 'u-operator1' && aOnline(view));

    expect(await value(a, 'team.present', { present: false })).toEqual({ present: false });
    await teamMatching(b, (view) => view.heldByOthers[first!] === undefined && !aOnline(view));
    expect((await value<TeamView>(a, 'team.get', {})).members).toEqual([]);
    expect(await value<HoldOutcome>(a, 'team.hold', { appealId: first })).toEqual({ state: 'offline' });
    // Decisions go on as ever (holds are advice), and reach the colleague.
    const [, second] = await inboxIds(a);
    await value(a, 'appeals.route', { appealId: second, targetId: 'gov' });
    await inboxWithout(b, second!);

    // Back (the screen unlocked on the same appeal): online again and the appeal on screen held, unasked.
    expect(await value(a, 'team.present', { present: true })).toEqual({ present: true });
    await liveIs(a, 'connected');
    await teamMatching(b, (view) => aOnline(view) && view.heldByOthers[first!]?.id === 'u-operator1');
    const [, , third] = await inboxIds(a);
    expect(await value<HoldOutcome>(a, 'team.hold', { appealId: third })).toEqual({ state: 'mine' });
    await teamMatching(b, (view) => view.heldByOthers[third!]?.id === 'u-operator1' && view.heldByOthers[first!] === undefined);
  });

  it('a hold asked for as the desk closes does not outlive it: the request lands before the channel goes', async () => {
    // The server drops a session's holds when its channel goes, not a hold that reaches it after: one sent just before
    // the desk closed stood for the whole lease (90 s), «смотрит …» from a desk that was gone. The proxy holds each
    // PUT /holds back 600 ms, as a slow network would.
    const b = await desk('operator2');
    let holdRequests = 0;
    const apiUrl = await proxyToServer((req) => {
      if (req.method !== 'PUT' || !(req.url ?? '').startsWith(`${API_PREFIX}/holds`)) return 'pass';
      holdRequests += 1;
      return 600;
    });
    const c = await desk('operator3', { apiUrl });
    const [first] = await inboxIds(c);
    holdRequests = 0;
    const asked = c.call('team.hold', { appealId: first });
    // On its way (a desk spaces its hold requests 100 ms apart), held back by the proxy when the desk closes.
    await expect.poll(() => holdRequests, { interval: 10 }).toBe(1);
    await c.close();
    await asked;
    await teamMatching(b, (view) => !view.members.some((m) => m.id === 'u-operator3' && m.onlineSince !== null));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await value<TeamView>(b, 'team.get', {})).heldByOthers[first!]).toBeUndefined();
  });

  it('holds are re-sent after a server restart (the server kept none: they live in memory)', async () => {
    const a = await desk('operator1');
    const [first] = await inboxIds(a);
    await value(a, 'team.hold', { appealId: first });
    await server.close();
    await liveIs(a, 'down');
    await startTheServer();
    await liveIs(a, 'connected');
    const b = await desk('operator2');
    const seen = await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    expect(seen.heldByOthers[first!]?.id).toBe('u-operator1');
  });

  it('a colleague\'s decision never shows its appeal as free while it is still listed (the pull comes first)', async () => {
    const a = await desk('operator1');
    const b = await desk('operator2');
    const [first] = await inboxIds(a);
    await value(a, 'team.hold', { appealId: first });
    await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    const freedWhileListed: boolean[] = [];
    const checks: Promise<void>[] = [];
    const off = b.on('team.changed', (payload) => {
      if ((payload as TeamView).heldByOthers[first!] !== undefined) return;
      checks.push(inboxIds(b).then((ids) => { freedWhileListed.push(ids.includes(first!)); }));
    });
    await value(a, 'appeals.route', { appealId: first, targetId: 'gov' });
    await value(a, 'sync.now', {});
    await inboxWithout(b, first!);
    await teamMatching(b, (view) => view.heldByOthers[first!] === undefined);
    await Promise.all(checks);
    off();
    expect(freedWhileListed.length).toBeGreaterThan(0);
    expect(freedWhileListed.every((listed) => !listed)).toBe(true);
  });

  it('keeps the decisions still inside the undo grace held and marked decided, so colleagues do not pick them up meanwhile', async () => {
    const a = await desk('operator1', { pushDelayMs: 60_000 });
    const b = await desk('operator2');
    const [first, second] = await inboxIds(a);
    await value(a, 'team.hold', { appealId: first });
    await value(a, 'appeals.route', { appealId: first, targetId: 'gov' });
    await value(a, 'team.hold', { appealId: second });
    const seen = await teamMatching(b, (view) => view.heldByOthers[second!] !== undefined);
    expect(seen.heldByOthers[first!]?.id).toBe('u-operator1');
    // Marked as decided (colleagues read «решение: …», the lead «решено, отправляется»); the selection only read.
    expect(seen.heldByOthers[first!]?.deciding).toBe(true);
    expect(seen.heldByOthers[second!]?.deciding).toBeUndefined();
    expect(seen.members.find((m) => m.id === 'u-operator1')?.holds.map((h) => [h.appealId, h.deciding ?? false]).sort())
      .toEqual([[first, true], [second, false]].sort());
    await value(a, 'appeals.undo', {});
    await teamMatching(b, (view) => view.heldByOthers[first!] === undefined);
    // Undone and opened again: read, not decided.
    await value(a, 'team.hold', { appealId: first });
    const reading = await teamMatching(b, (view) => view.heldByOthers[first!] !== undefined);
    expect(reading.heldByOthers[first!]?.deciding).toBeUndefined();
  });

  it('holds a surge cluster as a whole: a colleague sees every member held', async () => {
    const connector = await tokenFor('connector');
    await post('/appeals', connector, { appeals: surgeAppeals(Date.now()) });
    const a = await desk('operator1');
    const b = await desk('operator2');
    // The face of the water cluster in A's inbox (clustering runs after the pull).
    let face: string | undefined;
    await expect.poll(async () => {
      const listed = await value<{ ids: string[]; clusters?: Record<string, unknown> }>(a, 'inbox.ids', {});
      face = listed.ids.find((id) => SURGE_WATER_IDS.includes(id) && listed.clusters?.[id] !== undefined);
      return face ?? null;
    }, { timeout: 10_000 }).not.toBeNull();
    expect(face).toBeDefined();
    expect((await value<HoldOutcome>(a, 'team.hold', { appealId: face })).state).toBe('mine');
    const seen = await teamMatching(b, (view) => SURGE_WATER_IDS.every((id) => view.heldByOthers[id] !== undefined));
    expect(Object.keys(seen.heldByOthers).sort()).toEqual([...SURGE_WATER_IDS].sort());
    // Any member of the held cluster counts as taken for the colleague.
    const other = SURGE_WATER_IDS.find((id) => id !== face);
    expect((await value<HoldOutcome>(b, 'team.hold', { appealId: other })).state).toBe('taken');
  });
});
