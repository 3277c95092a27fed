// Queue counts at one instant from hand-made facts: waiting, routed today, overdue within 7 days (a body's answer
// term, an operator's routing term), medians.
import { describe, expect, it } from 'vitest';
import type { AppealFact } from '../../../electron/core/lead/appeal-facts.js';
import { computeQueues, queueAppeals } from '../../../electron/core/lead/compute-queues.js';
import { medianMinutes } from '../../../electron/core/lead/compute-stats.js';
import { NOVOSIBIRSK_CALENDAR_SETTINGS, createWorkingCalendar } from '../../../shared/deadlines/working-calendar.js';

const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, { years: {} });
const nsk = (local: string): number => Date.parse(`${local}:00+07:00`);
const now = nsk('2025-03-12T15:00');
const HOUR = 3_600_000;

/** A fact as the reader makes it: the standing decision is its decider's own unless `over` says otherwise. */
const fact = (id: string, over: Partial<AppealFact>): AppealFact => {
  const f: Omit<AppealFact, 'credited' | 'correction'> = {
    id, source: 'vk', status: 'routed', targetId: 'minzdrav', receivedMs: now - 2 * HOUR, routeDueMs: now + HOUR,
    answerDueMs: now + 5 * HOUR, excerpt: '', decidedMs: now - HOUR, decidedById: 'u-op1', decidedByName: 'Оператор 1',
    pending: false, decidedOnServer: false, rejectReason: null, withdrawnAt: null, ...over,
  };
  const credited = f.status === 'new' || f.decidedById === null || f.decidedMs === null ? null
    : { byId: f.decidedById, byName: f.decidedByName ?? f.decidedById, decidedMs: f.decidedMs, status: f.status };
  return { ...f, credited, correction: null, ...over };
};

const facts: AppealFact[] = [
  fact('new-late', { status: 'new', targetId: null, decidedMs: null, decidedById: null, routeDueMs: now - HOUR }),
  fact('new-ok', { status: 'new', targetId: null, decidedMs: null, decidedById: null }),
  fact('today-1', { receivedMs: now - 3 * HOUR, decidedMs: now - HOUR }), // 120 min to route
  fact('today-2', { receivedMs: now - 2 * HOUR, decidedMs: now - HOUR, decidedById: 'u-op2', decidedByName: 'Оператор 2' }), // 60
  fact('yesterday-waiting', { decidedMs: nsk('2025-03-11T17:00'), answerDueMs: now + HOUR }),
  fact('overdue-recent', { decidedMs: nsk('2025-03-10T10:00'), answerDueMs: now - 48 * HOUR }),
  fact('overdue-old', { decidedMs: nsk('2025-02-10T10:00'), answerDueMs: now - 20 * 24 * HOUR }),
  fact('rejected', { status: 'rejected', targetId: null }),
  fact('other-target', { targetId: 'mintrans', decidedMs: nsk('2025-03-12T00:30') }), // after local midnight: today
  // Operator 2 routed this one after its routing term: late for them, on time for the body (answer term running).
  fact('routed-late', { targetId: 'mintrans', decidedById: 'u-op2', decidedByName: 'Оператор 2', receivedMs: now - 4 * HOUR,
    routeDueMs: now - 2 * HOUR, decidedMs: now - HOUR }),
  // Routed late 10 days ago: past the 7 days the queues look back over.
  fact('routed-late-old', { decidedById: 'u-op2', decidedByName: 'Оператор 2', routeDueMs: nsk('2025-03-02T10:00'),
    decidedMs: nsk('2025-03-02T12:00'), answerDueMs: nsk('2025-03-04T12:00') }),
];

describe('queues', () => {
  it('counts waiting, routed today, overdue and the median per target and per operator', () => {
    const q = computeQueues(facts, now, calendar, (id) => id.toUpperCase());
    expect(q.unrouted).toEqual({ waiting: 2, overdue: 1 });
    expect(q.byTarget).toEqual([
      { key: 'minzdrav', label: 'MINZDRAV', waiting: 3, routedToday: 2, overdue: 1, medianRouteMinutes: 90, corrected: 0, corrections: 0 },
      { key: 'mintrans', label: 'MINTRANS', waiting: 2, routedToday: 2, overdue: 0, medianRouteMinutes: expect.any(Number),
        corrected: 0, corrections: 0 },
    ]);
    // An operator's «просрочено» is their own lateness (routed after the routing term), not the body's answer term:
    // operator 1's «overdue-recent» is late at the ministry, not theirs.
    expect(q.byOperator.find((o) => o.key === 'u-op2')).toMatchObject({ label: 'Оператор 2', routedToday: 2, waiting: 2, overdue: 1, medianRouteMinutes: 120 });
    expect(q.byOperator.find((o) => o.key === 'u-op1')).toMatchObject({ routedToday: 2, overdue: 0 });
  });

  it('drills down into a queue, most urgent first', () => {
    expect(queueAppeals(facts, { by: 'unrouted', key: '' }, now, calendar).map((r) => r.id)).toEqual(['new-late', 'new-ok']);
    expect(queueAppeals(facts, { by: 'target', key: 'minzdrav' }, now, calendar).map((r) => r.id))
      .toEqual(['overdue-recent', 'yesterday-waiting', 'today-1', 'today-2']);
    expect(queueAppeals(facts, { by: 'operator', key: 'u-op2' }, now, calendar).map((r) => r.id)).toEqual(['routed-late', 'today-2']);
  });

  it('keeps an operator\'s routing theirs when a lead corrects it: corrected on their row, a correction on the lead\'s', () => {
    const lead = { byId: 'u-lead', byName: 'Старший смены', decidedMs: now - HOUR / 2 };
    const operator = (decidedMs: number) => ({ byId: 'u-op1', byName: 'Оператор 1', decidedMs, status: 'routed' as const });
    const shift = [
      fact('op-1', { receivedMs: now - 3 * HOUR, decidedMs: now - 2 * HOUR }),
      fact('op-2', {}),
      // Re-routed by the lead: where it is now (mintrans) and who decided last are the lead's; the routing and its
      // time to route stay the operator's.
      fact('op-3', { targetId: 'mintrans', decidedMs: lead.decidedMs, decidedById: 'u-lead', decidedByName: 'Старший смены',
        credited: operator(now - HOUR), correction: lead }),
      // Rejected by the lead: no longer in work anywhere, still the operator's routing of today.
      fact('op-4', { status: 'rejected', targetId: null, decidedMs: lead.decidedMs, decidedById: 'u-lead',
        decidedByName: 'Старший смены', credited: operator(now - HOUR), correction: lead }),
      // Routed and corrected yesterday, still in work: no correction of today on either side.
      fact('op-5', { targetId: 'mintrans', decidedMs: nsk('2025-03-11T12:00'), decidedById: 'u-lead', decidedByName: 'Старший смены',
        credited: operator(nsk('2025-03-11T11:00')), correction: { ...lead, decidedMs: nsk('2025-03-11T12:00') } }),
      // Routed ten days ago (long out of every count of the operator's row) and rejected by the lead today: a
      // correction of today on both sides all the same (a second read: the lead's side counted it, the operator's not).
      fact('op-6', { status: 'rejected', targetId: null, receivedMs: nsk('2025-03-02T09:00'), routeDueMs: nsk('2025-03-02T12:00'),
        answerDueMs: nsk('2025-03-04T12:00'), decidedMs: lead.decidedMs, decidedById: 'u-lead', decidedByName: 'Старший смены',
        credited: operator(nsk('2025-03-02T10:00')), correction: lead }),
    ];
    const q = computeQueues(shift, now, calendar, (id) => id);
    expect(q.byOperator).toEqual([
      { key: 'u-op1', label: 'Оператор 1', waiting: 4, routedToday: 4, overdue: 0, medianRouteMinutes: 60, corrected: 3, corrections: 0 },
      { key: 'u-lead', label: 'Старший смены', waiting: 0, routedToday: 0, overdue: 0, medianRouteMinutes: null, corrected: 0, corrections: 3 },
    ]);
    expect(Object.fromEntries(q.byTarget.map((t) => [t.key, t.routedToday]))).toEqual({ minzdrav: 2, mintrans: 1 });
    // A correction arrives at its body today but is no routing of the body's median (a trial of 5 December: one
    // correction of an 8-day-old appeal read «медиана 8 дн. 20 ч» on the ministry); the body it left keeps its own.
    expect(Object.fromEntries(q.byTarget.map((t) => [t.key, t.medianRouteMinutes]))).toEqual({ minzdrav: 60, mintrans: null });
    // The lead's row lists the corrections; each says whose routing it was.
    const corrections = queueAppeals(shift, { by: 'operator', key: 'u-lead' }, now, calendar);
    expect(corrections.map((r) => [r.id, r.decidedBy, r.firstDecidedBy]).sort()).toEqual([
      ['op-3', 'Старший смены', 'Оператор 1'], ['op-4', 'Старший смены', 'Оператор 1'], ['op-6', 'Старший смены', 'Оператор 1']]);
    expect(queueAppeals(shift, { by: 'operator', key: 'u-op1' }, now, calendar).map((r) => r.id).sort())
      .toEqual(['op-1', 'op-2', 'op-3', 'op-4', 'op-5', 'op-6']);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(medianMinutes([])).toBeNull();
    expect(medianMinutes([5, 1, 3])).toBe(3);
    expect(medianMinutes([10, 20, 40, 30])).toBe(25);
  });
});
