// The shift lead's queues, from cached facts at one instant. Per target and per operator (who routed):
// «в работе» = routed, answer term still running; «сегодня» = routed today (Novosibirsk day);
// «просрочено» of a target = its answer term passed within the last 7 days (the central API does not report answers
// yet, so older ones are history, not a queue); of an operator = routed after the routing term, within the last
// 7 days — the answer is the body's to give, the routing the operator's (a lead read an operator's «просрочено» as
// the operator's lateness, QA 2 Dec); median = receipt to routing, over today's routings.
import type { QueueAppeal, QueueGroup, QueueRow, Queues } from '../../../shared/desk-api/lead-contract.js';
import type { WorkingCalendar } from '../../../shared/deadlines/working-calendar.js';
import type { AppealFact } from './appeal-facts.js';
import { medianMinutes, routeMinutesOf } from './compute-stats.js';

export const OVERDUE_HORIZON_MS = 7 * 86_400_000;
/** How far back the queues look for routed appeals (by receipt). */
export const QUEUE_LOOKBACK_MS = 60 * 86_400_000;

interface Acc { label: string; waiting: number; routedToday: number; overdue: number; times: number[] }

type Membership = { waiting: boolean; today: boolean; overdue: boolean };

function membership(
  f: AppealFact, by: 'target' | 'operator', nowMs: number, today: string, calendar: WorkingCalendar,
): Membership | null {
  if (f.status !== 'routed' || f.decidedMs === null) return null;
  const due = f.answerDueMs;
  const m = {
    waiting: due !== null && due >= nowMs,
    today: calendar.localDate(f.decidedMs) === today,
    overdue: by === 'target'
      ? due !== null && due < nowMs && due >= nowMs - OVERDUE_HORIZON_MS
      : f.routeDueMs !== null && f.decidedMs > f.routeDueMs && f.decidedMs >= nowMs - OVERDUE_HORIZON_MS,
  };
  return m.waiting || m.today || m.overdue ? m : null;
}

const keyOf = (f: AppealFact, by: 'target' | 'operator'): string | null => (by === 'target' ? f.targetId : f.decidedById);

export function computeQueues(
  facts: readonly AppealFact[], nowMs: number, calendar: WorkingCalendar, targetLabel: (id: string) => string,
): Queues {
  const today = calendar.localDate(nowMs);
  const groups = { target: new Map<string, Acc>(), operator: new Map<string, Acc>() };
  const unrouted = { waiting: 0, overdue: 0 };
  for (const f of facts) {
    if (f.status === 'new') {
      unrouted.waiting++;
      if (f.routeDueMs !== null && f.routeDueMs < nowMs) unrouted.overdue++;
      continue;
    }
    for (const by of ['target', 'operator'] as const) {
      const key = keyOf(f, by);
      const m = membership(f, by, nowMs, today, calendar);
      if (key === null || m === null) continue;
      let acc = groups[by].get(key);
      if (!acc) {
        acc = { label: by === 'target' ? targetLabel(key) : (f.decidedByName ?? key), waiting: 0, routedToday: 0, overdue: 0, times: [] };
        groups[by].set(key, acc);
      }
      if (m.waiting) acc.waiting++;
      if (m.overdue) acc.overdue++;
      if (m.today) {
        acc.routedToday++;
        const minutes = routeMinutesOf(f);
        if (minutes !== null) acc.times.push(minutes);
      }
    }
  }
  const rows = (map: Map<string, Acc>): QueueRow[] => [...map]
    .map(([key, a]) => ({ key, label: a.label, waiting: a.waiting, routedToday: a.routedToday, overdue: a.overdue,
      medianRouteMinutes: medianMinutes(a.times) }))
    .sort((a, b) => b.overdue - a.overdue || b.waiting - a.waiting || a.label.localeCompare(b.label, 'ru'));
  return { generatedAt: new Date(nowMs).toISOString(), unrouted, byTarget: rows(groups.target), byOperator: rows(groups.operator) };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toQueueAppeal(f: AppealFact): QueueAppeal {
  return {
    id: f.id, source: f.source, excerpt: f.excerpt, receivedAt: new Date(f.receivedMs).toISOString(), status: f.status,
    targetId: f.targetId, decidedBy: f.decidedByName, decidedAt: iso(f.decidedMs), routeDueAt: iso(f.routeDueMs),
    answerDueAt: iso(f.answerDueMs), pending: f.pending, withdrawnAt: f.withdrawnAt,
  };
}

/** The appeals behind one queue row, the most urgent first. */
export function queueAppeals(
  facts: readonly AppealFact[], group: QueueGroup, nowMs: number, calendar: WorkingCalendar,
): QueueAppeal[] {
  const today = calendar.localDate(nowMs);
  const by = group.by;
  const picked = by === 'unrouted'
    ? facts.filter((f) => f.status === 'new')
    : facts.filter((f) => keyOf(f, by) === group.key && membership(f, by, nowMs, today, calendar) !== null);
  const due = (f: AppealFact): number => (group.by === 'unrouted' ? f.routeDueMs : f.answerDueMs) ?? Number.MAX_SAFE_INTEGER;
  return picked.sort((a, b) => due(a) - due(b) || a.id.localeCompare(b.id)).map(toQueueAppeal);
}
