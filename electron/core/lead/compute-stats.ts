// Statistics of the appeals received in a period, from cached facts. The statistics screen and the monthly
// report both call this one function, so their numbers cannot disagree. Totals, targets and times are of the standing
// decisions; an operator's figures are of the decisions that are their work (the first, appeal-facts.ts), with how many
// of them someone else later changed, and a lead's corrections of others' decisions counted apart.
import type { SourceCounts, Stats, StatsPeriod } from '../../../shared/desk-api/lead-contract.js';
import type { WorkingCalendar } from '../../../shared/deadlines/working-calendar.js';
import { closedPeriodMs, DAY_MS as DAY } from '../../../shared/domain/day-bounds.js';
import { REJECT_REASONS, REJECT_REASON_LABELS, type RejectReason } from '../../../shared/domain/appeal.js';
import { TOPIC_LABELS, TOPIC_RULES, topicOf } from '../../../shared/topics/topic-of.js';
import type { AppealFact } from './appeal-facts.js';

export const ROUTE_TIME_BUCKETS: readonly { label: string; upToMinutes: number }[] = [
  { label: 'до 15 мин', upToMinutes: 15 },
  { label: '15–30 мин', upToMinutes: 30 },
  { label: '30–60 мин', upToMinutes: 60 },
  { label: '1–3 ч', upToMinutes: 180 },
  { label: '3–8 ч', upToMinutes: 480 },
  { label: '8–24 ч', upToMinutes: 1440 },
  { label: 'больше суток', upToMinutes: Number.POSITIVE_INFINITY },
];

/** Median in whole minutes, or null for no values. */
export function medianMinutes(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(median);
}

/** Local instants of the period: [first day 00:00, day after the last 00:00) in the calendar's offset. */
export function periodBounds(period: StatsPeriod, calendar: WorkingCalendar): [number, number] {
  return closedPeriodMs(period.from, period.to, calendar.settings.utcOffsetMinutes);
}

const zeroCounts = (): SourceCounts => ({ vk: 0, ok: 0, telegram: 0, pos: 0 });
/** Minutes from receipt to a routing made at `routedMs` (a clock skew never makes it negative). */
export const minutesToRoute = (f: Pick<AppealFact, 'receivedMs'>, routedMs: number): number =>
  Math.max(0, (routedMs - f.receivedMs) / 60_000);

/**
 * When a routed appeal was first routed: the first decision's time when it was a routing — a lead's correction later
 * does not make the routing slower or late (a second read of 5 December: one correction of an 8-day-old appeal counted
 * as an 8-day routing) — else (first rejected, routed by the lead) the routing standing. Null unless routed.
 */
const firstRoutedMs = (f: AppealFact): number | null => (f.status !== 'routed' ? null
  : f.credited?.status === 'routed' ? f.credited.decidedMs : f.decidedMs);

export function computeStats(
  facts: readonly AppealFact[], period: StatsPeriod, calendar: WorkingCalendar,
  targetLabel: (id: string) => string,
): Stats {
  const [fromMs, toMs] = periodBounds(period, calendar);
  const perDay = new Map<string, SourceCounts>();
  for (let day = fromMs; day < toMs; day += DAY) perDay.set(calendar.localDate(day), zeroCounts());
  const bySource = zeroCounts();
  const topics = new Map<string, number>();
  const targets = new Map<string, number>();
  const routeTimes: number[] = [];
  const operators = new Map<string, {
    name: string; routed: number; rejected: number; times: number[]; corrected: number; corrections: number;
  }>();
  const operatorOf = (id: string, name: string) => {
    let op = operators.get(id);
    if (!op) operators.set(id, op = { name, routed: 0, rejected: 0, times: [], corrected: 0, corrections: 0 });
    return op;
  };
  const totals = { received: 0, waiting: 0, routed: 0, rejected: 0, routedLate: 0, withdrawn: 0 };
  const rejectReasons = new Map<RejectReason, number>();

  for (const f of facts) {
    if (f.receivedMs < fromMs || f.receivedMs >= toMs) continue;
    totals.received++;
    bySource[f.source]++;
    const day = perDay.get(calendar.localDate(f.receivedMs));
    if (day) day[f.source]++;
    const topic = topicOf(f.excerpt);
    topics.set(topic, (topics.get(topic) ?? 0) + 1);
    if (f.status === 'new') totals.waiting++;
    else if (f.status === 'rejected') {
      totals.rejected++;
      if (f.rejectReason !== null) rejectReasons.set(f.rejectReason, (rejectReasons.get(f.rejectReason) ?? 0) + 1);
    } else totals.routed++;
    if (f.withdrawnAt !== null) totals.withdrawn++;
    if (f.status === 'routed' && f.targetId !== null) targets.set(f.targetId, (targets.get(f.targetId) ?? 0) + 1);
    // The appeal's own time to route, to its first routing.
    const routedMs = firstRoutedMs(f);
    if (routedMs !== null) {
      routeTimes.push(minutesToRoute(f, routedMs));
      if (f.routeDueMs !== null && routedMs > f.routeDueMs) totals.routedLate++;
    }
    if (f.credited !== null) {
      const op = operatorOf(f.credited.byId, f.credited.byName);
      if (f.credited.status === 'routed') {
        op.routed++;
        op.times.push(minutesToRoute(f, f.credited.decidedMs));
      } else op.rejected++;
      if (f.correction !== null) op.corrected++;
    }
    if (f.correction !== null) operatorOf(f.correction.byId, f.correction.byName).corrections++;
  }

  const buckets = ROUTE_TIME_BUCKETS.map((b) => ({ label: b.label, count: 0 }));
  for (const minutes of routeTimes) {
    const index = ROUTE_TIME_BUCKETS.findIndex((b) => minutes <= b.upToMinutes);
    buckets[index]!.count++;
  }
  return {
    period,
    totals,
    bySource,
    perDay: [...perDay].map(([date, counts]) => ({ date, counts })),
    byTopic: TOPIC_RULES.map((r) => ({ key: r.key, label: TOPIC_LABELS[r.key] ?? r.key, count: topics.get(r.key) ?? 0 }))
      .filter((t) => t.count > 0).sort((a, b) => b.count - a.count),
    byTarget: [...targets].map(([targetId, count]) => ({ targetId, label: targetLabel(targetId), count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ru')),
    // In the reasons' own order (the picker's, «Отозвано автором» last), only those that occurred.
    byRejectReason: REJECT_REASONS.filter((r) => rejectReasons.has(r))
      .map((reason) => ({ reason, label: REJECT_REASON_LABELS[reason], count: rejectReasons.get(reason) ?? 0 })),
    routeTime: { buckets, medianMinutes: medianMinutes(routeTimes) },
    operators: [...operators].map(([id, op]) => ({
      id, name: op.name, decided: op.routed + op.rejected, routed: op.routed, rejected: op.rejected,
      medianRouteMinutes: medianMinutes(op.times), corrected: op.corrected, corrections: op.corrections,
    })).sort((a, b) => b.decided - a.decided || b.corrections - a.corrections || a.name.localeCompare(b.name, 'ru')),
  };
}
