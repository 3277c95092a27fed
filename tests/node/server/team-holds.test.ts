// Team mode, holds (PUT /holds, GET /team): granted and taken between operators, renewal, lease expiry on an injected
// clock, release on sign-out and on an applied decision, several appeals in one request (a cluster), refusals (unknown
// appeal, a body naming a holder, the connector role, a flood) and no hold surviving a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOLD_LEASE_MS, HoldsResponse, TeamResponse, type TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import { incoming, mutationId, startFixture, TEST_ENGINE, type Fixture } from './server-fixture.js';

const START = Date.parse('2025-03-01T03:00:00Z');
let clock: number;
let fx: Fixture;
let op1: string;
let op2: string;

beforeEach(async () => {
  clock = START;
  fx = await startFixture({ server: { clock: () => clock } });
  const connector = await fx.signIn('connector');
  const res = await fx.call('POST', '/appeals', { token: connector, body: { appeals: ['a', 'b', 'c', 'd', 'e'].map((id) => incoming(id)) } });
  expect(res.status).toBe(200);
  op1 = await fx.signIn('operator1');
  op2 = await fx.signIn('operator2');
});
afterEach(async () => {
  await fx.dispose();
});

async function hold(token: string, appealIds: string[]): Promise<HoldsResponse> {
  const res = await fx.call('PUT', '/holds', { token, body: { appealIds } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return HoldsResponse.parse(res.body);
}

async function team(token = op1): Promise<TeamSnapshot> {
  const res = await fx.call('GET', '/team', { token });
  expect(res.status).toBe(200);
  return TeamResponse.parse(res.body).team;
}

/** userId → the appeal ids they hold, for everyone holding something. */
const heldBy = (snapshot: TeamSnapshot): Record<string, string[]> =>
  Object.fromEntries(snapshot.members.filter((m) => m.holds.length > 0).map((m) => [m.id, m.holds.map((h) => h.appealId).sort()]));

describe('PUT /holds', () => {
  it('grants free appeals and answers an appeal held by another operator with its holder and since', async () => {
    const first = await hold(op1, ['a']);
    expect(first).toMatchObject({ granted: ['a'], taken: [], leaseMs: HOLD_LEASE_MS });
    const member = first.team.members.find((m) => m.id === 'u-operator1');
    expect(member).toMatchObject({ role: 'operator', onlineSince: null, holds: [{ appealId: 'a', since: new Date(START).toISOString(),
      expiresAt: new Date(START + HOLD_LEASE_MS).toISOString() }] });
    expect(member?.name).toContain('Анна Петрова');

    clock += 5000;
    const second = await hold(op2, ['a']);
    expect(second.granted).toEqual([]);
    expect(second.taken).toEqual([{ appealId: 'a', holder: { id: 'u-operator1', name: member?.name }, since: new Date(START).toISOString() }]);
    expect(heldBy(await team(op2))).toEqual({ 'u-operator1': ['a'] });
  });

  it('holds several appeals in one request (a cluster) and lists every member someone else holds', async () => {
    await hold(op1, ['a', 'b', 'c']);
    const res = await hold(op2, ['c', 'd', 'e']);
    expect(res.granted).toEqual(['d', 'e']);
    expect(res.taken.map((t) => [t.appealId, t.holder.id])).toEqual([['c', 'u-operator1']]);
    const all = await hold(op2, ['a', 'b']);
    expect(all.granted).toEqual([]);
    expect(all.taken.map((t) => t.appealId)).toEqual(['a', 'b']);
    // The request replaced op2's holds: d and e were let go.
    expect(heldBy(all.team)).toEqual({ 'u-operator1': ['a', 'b', 'c'] });
  });

  it('marks the holds a desk has decided (its undo grace), unmarks them; a decision takes a colleague\'s reading hold over', async () => {
    const marked = async (token: string, appealIds: string[], deciding: string[]) => {
      const res = await fx.call('PUT', '/holds', { token, body: { appealIds, deciding } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return HoldsResponse.parse(res.body);
    };
    const decidedOf = (snapshot: TeamSnapshot, userId: string) =>
      snapshot.members.find((m) => m.id === userId)?.holds.map((h) => [h.appealId, h.deciding === true]).sort();
    await marked(op1, ['a', 'b'], ['b', 'c']);
    expect(decidedOf(await team(op2), 'u-operator1')).toEqual([['a', false], ['b', true]]);
    // The decision was undone (Ctrl+Z): the same holds, unmarked.
    await marked(op1, ['a', 'b'], []);
    expect(decidedOf(await team(op2), 'u-operator1')).toEqual([['a', false], ['b', false]]);
    // A desk of before the mark sends none: its holds read as reading.
    await hold(op1, ['b']);
    expect(decidedOf(await team(op2), 'u-operator1')).toEqual([['b', false]]);
    // Someone else's reading hold: a wish to read it is refused, a decision on it takes it over, since now — the
    // reader's desk learns at once that the appeal on its screen is decided (the trial of 5 December: it did not
    // until the decider's undo grace ran out).
    clock += 1000;
    expect((await marked(op2, ['b'], [])).granted).toEqual([]);
    const over = await marked(op2, ['b'], ['b']);
    expect(over).toMatchObject({ granted: ['b'], taken: [] });
    expect(decidedOf(over.team, 'u-operator2')).toEqual([['b', true]]);
    expect(over.team.members.find((m) => m.id === 'u-operator2')?.holds[0]?.since).toBe(new Date(clock).toISOString());
    expect(decidedOf(over.team, 'u-operator1') ?? []).toEqual([]);
    // The reader's renewal is now told who decided it; a second decision does not take it from the first.
    const renewal = await hold(op1, ['b']);
    expect(renewal.taken.map((t) => [t.appealId, t.holder.id])).toEqual([['b', 'u-operator2']]);
    expect((await marked(op1, ['b'], ['b'])).granted).toEqual([]);
    expect(decidedOf(await team(op1), 'u-operator2')).toEqual([['b', true]]);
  });

  it('replaces the session holds with exactly the list; an empty list releases all', async () => {
    await hold(op1, ['a', 'b']);
    await hold(op1, ['b']);
    expect((await hold(op2, ['a'])).granted).toEqual(['a']);
    await hold(op1, []);
    expect(heldBy(await team())).toEqual({ 'u-operator2': ['a'] });
  });

  it('renews a hold keeping since, and moves it between desks of the same operator keeping since', async () => {
    await hold(op1, ['a']);
    clock += 30_000;
    const renewed = await hold(op1, ['a']);
    expect(renewed.team.members[0]?.holds[0]).toEqual({ appealId: 'a', since: new Date(START).toISOString(),
      expiresAt: new Date(START + 30_000 + HOLD_LEASE_MS).toISOString() });

    const otherDesk = await fx.signIn('operator1');
    const moved = await hold(otherDesk, ['a']);
    expect(moved.granted).toEqual(['a']);
    expect(moved.team.members[0]?.holds[0]?.since).toBe(new Date(START).toISOString());
    // The first desk no longer holds it, so letting go of its holds leaves the other desk's hold alone.
    await hold(op1, []);
    expect(heldBy(await team())).toEqual({ 'u-operator1': ['a'] });
  });

  it('lets a hold lapse when its lease runs out without renewal', async () => {
    await hold(op1, ['a']);
    clock += HOLD_LEASE_MS - 1;
    expect(heldBy(await team())).toEqual({ 'u-operator1': ['a'] });
    clock += 1;
    expect(heldBy(await team())).toEqual({});
    expect((await hold(op2, ['a'])).granted).toEqual(['a']);
  });

  it('releases a hold when a decision on the appeal is applied, and leaves decided appeals out of later requests', async () => {
    await hold(op1, ['a', 'b']);
    const decided = await fx.call('POST', '/mutations', { token: op2, body: { mutations: [
      { id: mutationId(), appealId: 'a', baseVersion: 1, createdAt: new Date(START).toISOString(), type: 'route', targetId: 'gov' }] } });
    expect((decided.body as { results: { status: string }[] }).results[0]?.status).toBe('applied');
    expect(heldBy(await team())).toEqual({ 'u-operator1': ['b'] });
    const again = await hold(op1, ['a', 'b']);
    expect(again).toMatchObject({ granted: ['b'], taken: [] });
    expect((await hold(op2, ['a'])).granted).toEqual([]);
  });

  it('releases the session holds on sign-out', async () => {
    await hold(op1, ['a', 'b']);
    expect((await fx.call('DELETE', '/session', { token: op1 })).status).toBe(200);
    expect(heldBy(await team(op2))).toEqual({});
    expect((await hold(op2, ['a'])).granted).toEqual(['a']);
  });

  it('refuses an unknown appeal with 404 and changes nothing', async () => {
    await hold(op1, ['a']);
    const res = await fx.call('PUT', '/holds', { token: op1, body: { appealIds: ['b', 'no-such-appeal'] } });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('Обращение не найдено') } });
    expect(heldBy(await team())).toEqual({ 'u-operator1': ['a'] });
  });

  it('refuses a body that names a holder: the holder is always the signed-in session', async () => {
    for (const body of [
      { appealIds: ['a'], holder: { id: 'u-operator2', name: 'Оператор 2' } },
      { appealIds: ['a'], userId: 'u-operator2' },
      { appealIds: 'a' },
      {},
    ]) {
      const res = await fx.call('PUT', '/holds', { token: op1, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(heldBy(await team())).toEqual({});
  });

  it('answers 401 without a token and 403 to the connector role, for holds and team alike', async () => {
    const connector = await fx.signIn('connector');
    expect((await fx.call('PUT', '/holds', { body: { appealIds: ['a'] } })).status).toBe(401);
    expect((await fx.call('GET', '/team')).status).toBe(401);
    expect((await fx.call('PUT', '/holds', { token: connector, body: { appealIds: ['a'] } })).status).toBe(403);
    expect((await fx.call('GET', '/team', { token: connector })).status).toBe(403);
    const lead = await fx.signIn('lead');
    expect((await hold(lead, ['a'])).granted).toEqual(['a']);
  });

  it('rate-limits a flood of hold requests from one session with 429 and Retry-After', async () => {
    const put = (token: string) => fetch(`${fx.server.url}/api/v1/holds`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ appealIds: ['a'] }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await put(op1)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await put(op1);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_requests', message: expect.stringContaining('Повторите') } });
    // Another session is not braked by this one, and a second later the first may ask again.
    expect((await put(op2)).status).toBe(200);
    clock += 1000;
    expect((await put(op1)).status).toBe(200);
  });

  it('keeps no hold across a server restart (SQLite); on PostgreSQL the instances share holds, which last their lease', async () => {
    await hold(op1, ['a', 'b']);
    await fx.restart();
    if (TEST_ENGINE === 'sqlite') {
      expect(heldBy(await team(op2))).toEqual({});
      expect((await hold(op2, ['a'])).granted).toEqual(['a']);
      return;
    }
    // Another instance may have served these desks all along: a restart of one instance leaves the holds of desks
    // that were not live through it (this one never opened /live) until their lease ends.
    expect(heldBy(await team(op2))).toEqual({ 'u-operator1': ['a', 'b'] });
    clock += HOLD_LEASE_MS;
    expect(heldBy(await team(op2))).toEqual({});
    expect((await hold(op2, ['a'])).granted).toEqual(['a']);
  });
});
