// Queue counts at one instant from hand-made facts: waiting, routed today, overdue within 7 days, medians.
import { describe, expect, it } from 'vitest';
import type { AppealFact } from '../../../electron/core/lead/appeal-facts.js';
import { computeQueues, queueAppeals } from '../../../electron/core/lead/compute-queues.js';
import { medianMinutes } from '../../../electron/core/lead/compute-stats.js';
import { NOVOSIBIRSK_CALENDAR_SETTINGS, createWorkingCalendar } from '../../../shared/deadlines/working-calendar.js';

const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, { years: {} });
const nsk = (local: string): number => Date.parse(`${local}:00+07:00`);
const now = nsk('2025-03-12T15:00');
const HOUR = 3_600_000;

const fact = (id: string, over: Partial<AppealFact>): AppealFact => ({
  id, source: 'vk', status: 'routed', targetId: 'minzdrav', receivedMs: now - 2 * HOUR, routeDueMs: now + HOUR,
  answerDueMs: now + 5 * HOUR, excerpt: '', decidedMs: now - HOUR, decidedById: 'u-op1', decidedByName: 'Оператор 1',
  pending: false, rejectReason: null, withdrawnAt: null, ...over,
});

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
];

describe('queues', () => {
  it('counts waiting, routed today, overdue and the median per target and per operator', () => {
    const q = computeQueues(facts, now, calendar, (id) => id.toUpperCase());
    expect(q.unrouted).toEqual({ waiting: 2, overdue: 1 });
    expect(q.byTarget).toEqual([
      { key: 'minzdrav', label: 'MINZDRAV', waiting: 3, routedToday: 2, overdue: 1, medianRouteMinutes: 90 },
      { key: 'mintrans', label: 'MINTRANS', waiting: 1, routedToday: 1, overdue: 0, medianRouteMinutes: expect.any(Number) },
    ]);
    expect(q.byOperator.find((o) => o.key === 'u-op2')).toMatchObject({ label: 'Оператор 2', routedToday: 1, waiting: 1, medianRouteMinutes: 60 });
    expect(q.byOperator.find((o) => o.key === 'u-op1')).toMatchObject({ routedToday: 2, overdue: 1 });
  });

  it('drills down into a queue, most urgent first', () => {
    expect(queueAppeals(facts, { by: 'unrouted', key: '' }, now, calendar).map((r) => r.id)).toEqual(['new-late', 'new-ok']);
    expect(queueAppeals(facts, { by: 'target', key: 'minzdrav' }, now, calendar).map((r) => r.id))
      .toEqual(['overdue-recent', 'yesterday-waiting', 'today-1', 'today-2']);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(medianMinutes([])).toBeNull();
    expect(medianMinutes([5, 1, 3])).toBe(3);
    expect(medianMinutes([10, 20, 40, 30])).toBe(25);
  });
});
