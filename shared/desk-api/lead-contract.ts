// The desk API of the shift lead's sections: queues (with re-decisions in bulk), statistics and report exports.
// Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import type { MethodTable } from './method-table.js';
import { AppealStatus, Decision, RejectReason, Source } from '../domain/appeal.js';
import { CalendarDay, DayPeriod } from '../domain/calendar-day.js';

const count = z.number().int().nonnegative();
const minutes = z.number().nonnegative().nullable();

/** Inclusive range of Novosibirsk calendar days: real days, from ≤ to, at most MAX_PERIOD_DAYS (the work is per day). */
export const StatsPeriod = DayPeriod;
export type StatsPeriod = z.infer<typeof StatsPeriod>;

export const SourceCounts = z.object({ vk: count, ok: count, telegram: count, pos: count });
export type SourceCounts = z.infer<typeof SourceCounts>;

export const Stats = z.object({
  period: StatsPeriod,
  totals: z.object({ received: count, waiting: count, routed: count, rejected: count, routedLate: count,
    /** Withdrawn by their authors (issue 14 item 6), whatever was decided; absent from an older core. */
    withdrawn: count.optional() }),
  /** Rejections per reason, with its label (issue 14 item 6: «Отозвано автором» among them); absent from an older core. */
  byRejectReason: z.array(z.object({ reason: RejectReason, label: z.string(), count })).optional(),
  bySource: SourceCounts,
  perDay: z.array(z.object({ date: CalendarDay, counts: SourceCounts })),
  byTopic: z.array(z.object({ key: z.string(), label: z.string(), count })),
  byTarget: z.array(z.object({ targetId: z.string(), label: z.string(), count })),
  routeTime: z.object({ buckets: z.array(z.object({ label: z.string(), count })), medianMinutes: minutes }),
  /**
   * Per person, of the decisions that are their work (the first decider's: decided = routed + rejected); `corrected`:
   * how many of those someone else (a shift lead) later changed; `corrections`: decisions of others this person
   * changed — never counted as their own routing.
   */
  operators: z.array(z.object({
    id: z.string(), name: z.string(), decided: count, routed: count, rejected: count, medianRouteMinutes: minutes,
    corrected: count, corrections: count,
  })),
});
export type Stats = z.infer<typeof Stats>;

export const QueueRow = z.object({
  key: z.string(),
  label: z.string(),
  /** Routed and still inside the answer term. */
  waiting: count,
  routedToday: count,
  /**
   * Of a target: its answer term passed within the last 7 days (the central API does not report answers yet). Of an
   * operator: routed by them after the routing term, within the last 7 days.
   */
  overdue: count,
  medianRouteMinutes: minutes,
  /**
   * Of an operator (whose routings are the ones they made first): of this row's appeals, those someone else (a shift
   * lead) has since decided otherwise. 0 for a target.
   */
  corrected: count,
  /** Of a person: others' decisions they changed today — corrections, not their routings. 0 for a target. */
  corrections: count,
});
export type QueueRow = z.infer<typeof QueueRow>;

export const Queues = z.object({
  generatedAt: z.string(),
  unrouted: z.object({ waiting: count, overdue: count }),
  byTarget: z.array(QueueRow),
  byOperator: z.array(QueueRow),
});
export type Queues = z.infer<typeof Queues>;

export const QueueGroup = z.object({
  by: z.enum(['unrouted', 'target', 'operator']),
  key: z.string().max(100),
}).strict();
export type QueueGroup = z.infer<typeof QueueGroup>;

/** The `unrouted` line's name: on the Очереди screen and, in Latin letters, in the file name of its export. */
export const UNROUTED_QUEUE_LABEL = 'Не разобрано';

export const QueueAppeal = z.object({
  id: z.string(),
  source: Source,
  excerpt: z.string(),
  receivedAt: z.string(),
  status: AppealStatus,
  targetId: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  routeDueAt: z.string().nullable(),
  answerDueAt: z.string().nullable(),
  pending: z.boolean(),
  /** The central API has it decided: deciding it again is a re-decision («Перенаправить»), whatever is unsent here. */
  decidedOnServer: z.boolean(),
  /** Withdrawn by its author after (or before) the decision (issue 14 item 6); null or absent: not withdrawn. */
  withdrawnAt: z.string().nullable().optional(),
  /** Who decided it first when someone else (`decidedBy`, a shift lead) has since changed it; null or absent: not corrected. */
  firstDecidedBy: z.string().nullable().optional(),
});
export type QueueAppeal = z.infer<typeof QueueAppeal>;

export const ReportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('monthly'), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), format: z.enum(['xlsx', 'csv']) }).strict(),
  z.object({
    kind: z.literal('list'), format: z.enum(['xlsx', 'csv']),
    group: QueueGroup.optional(), period: StatsPeriod.optional(),
  }).strict(),
]);
export type ReportRequest = z.infer<typeof ReportRequest>;

/**
 * The most appeals one `appeals.redecide` takes: one call is one undo batch, each appeal its own transaction while the
 * lead waits. The queues screen refuses a larger selection before calling (reroute-plan.ts), with this number.
 */
export const MAX_REDECIDE_APPEALS = 1000;

export const LEAD_METHODS = {
  'queues.get': { input: z.object({}).strict(), output: Queues },
  'queues.appeals': { input: QueueGroup, output: z.object({ rows: z.array(QueueAppeal) }) },
  /** A lead's re-decision of already decided appeals: one outbox mutation per appeal. */
  'appeals.redecide': {
    input: z.object({ appealIds: z.array(Identifier).min(1).max(MAX_REDECIDE_APPEALS), decision: Decision }).strict(),
    output: z.object({
      acks: z.array(z.object({ mutationId: z.string(), appealId: z.string() })),
      failed: z.array(z.object({ appealId: z.string(), message: z.string() })),
    }),
  },
  'stats.get': { input: StatsPeriod, output: Stats },
  /** Writes the file into the data folder (the Electron shell then offers a save dialog) and returns its path. */
  'reports.export': { input: ReportRequest, output: z.object({ path: z.string(), fileName: z.string(), rows: count }) },
} as const satisfies MethodTable;

export const LEAD_EVENTS = {
  'reports.progress': z.object({ done: count, total: count }),
} as const;
