// The demo shift's month (`npm start`): the embedded demo's appeals as a ЦУР shift leaves them, not as a month nobody
// touched. Trial of 5 December: the lead's «Очереди» listed only «Не разобрано» (5 017, 4 823 of them overdue) and
// «Статистика» said «направлено 0» for the last 30 days, because every demo appeal of the month stood new and the
// routed history stopped 31 days back. Here each appeal is decided the way a shift decides it — the body by the same
// rule as the history (routeByRule), thank-yous, spam and off-topic posts rejected with their reason — by one of the
// operators on shift, a few working minutes to hours after it came, counted in the centre's working time (the
// production calendar the deadlines use), so what came after the last working hour still waits in the inbox, as it
// would on a Monday morning; a few late, a few corrected by the lead, a few left undecided as hard cases.
import calendarFile from '../../resources/production-calendar-ru.json' with { type: 'json' };
import type { Appeal, RejectReason } from '../../shared/domain/appeal.js';
import {
  NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar, createWorkingCalendar, type WorkingCalendar,
} from '../../shared/deadlines/working-calendar.js';
import { DEMO_USERS } from './demo-users.js';
import type { Random } from './random.js';

/** What the shift does with one appeal: route it to a target, or reject it with a reason. */
export type ShiftIntent = { targetId: string } | { reject: RejectReason };

/** Shares of a worked month, the figures a lead would not find odd. */
const LATE_SHARE = 0.04; // routed past the 3 working hours
const CORRECTED_SHARE = 0.015; // routed by an operator, then re-routed by the lead
const LEFT_SHARE = 0.01; // of the last days' appeals: hard cases nobody has decided yet
const LEFT_WITHIN_MS = 4 * 86_400_000;

// Six operators carry most of the month, as a shift of a regional ЦУР does; the other four stand in now and then.
const OPERATORS = DEMO_USERS.filter((u) => u.role === 'operator');
const OPERATOR_WEIGHTS = OPERATORS.map((u, i) => [u, i < 6 ? 10 - i : 1.5] as const);
const LEAD = DEMO_USERS.find((u) => u.role === 'lead');

let calendar: WorkingCalendar | null = null;
function workingCalendar(): WorkingCalendar {
  calendar ??= createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar.parse(calendarFile));
  return calendar;
}

/** Working minutes the shift takes to decide an appeal: mostly within the hour, a late few past the 3-hour term. */
function minutesToDecide(r: Random): number {
  if (r.chance(LATE_SHARE)) return r.int(190, 420);
  return r.weighted([[r.int(3, 20), 5], [r.int(20, 60), 4], [r.int(60, 170), 1.5]] as const);
}

/**
 * The appeal as the shift left it by `nowMs`: decided (version 2, or 3 when the lead corrected it) when its decision
 * time has passed, otherwise as it came. `r` is a stream of its own, so the appeals' content stays as without it.
 */
export function decideAsTheShift(appeal: Appeal, intent: ShiftIntent, r: Random, nowMs: number): Appeal {
  const operator = r.weighted(OPERATOR_WEIGHTS);
  const received = Date.parse(appeal.receivedAt);
  const decidedAt = workingCalendar().addWorkingMinutes(received, minutesToDecide(r));
  const corrected = 'targetId' in intent && r.chance(CORRECTED_SHARE);
  const correctedAt = decidedAt + r.int(10, 90) * 60_000;
  const left = r.chance(LEFT_SHARE) && nowMs - received < LEFT_WITHIN_MS;
  if (left || (corrected ? correctedAt : decidedAt) > nowMs) return appeal;
  const status = 'targetId' in intent ? 'routed' as const : 'rejected' as const;
  const by = { id: operator.id, name: operator.name };
  const first = { by, at: new Date(decidedAt).toISOString(), status };
  const decided: Appeal = {
    ...appeal,
    status,
    targetId: 'targetId' in intent ? intent.targetId : null,
    rejectReason: 'reject' in intent ? intent.reject : null,
    version: 2,
    routedBy: by,
    routedAt: first.at,
    firstDecision: first,
  };
  if (!corrected || !LEAD) return decided;
  // The lead's correction: the standing decision is the lead's, the operator keeps the first (their figures show it).
  return { ...decided, version: 3, routedBy: { id: LEAD.id, name: LEAD.name }, routedAt: new Date(correctedAt).toISOString() };
}
