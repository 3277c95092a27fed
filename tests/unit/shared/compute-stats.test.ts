// The statistics' time to route (compute-stats.ts): an appeal's routing time is to its first routing — a shift lead's
// correction days later makes the routing neither slower nor late (a second read of 5 December: one correction of an
// 8-day-old appeal counted as an 8-day routing and as routed late).
import { describe, expect, it } from 'vitest';
import type { AppealFact } from '../../../electron/core/lead/appeal-facts.js';
import { computeStats } from '../../../electron/core/lead/compute-stats.js';
import { NOVOSIBIRSK_CALENDAR_SETTINGS, createWorkingCalendar } from '../../../shared/deadlines/working-calendar.js';

const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, { years: {} });
const nsk = (local: string): number => Date.parse(`${local}:00+07:00`);
const operator = { byId: 'u-op1', byName: 'Оператор 1' };
const lead = { byId: 'u-lead', byName: 'Старший смены' };

/** Received at 10:00 on 3 March, routing term 12:00; decided as `over` says. */
const fact = (id: string, over: Partial<AppealFact>): AppealFact => ({
  id, source: 'vk', status: 'routed', targetId: 'minzdrav', receivedMs: nsk('2025-03-03T10:00'), routeDueMs: nsk('2025-03-03T12:00'),
  answerDueMs: nsk('2025-03-10T10:00'), excerpt: 'Нет талонов к терапевту', decidedMs: nsk('2025-03-03T10:30'), decidedById: 'u-op1',
  decidedByName: 'Оператор 1', pending: false, decidedOnServer: true, rejectReason: null, withdrawnAt: null,
  credited: { ...operator, decidedMs: nsk('2025-03-03T10:30'), status: 'routed' }, correction: null, ...over,
});

describe('statistics: time to route', () => {
  it('counts a routing corrected days later at its first routing, neither slow nor late', () => {
    const corrected = nsk('2025-03-11T10:00');
    const stats = computeStats([
      fact('plain', {}),
      // Routed in 30 minutes, re-routed by the lead eight days later.
      fact('corrected', { targetId: 'mintrans', decidedMs: corrected, decidedById: 'u-lead', decidedByName: 'Старший смены',
        correction: { ...lead, decidedMs: corrected } }),
      // Rejected by the operator, routed by the lead at 13:00 (after the term): the lead's is its first routing.
      fact('rerouted', { decidedMs: nsk('2025-03-03T13:00'), decidedById: 'u-lead', decidedByName: 'Старший смены',
        credited: { ...operator, decidedMs: nsk('2025-03-03T10:30'), status: 'rejected' },
        correction: { ...lead, decidedMs: nsk('2025-03-03T13:00') } }),
    ], { from: '2025-03-01', to: '2025-03-14' }, calendar, (id) => id);
    expect(stats.routeTime.medianMinutes).toBe(30);
    expect(stats.routeTime.buckets.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(stats.totals.routedLate).toBe(1);
  });
});
