// Several API instances on one PostgreSQL database serve the same API at once: a session signed in through one works
// through the others, a mutation id re-sent to another instance is a duplicate, roles hold everywhere; and team mode
// crosses instances — a desk live through instance B hears of a decision made through A (`changes`, then the `team`
// event that frees the appeal), of holds put through C, of colleagues coming online through A, and gets `bye` when its
// session signs out through A. Two desks asking for the same appeal at the same moment through two instances get one
// `granted` and one `taken`, every time.
import { afterEach, describe, expect, it } from 'vitest';
import { HoldsResponse, LIVE_EVENTS, TeamResponse, type TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import { MutationsResponse } from '../../../shared/central-api/contract.js';
import { type RunningServer } from '../../../server/start-server.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { openLive, type LiveMessage, type LiveStream } from './live-reader.js';
import { incoming, mutationId } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

let servers: RunningServer[] = [];
const streams: LiveStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  for (const s of servers) await s.close();
  servers = [];
});

async function call(server: RunningServer, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function signIn(server: RunningServer, login: string): Promise<string> {
  const res = await call(server, 'POST', '/session', undefined, { login, password: login });
  expect(res.status).toBe(200);
  return (res.body as { token: string }).token;
}

/** Three instances on one fresh database, and five new appeals ingested through the first. */
async function threeInstances(): Promise<[RunningServer, RunningServer, RunningServer]> {
  const url = await freshDatabaseUrl();
  servers = await Promise.all([0, 1, 2].map(() => startTestServer({ port: 0, databaseUrl: url, demoUsers: true })));
  const [a, b, c] = servers as [RunningServer, RunningServer, RunningServer];
  const connector = await signIn(a, 'connector');
  expect((await call(a, 'POST', '/appeals', connector, { appeals: ['a', 'b', 'c', 'd', 'e'].map((id) => incoming(id)) })).status).toBe(200);
  return [a, b, c];
}

const route = (appealId: string, id = mutationId(), targetId = 'gov') =>
  ({ mutations: [{ id, appealId, baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId }] });

async function live(server: RunningServer, token: string): Promise<LiveStream> {
  const stream = await openLive(server.url, token);
  streams.push(stream);
  expect(stream.status).toBe(200);
  await stream.nextEvent('hello');
  return stream;
}

async function nextTeam(stream: LiveStream, match: (team: TeamSnapshot) => boolean): Promise<TeamSnapshot> {
  const m = await stream.next((x) => x.kind === 'event' && x.event === 'team' && match(LIVE_EVENTS.team.parse(x.data)));
  return LIVE_EVENTS.team.parse((m as Extract<LiveMessage, { kind: 'event' }>).data);
}

const holdsOf = (team: TeamSnapshot, userId: string) =>
  team.members.find((m) => m.id === userId)?.holds.map((h) => h.appealId).sort() ?? [];

describe('several instances on one PostgreSQL database', () => {
  it('share sessions, idempotency and roles', async () => {
    const [a, b, c] = await threeInstances();
    const op = await signIn(a, 'operator1');
    const body = route('a');
    const first = MutationsResponse.parse((await call(b, 'POST', '/mutations', op, body)).body).results[0];
    expect(first).toMatchObject({ status: 'applied', appeal: { version: 2 } });
    // The same mutation re-sent through another instance (a desk retrying after a failover).
    const again = MutationsResponse.parse((await call(c, 'POST', '/mutations', op, body)).body).results[0];
    expect(again).toMatchObject({ status: 'duplicate', appeal: { version: 2 } });
    // The same id with another decision is refused wherever it arrives.
    const reused = MutationsResponse.parse((await call(a, 'POST', '/mutations', op, route('a', body.mutations[0]!.id, 'minzdrav'))).body).results[0];
    expect(reused).toMatchObject({ status: 'invalid', error: { code: 'mutation_id_reused' } });
    expect((await call(c, 'POST', '/appeals', op, { appeals: [incoming('x')] })).status).toBe(403);
    // Signed out through C: the token is dead through A and B as well.
    expect((await call(c, 'DELETE', '/session', op)).status).toBe(200);
    expect((await call(a, 'GET', '/changes', op)).status).toBe(401);
    expect((await call(b, 'GET', '/changes', op)).status).toBe(401);
  });

  it('tells a desk live through B of a decision made through A: changes first, then the team event freeing the appeal', async () => {
    const [a, b] = await threeInstances();
    const op1 = await signIn(a, 'operator1');
    const op2 = await signIn(b, 'operator2');
    const watcher = await live(b, op2);
    expect((await call(a, 'PUT', '/holds', op1, { appealIds: ['a'] })).status).toBe(200);
    await nextTeam(watcher, (t) => holdsOf(t, 'u-operator1').includes('a'));

    const sent = Date.now();
    expect((await call(a, 'POST', '/mutations', op1, route('a'))).status).toBe(200);
    const changes = await watcher.next((m) => m.kind === 'event' && m.event === 'changes');
    const changesMs = Date.now() - sent;
    const freed = await watcher.next((m) => m.kind === 'event' && m.event === 'team'
      && !holdsOf(LIVE_EVENTS.team.parse(m.data), 'u-operator1').includes('a'));
    const freedMs = Date.now() - sent;
    console.log(`decision through A → desk on B: changes after ${changesMs} ms, hold gone after ${freedMs} ms`);
    expect(watcher.received.indexOf(changes)).toBeLessThan(watcher.received.indexOf(freed));
    expect(LIVE_EVENTS.changes.parse((changes as Extract<LiveMessage, { kind: 'event' }>).data).head).toBe('6');
  });

  it('shows holds put through C and presence through A to a desk on B, and what GET /team answers anywhere', async () => {
    const [a, b, c] = await threeInstances();
    const op1 = await signIn(a, 'operator1');
    const op2 = await signIn(b, 'operator2');
    const op3 = await signIn(c, 'operator3');
    const watcher = await live(b, op2);
    await live(a, op1);
    const online = await nextTeam(watcher, (t) => t.members.some((m) => m.id === 'u-operator1' && m.onlineSince !== null));
    expect(online.members.find((m) => m.id === 'u-operator2')?.onlineSince).not.toBeNull();

    const put = HoldsResponse.parse((await call(c, 'PUT', '/holds', op3, { appealIds: ['b', 'c'] })).body);
    expect(put.granted).toEqual(['b', 'c']);
    await nextTeam(watcher, (t) => holdsOf(t, 'u-operator3').join() === 'b,c');
    // Operator 2 asks through B for one of them: taken, naming operator 3.
    const taken = HoldsResponse.parse((await call(b, 'PUT', '/holds', op2, { appealIds: ['b', 'd'] })).body);
    expect(taken.granted).toEqual(['d']);
    expect(taken.taken).toMatchObject([{ appealId: 'b', holder: { id: 'u-operator3' } }]);
    const fromA = TeamResponse.parse((await call(a, 'GET', '/team', op1)).body).team;
    expect(holdsOf(fromA, 'u-operator3')).toEqual(['b', 'c']);
    expect(holdsOf(fromA, 'u-operator2')).toEqual(['d']);
    expect(fromA.members.find((m) => m.id === 'u-operator2')?.onlineSince).not.toBeNull();
  });

  it('ends a session’s live channel on B at once when it signs out through A, and its holds with it', async () => {
    const [a, b] = await threeInstances();
    const op1 = await signIn(a, 'operator1');
    const op2 = await signIn(b, 'operator2');
    const mine = await live(b, op1);
    const watcher = await live(b, op2);
    expect((await call(b, 'PUT', '/holds', op1, { appealIds: ['e'] })).status).toBe(200);
    await nextTeam(watcher, (t) => holdsOf(t, 'u-operator1').includes('e'));
    expect((await call(a, 'DELETE', '/session', op1)).status).toBe(200);
    expect(LIVE_EVENTS.bye.parse(await mine.nextEvent('bye'))).toMatchObject({ code: 'unauthorized' });
    await nextTeam(watcher, (t) => holdsOf(t, 'u-operator1').length === 0);
  });

  it('grants a contested appeal to exactly one of two desks asking through two instances at the same moment', async () => {
    const [a, b] = await threeInstances();
    const op1 = await signIn(a, 'operator1');
    const op2 = await signIn(b, 'operator2');
    const connector = await signIn(a, 'connector');
    // 15 rounds: within one session's hold-request allowance (a burst of 20).
    const ids = Array.from({ length: 15 }, (_v, i) => `contested-${i}`);
    expect((await call(a, 'POST', '/appeals', connector, { appeals: ids.map((id) => incoming(id)) })).status).toBe(200);
    for (const id of ids) {
      const [r1, r2] = await Promise.all([
        call(a, 'PUT', '/holds', op1, { appealIds: [id] }), call(b, 'PUT', '/holds', op2, { appealIds: [id] })]);
      expect([r1.status, r2.status], JSON.stringify([r1.body, r2.body])).toEqual([200, 200]);
      const granted = [HoldsResponse.parse(r1.body), HoldsResponse.parse(r2.body)].map((r) => r.granted.includes(id));
      expect(granted.filter(Boolean), id).toHaveLength(1);
    }
  });
});
