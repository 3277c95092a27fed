// POST /mutations: applied, duplicate (re-send changes nothing, keeps seq), conflict with the current appeal,
// invalid targets and appeals, the operator/lead permission rule (a rejection of another's decision included), the
// first decision kept through a lead's correction, and results in request order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse, MutationsResponse, type Mutation } from '../../../shared/central-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { mutationId, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
let op1: string;
let appeals: Appeal[];
beforeEach(async () => {
  fx = await startFixture({ demo: 10 });
  op1 = await fx.signIn('operator1');
  appeals = ChangesResponse.parse((await fx.call('GET', '/changes', { token: op1 })).body).appeals;
});
afterEach(async () => {
  await fx.dispose();
});

type RouteMutation = Extract<Mutation, { type: 'route' }>;
const route = (appeal: Appeal, targetId: string, baseVersion = appeal.version, id = mutationId()): RouteMutation =>
  ({ id, appealId: appeal.id, baseVersion, createdAt: new Date().toISOString(), type: 'route', targetId });

async function send(token: string, ...mutations: Mutation[]) {
  const res = await fx.call('POST', '/mutations', { token, body: { mutations } });
  expect(res.status).toBe(200);
  return MutationsResponse.parse(res.body).results;
}
const feedCursor = async () => ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token: op1 })).body).cursor;

describe('POST /mutations', () => {
  it('applies a route decision with the session user and bumps the version', async () => {
    const a = appeals[0]!;
    const [result] = await send(op1, route(a, 'mintrans'));
    expect(result).toMatchObject({ status: 'applied', appeal: {
      id: a.id, status: 'routed', targetId: 'mintrans', rejectReason: null, version: 2,
      routedBy: { id: 'u-operator1', name: 'Оператор 1 — Анна Петрова' },
    } });
    expect(Date.parse(result!.appeal!.routedAt!)).not.toBeNaN();
  });

  it('answers a re-sent mutation id with duplicate and changes nothing, not even the sequence', async () => {
    const m = route(appeals[0]!, 'minzdrav');
    const [first] = await send(op1, m);
    const cursorAfterFirst = await feedCursor();
    const [again] = await send(op1, m);
    expect(again).toEqual({ id: m.id, status: 'duplicate', appeal: first!.appeal });
    // A retry re-stamped with a later createdAt is still the same decision.
    const [restamped] = await send(op1, { ...m, createdAt: new Date(Date.now() + 60_000).toISOString() });
    expect(restamped).toEqual({ id: m.id, status: 'duplicate', appeal: first!.appeal });
    expect(await feedCursor()).toBe(cursorAfterFirst);
  });

  it('answers a mutation id reused with another appeal or content as invalid mutation_id_reused, applying nothing', async () => {
    const [a, b] = [appeals[0]!, appeals[1]!];
    const m = route(a, 'minzdrav');
    await send(op1, m);
    const cursorAfterFirst = await feedCursor();
    const reused = [
      { ...m, targetId: 'minobr' },
      { ...m, baseVersion: 2 },
      { ...m, appealId: b.id },
      { id: m.id, appealId: a.id, baseVersion: 1, createdAt: m.createdAt, type: 'reject', reason: 'spam' } as const,
    ];
    for (const other of reused) {
      const [result] = await send(op1, other);
      expect(result, JSON.stringify(other)).toEqual({ id: m.id, status: 'invalid', error: {
        code: 'mutation_id_reused', message: expect.stringContaining('уже использован') } });
    }
    // In one batch too: the first use is applied, the reuse beside it is not.
    const id = mutationId();
    const batch = await send(op1, route(b, 'minsoc', b.version, id), route(b, 'minobr', b.version, id));
    expect(batch.map((r) => r.status)).toEqual(['applied', 'invalid']);
    const feed = ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token: op1 })).body);
    expect(feed.appeals.find((x) => x.id === a.id)).toMatchObject({ targetId: 'minzdrav', version: 2 });
    expect(feed.appeals.find((x) => x.id === b.id)).toMatchObject({ targetId: 'minsoc', version: 2 });
    expect(Number(feed.cursor)).toBe(Number(cursorAfterFirst) + 1);
  });

  it('reports a stale baseVersion as conflict carrying the current appeal', async () => {
    const a = appeals[1]!;
    const [applied] = await send(op1, route(a, 'minsoc'));
    const [conflict] = await send(op1, route(a, 'minobr', 1));
    expect(conflict).toEqual({ id: expect.any(String), status: 'conflict', appeal: applied!.appeal });
  });

  it('refuses unknown targets and unknown appeals as invalid without changing anything', async () => {
    const cursor = await feedCursor();
    const [badTarget, missing] = await send(op1,
      route(appeals[2]!, 'ministry-of-magic'),
      route({ ...appeals[2]!, id: 'vk-does-not-exist' }, 'minzdrav'));
    expect(badTarget).toMatchObject({ status: 'invalid', error: { code: 'unknown_target' } });
    expect(missing).toMatchObject({ status: 'invalid', error: { code: 'not_found' } });
    expect(await feedCursor()).toBe(cursor);
  });

  it('lets an operator re-decide only their own decisions, and a lead anything', async () => {
    const a = appeals[3]!;
    const op2 = await fx.signIn('operator2');
    const lead = await fx.signIn('lead');
    const [first] = await send(op1, route(a, 'mingkh'));
    const operator1 = { id: 'u-operator1', name: 'Оператор 1 — Анна Петрова' };
    expect(first?.appeal?.firstDecision).toEqual({ by: operator1, at: first?.appeal?.routedAt, status: 'routed' });
    const [foreign] = await send(op2, route(a, 'minobr', 2));
    expect(foreign).toMatchObject({ status: 'invalid', error: { code: 'forbidden' } });
    // Rejecting another's routing is a re-decision too: refused to an operator (the lead's «Очереди» X may).
    const [foreignReject] = await send(op2, { ...route(a, 'gov', 2), type: 'reject', reason: 'spam' } as Mutation);
    expect(foreignReject).toMatchObject({ status: 'invalid', error: { code: 'forbidden' } });
    // The operator revising their own routing: still their first decision, as they now left it.
    const [own] = await send(op1, route(a, 'minobr', 2));
    expect(own).toMatchObject({ status: 'applied', appeal: { targetId: 'minobr', version: 3 } });
    expect(own?.appeal?.firstDecision).toEqual({ by: operator1, at: own?.appeal?.routedAt, status: 'routed' });
    const [byLead] = await send(lead, { ...route(a, 'gov', 3), type: 'reject', reason: 'duplicate' } as Mutation);
    expect(byLead).toMatchObject({ status: 'applied', appeal: { status: 'rejected', targetId: null, rejectReason: 'duplicate', version: 4, routedBy: { id: 'u-lead' } } });
    // The lead's rejection corrects the operator's routing: the first decision stays theirs, stored so and pulled so.
    expect(byLead?.appeal?.firstDecision).toEqual(own?.appeal?.firstDecision);
    const pulled = ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token: op1 })).body).appeals;
    expect(pulled.find((x) => x.id === a.id)?.firstDecision).toEqual(own?.appeal?.firstDecision);
    // The refusal names who decided: the lead here, whom «другой оператор» misdescribed.
    const [afterLead] = await send(op1, route(a, 'mingkh', 4));
    expect(afterLead).toMatchObject({ status: 'invalid', error: { code: 'forbidden',
      message: 'Обращение уже разобрано (Старший смены — Ольга Смирнова); изменить решение может старший смены' } });
  });

  it('returns results in request order, each mutation judged after the previous one', async () => {
    const a = appeals[4]!;
    const b = appeals[5]!;
    const results = await send(op1, route(a, 'mintrans'), route(b, 'nope'), route(a, 'minzdrav', 1), route(a, 'minzdrav', 2));
    expect(results.map((r) => r.status)).toEqual(['applied', 'invalid', 'conflict', 'applied']);
    expect(results[3]?.appeal).toMatchObject({ targetId: 'minzdrav', version: 3 });
  });
});
