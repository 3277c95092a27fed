// The shift lead's queues, from cached facts at one instant. Per target (where the appeal is now) and per operator
// (whose routing it is: the first decider's — a lead's correction stays the operator's routing, shown as corrected on
// their row and as a correction on the lead's, appeal-facts.ts):
// «в работе» = routed, answer term still running; «сегодня» = routed today (Novosibirsk day);
// «просрочено» of a target = its answer term passed within the last 7 days (the central API does not report answers
// yet, so older ones are history, not a queue); of an operator = routed after the routing term, within the last
// 7 days — the answer is the body's to give, the routing the operator's (a lead read an operator's «просрочено» as
// the operator's lateness, QA 2 Dec); median = receipt to routing, over today's routings — a lead's correction is
// none of a body's (it counts in the body's «сегодня», where it arrived today, but its receipt-to-correction time is
// how late a wrong routing was found, not how fast appeals are routed: a trial of 5 December read «медиана 8 дн.
// 20 ч» on a ministry after one correction).
import type { QueueAppeal, QueueGroup, QueueRow, Queues } from '../../../shared/desk-api/lead-contract.js';
import type { WorkingCalendar } from '../../../shared/deadlines/working-calendar.js';
import type { AppealFact } from './appeal-facts.js';
import { medianMinutes, minutesToRoute } from './compute-stats.js';

export const OVERDUE_HORIZON_MS = 7 * 86_400_000;
/** How far back the queues look for routed appeals (by receipt). */
export const QUEUE_LOOKBACK_MS = 60 * 86_400_000;

interface Acc {
  label: string; waiting: number; routedToday: number; overdue: number; times: number[]; corrected: number; corrections: number;
}

type Membership = { waiting: boolean; today: boolean; overdue: boolean };

/** When the routing counted in a row was made: now, for a target; the first routing, for an operator. */
function routedMsOf(f: AppealFact, by: 'target' | 'operator'): number | null {
  if (by === 'target') return f.status === 'routed' ? f.decidedMs : null;
  return f.credited?.status === 'routed' ? f.credited.decidedMs : null;
}

function membership(
  f: AppealFact, by: 'target' | 'operator', nowMs: number, today: string, calendar: WorkingCalendar,
): Membership | null {
  const routedMs = routedMsOf(f, by);
  if (routedMs === null) return null;
  const due = f.answerDueMs;
  const m = {
    // In work wherever it went since: a lead's re-route keeps it so, a rejection ends it.
    waiting: f.status === 'routed' && due !== null && due >= nowMs,
    today: calendar.localDate(routedMs) === today,
    overdue: by === 'target'
      ? due !== null && due < nowMs && due >= nowMs - OVERDUE_HORIZON_MS
      : f.routeDueMs !== null && routedMs > f.routeDueMs && routedMs >= nowMs - OVERDUE_HORIZON_MS,
  };
  return m.waiting || m.today || m.overdue ? m : null;
}

const keyOf = (f: AppealFact, by: 'target' | 'operator'): string | null =>
  (by === 'target' ? f.targetId : f.credited?.byId ?? null);
const nameOf = (f: AppealFact): string | null => f.credited?.byName ?? null;

/** A correction made today by `f.correction`'s author: counted on their row (and listed in its drill-down). */
const correctedToday = (f: AppealFact, today: string, calendar: WorkingCalendar): boolean =>
  f.correction !== null && calendar.localDate(f.correction.decidedMs) === today;

export function computeQueues(
  facts: readonly AppealFact[], nowMs: number, calendar: WorkingCalendar, targetLabel: (id: string) => string,
): Queues {
  const today = calendar.localDate(nowMs);
  const groups = { target: new Map<string, Acc>(), operator: new Map<string, Acc>() };
  const unrouted = { waiting: 0, overdue: 0 };
  const accOf = (by: 'target' | 'operator', key: string, label: string): Acc => {
    let acc = groups[by].get(key);
    if (!acc) {
      acc = { label, waiting: 0, routedToday: 0, overdue: 0, times: [], corrected: 0, corrections: 0 };
      groups[by].set(key, acc);
    }
    return acc;
  };
  for (const f of facts) {
    if (f.status === 'new') {
      unrouted.waiting++;
      if (f.routeDueMs !== null && f.routeDueMs < nowMs) unrouted.overdue++;
      continue;
    }
    for (const by of ['target', 'operator'] as const) {
      const key = keyOf(f, by);
      const m = membership(f, by, nowMs, today, calendar);
      // Corrected today, as the lead's «исправлений сегодня» counts them: the shift's two sides tally (a trial of
      // 5 December read «исправлено старшим: 2» on an operator beside the only lead's «исправлений сегодня: 1») —
      // also when the routing corrected is older than anything else the operator's row counts.
      const corrected = by === 'operator' && correctedToday(f, today, calendar);
      if (key === null || (m === null && !corrected)) continue;
      const acc = accOf(by, key, by === 'target' ? targetLabel(key) : (nameOf(f) ?? key));
      if (corrected) acc.corrected++;
      if (m === null) continue;
      if (m.waiting) acc.waiting++;
      if (m.overdue) acc.overdue++;
      if (m.today) {
        acc.routedToday++;
        const routedMs = routedMsOf(f, by);
        if (routedMs !== null && !(by === 'target' && f.correction !== null)) acc.times.push(minutesToRoute(f, routedMs));
      }
    }
    // The corrector's own row counts the correction, never as their routing.
    if (f.correction !== null && correctedToday(f, today, calendar)) {
      accOf('operator', f.correction.byId, f.correction.byName).corrections++;
    }
  }
  const rows = (map: Map<string, Acc>): QueueRow[] => [...map]
    .map(([key, a]) => ({ key, label: a.label, waiting: a.waiting, routedToday: a.routedToday, overdue: a.overdue,
      medianRouteMinutes: medianMinutes(a.times), corrected: a.corrected, corrections: a.corrections }))
    .sort((a, b) => b.overdue - a.overdue || b.waiting - a.waiting || a.label.localeCompare(b.label, 'ru'));
  return { generatedAt: new Date(nowMs).toISOString(), unrouted, byTarget: rows(groups.target), byOperator: rows(groups.operator) };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function toQueueAppeal(f: AppealFact): QueueAppeal {
  return {
    id: f.id, source: f.source, excerpt: f.excerpt, receivedAt: new Date(f.receivedMs).toISOString(), status: f.status,
    targetId: f.targetId, decidedBy: f.decidedByName, decidedAt: iso(f.decidedMs), routeDueAt: iso(f.routeDueMs),
    answerDueAt: iso(f.answerDueMs), pending: f.pending, decidedOnServer: f.decidedOnServer, withdrawnAt: f.withdrawnAt,
    firstDecidedBy: f.correction !== null ? nameOf(f) : null,
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
    : facts.filter((f) => (keyOf(f, by) === group.key
        && (membership(f, by, nowMs, today, calendar) !== null || (by === 'operator' && correctedToday(f, today, calendar))))
      || (by === 'operator' && f.correction?.byId === group.key && correctedToday(f, today, calendar)));
  const due = (f: AppealFact): number => (group.by === 'unrouted' ? f.routeDueMs : f.answerDueMs) ?? Number.MAX_SAFE_INTEGER;
  return picked.sort((a, b) => due(a) - due(b) || a.id.localeCompare(b.id)).map(toQueueAppeal);
}

/** The name of person `id` as their queue row is labelled (from a decision of theirs or a correction), else null. */
export function personNameIn(facts: readonly AppealFact[], id: string): string | null {
  for (const f of facts) {
    if (f.credited?.byId === id) return f.credited.byName;
    if (f.correction?.byId === id) return f.correction.byName;
  }
  return null;
}
