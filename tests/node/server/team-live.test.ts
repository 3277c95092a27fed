// Team mode, the live channel (GET /live, server-sent events): hello first, `changes` within a second of a decision or
// an ingest, `team` when holds or presence change (not on renewals), heartbeats, `bye` on sign-out, session expiry and
// shutdown, holds ending with the last connection, expiries announced, and the refusals (401, 403, 400, caps).
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_EVENTS, type TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import { openLive, type LiveMessage, type LiveStream } from './live-reader.js';
import { incoming, mutationId, startFixture, TEST_ENGINE, type Fixture } from './server-fixture.js';

const START = Date.parse('2025-03-01T03:00:00Z');
let clock = START;
let fx: Fixture | undefined;
const streams: LiveStream[] = [];

afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await fx?.dispose();
  fx = undefined;
});

async function start(server: Parameters<typeof startFixture>[0] extends infer O ? O extends { server?: infer S } ? S : never : never = {}) {
  clock = START;
  fx = await startFixture({ server: { clock: () => clock, ...server } });
  const connector = await fx.signIn('connector');
  await ingest(connector, ['a', 'b', 'c']);
  return { fx, connector, op1: await fx.signIn('operator1'), op2: await fx.signIn('operator2') };
}

async function ingest(connector: string, ids: string[]): Promise<void> {
  const res = await fx!.call('POST', '/appeals', { token: connector, body: { appeals: ids.map((id) => incoming(id)) } });
  expect(res.status).toBe(200);
}

async function live(token: string | undefined, query = ''): Promise<LiveStream> {
  const stream = await openLive(fx!.server.url, token, query);
  streams.push(stream);
  return stream;
}

async function hello(stream: LiveStream) {
  expect(stream.status).toBe(200);
  return LIVE_EVENTS.hello.parse(await stream.nextEvent('hello'));
}

const hold = async (token: string, appealIds: string[]) =>
  expect((await fx!.call('PUT', '/holds', { token, body: { appealIds } })).status).toBe(200);

const route = (token: string, appealId: string) => fx!.call('POST', '/mutations', { token, body: { mutations: [
  { id: mutationId(), appealId, baseVersion: 1, createdAt: new Date(START).toISOString(), type: 'route', targetId: 'gov' }] } });

const member = (team: TeamSnapshot, id: string) => team.members.find((m) => m.id === id);

/** The next `team` event that satisfies `match`; every team event is checked against the contract on the way. */
async function nextTeam(stream: LiveStream, match: (team: TeamSnapshot) => boolean, timeoutMs = 3000): Promise<TeamSnapshot> {
  const m = await stream.next((x) => x.kind === 'event' && x.event === 'team' && match(LIVE_EVENTS.team.parse(x.data)), timeoutMs);
  return LIVE_EVENTS.team.parse((m as Extract<LiveMessage, { kind: 'event' }>).data);
}

describe('GET /live', () => {
  it('opens an event stream whose first event is hello with the head, lease, heartbeat and team', async () => {
    const { op1 } = await start();
    const stream = await live(op1, '?cursor=1');
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    const first = await stream.next();
    expect(first).toMatchObject({ kind: 'event', event: 'hello' });
    const data = LIVE_EVENTS.hello.parse((first as { data: unknown }).data);
    const changes = (await fx!.call('GET', '/changes', { token: op1 })).body as { head: string };
    // The cursor is behind the head (3 appeals): hello carries the head and that is the whole answer.
    expect(data).toMatchObject({ head: changes.head, leaseMs: 90_000, heartbeatMs: 15_000 });
    expect(changes.head).toBe('3');
    expect(member(data.team, 'u-operator1')).toMatchObject({ onlineSince: new Date(START).toISOString(), holds: [] });
    // The event is framed per the spec: `event:` line, one `data:` line of JSON, blank line.
    expect((first as { raw: string }).raw).not.toContain('\n');
  });

  it('sends `changes` within 1 s of another operator’s decision, and after an ingest', async () => {
    const { op1, op2, connector } = await start();
    const stream = await live(op1);
    const { head } = await hello(stream);
    const sent = performance.now();
    expect((await route(op2, 'a')).status).toBe(200);
    const changes = LIVE_EVENTS.changes.parse(await stream.nextEvent('changes', 1000));
    expect(performance.now() - sent).toBeLessThan(1000);
    expect(Number(changes.head)).toBe(Number(head) + 1);

    await ingest(connector, ['d', 'e']);
    expect(LIVE_EVENTS.changes.parse(await stream.nextEvent('changes', 1000)).head).toBe(String(Number(head) + 3));
  });

  it('coalesces a burst: one request deciding several appeals gives one `changes` event', async () => {
    const { op1, op2 } = await start();
    const stream = await live(op1);
    await hello(stream);
    const res = await fx!.call('POST', '/mutations', { token: op2, body: { mutations: ['a', 'b', 'c'].map((appealId) => (
      { id: mutationId(), appealId, baseVersion: 1, createdAt: new Date(START).toISOString(), type: 'reject', reason: 'spam' })) } });
    expect((res.body as { results: { status: string }[] }).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await stream.nextEvent('changes')).toEqual({ head: '6' });
    // A later, visible team change marks the end: no second `changes` came in between.
    const marker = await live(op2);
    await hello(marker);
    await nextTeam(stream, (t) => typeof member(t, 'u-operator2')?.onlineSince === 'string');
    expect(stream.received.filter((m) => m.kind === 'event' && m.event === 'changes')).toHaveLength(1);
  });

  it('sends `team` when someone comes online and when holds change, but not when a hold is only renewed', async () => {
    const { op1, op2 } = await start();
    const stream = await live(op1);
    await hello(stream);
    const other = await live(op2);
    await hello(other);
    const online = await nextTeam(stream, (t) => member(t, 'u-operator2') !== undefined);
    expect(member(online, 'u-operator2')).toMatchObject({ onlineSince: new Date(START).toISOString(), holds: [] });

    const sent = performance.now();
    await hold(op2, ['a']);
    await nextTeam(stream, (t) => member(t, 'u-operator2')?.holds.some((h) => h.appealId === 'a') === true, 1000);
    expect(performance.now() - sent).toBeLessThan(1000);

    clock += 30_000;
    await hold(op2, ['a']); // renewal: nothing anyone can see changed
    await hold(op2, ['a', 'b']);
    const next = await nextTeam(stream, () => true);
    expect(member(next, 'u-operator2')?.holds.map((h) => h.appealId)).toEqual(['a', 'b']);
  });

  it('releases the holds of a session whose last live connection closes, and tells the others', async () => {
    const { op1, op2 } = await start();
    const watcher = await live(op1);
    await hello(watcher);
    const first = await live(op2);
    await hello(first);
    clock += 1000;
    const second = await live(op2);
    await hello(second);
    await hold(op2, ['a', 'b']);
    await nextTeam(watcher, (t) => member(t, 'u-operator2')?.holds.length === 2);

    // The session keeps a connection: still online (since the later one) and still holding.
    first.close();
    const still = await nextTeam(watcher, (t) => member(t, 'u-operator2')?.onlineSince === new Date(START + 1000).toISOString());
    expect(member(still, 'u-operator2')?.holds.map((h) => h.appealId)).toEqual(['a', 'b']);

    second.close();
    const after = await nextTeam(watcher, (t) => member(t, 'u-operator2') === undefined);
    expect(after.members.map((m) => m.id)).toEqual(['u-operator1']);
    expect((await fx!.call('PUT', '/holds', { token: op1, body: { appealIds: ['a'] } })).body).toMatchObject({ granted: ['a'] });
  });

  it('says bye unauthorized and closes the stream on sign-out, releasing that session’s holds', async () => {
    const { op1, op2 } = await start();
    const watcher = await live(op1);
    await hello(watcher);
    const leaving = await live(op2);
    await hello(leaving);
    await hold(op2, ['c']);
    await nextTeam(watcher, (t) => (member(t, 'u-operator2')?.holds.length ?? 0) === 1);

    expect((await fx!.call('DELETE', '/session', { token: op2 })).status).toBe(200);
    expect(LIVE_EVENTS.bye.parse(await leaving.nextEvent('bye'))).toMatchObject({ code: 'unauthorized' });
    await leaving.ended;
    await nextTeam(watcher, (t) => member(t, 'u-operator2') === undefined);
    expect((await live(op2)).status).toBe(401);
  });

  it('sends heartbeat comments and says bye unauthorized once the session has expired', async () => {
    const { op1 } = await start({ sessionTtlMs: 60_000, liveHeartbeatMs: 100 });
    const stream = await live(op1);
    expect((await hello(stream)).heartbeatMs).toBe(100);
    expect(await stream.next((m) => m.kind === 'comment')).toEqual({ kind: 'comment', text: 'hb' });
    clock += 60_001;
    expect(LIVE_EVENTS.bye.parse(await stream.nextEvent('bye'))).toMatchObject({ code: 'unauthorized' });
    await stream.ended;
    expect((await live(op1)).status).toBe(401);
  });

  it('announces an expired hold to live desks within about a second', async () => {
    const { op1, op2 } = await start();
    const stream = await live(op1);
    await hello(stream);
    await hold(op2, ['a']); // op2 polls (no live connection): the lease alone ends this hold
    const held = await nextTeam(stream, (t) => member(t, 'u-operator2')?.holds.length === 1);
    expect(member(held, 'u-operator2')?.onlineSince).toBeNull();
    clock += 90_000;
    const sent = performance.now();
    await nextTeam(stream, (t) => member(t, 'u-operator2') === undefined, 3000);
    // The registry looks again at least every second; the margin is for a busy test machine.
    expect(performance.now() - sent).toBeLessThan(2000);
  });

  it('says bye shutdown and ends every stream when the server closes; no hold survives the restart', async () => {
    const { op1, op2 } = await start();
    const stream = await live(op1);
    await hello(stream);
    await hold(op2, ['a']);
    const restarting = fx!.restart();
    expect(LIVE_EVENTS.bye.parse(await stream.nextEvent('bye'))).toMatchObject({ code: 'shutdown' });
    await stream.ended;
    await restarting;
    const again = await live(op1, '?cursor=3');
    const data = await hello(again);
    expect(data.head).toBe('3');
    // On PostgreSQL the holds are shared by the instances: operator2 was never live through the restarted one, so
    // its hold lasts its lease (team-holds.test.ts); on SQLite the one server's restart ends every hold.
    expect(data.team.members.map((m) => [m.id, m.holds.length]))
      .toEqual(TEST_ENGINE === 'postgres' ? [['u-operator1', 0], ['u-operator2', 1]] : [['u-operator1', 0]]);
  });

  it('refuses without a token (401), for the connector (403), a bad cursor (400) and another method (405)', async () => {
    const { connector, op1 } = await start();
    const anonymous = await live(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.error).toMatchObject({ error: { code: 'unauthorized' } });
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await live(connector)).status).toBe(403);
    const bad = await live(op1, '?cursor=-1');
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ error: { code: 'invalid_request' } });
    const post = await fetch(`${fx!.server.url}/api/v1/live`, { method: 'POST', headers: { authorization: `Bearer ${op1}` } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('caps live connections per session (the oldest gives way to a reconnect) and in all (503)', async () => {
    const { op1, op2 } = await start({ liveLimits: { perSession: 4, total: 5 } });
    const first = await live(op1);
    await hello(first);
    for (let i = 0; i < 3; i += 1) await hello(await live(op1));
    // A fifth for the same session is a desk reconnecting over sockets it gave up on: it is served, the oldest ends.
    await hello(await live(op1));
    await first.ended;
    await hello(await live(op2));
    const lead = await fx!.signIn('lead');
    const full = await live(lead);
    expect(full.status).toBe(503);
    expect(full.error).toMatchObject({ error: { code: 'live_unavailable' } });
  });
});
