// Per-source deadline rules (first reaction = routing, answer) in working hours, and the deadlines of one appeal.
// Defaults: social networks — routing within 3 working hours, answer within 8 (the ЦУР incident standard);
// Gosuslugi «Решаем вместе» (ПОС) — routing within one working day (9 h), answer within 10 working days (90 h),
// the platform's regulation term for a message (Government decree No 1802 of 10.11.2020).
import { z } from 'zod';
import { SOURCES, type Source } from '../domain/appeal.js';
import type { WorkingCalendar } from './working-calendar.js';

export const SourceDeadlineRule = z.object({
  routeWithinHours: z.number().positive().max(2000),
  answerWithinHours: z.number().positive().max(2000),
});
export type SourceDeadlineRule = z.infer<typeof SourceDeadlineRule>;

export const DeadlinePolicy = z.record(z.enum(SOURCES), SourceDeadlineRule);
export type DeadlinePolicy = Record<Source, SourceDeadlineRule>;

const SOCIAL: SourceDeadlineRule = { routeWithinHours: 3, answerWithinHours: 8 };
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  vk: SOCIAL,
  ok: SOCIAL,
  telegram: SOCIAL,
  pos: { routeWithinHours: 9, answerWithinHours: 90 },
};

export interface AppealDeadlines {
  routeDueMs: number;
  answerDueMs: number;
}

/** Both deadlines run from the moment the appeal was received, in working time. */
export function deadlinesOf(
  source: Source, receivedMs: number, policy: DeadlinePolicy, calendar: WorkingCalendar,
): AppealDeadlines {
  const rule = policy[source];
  return {
    routeDueMs: calendar.addWorkingMinutes(receivedMs, Math.round(rule.routeWithinHours * 60)),
    answerDueMs: calendar.addWorkingMinutes(receivedMs, Math.round(rule.answerWithinHours * 60)),
  };
}

/** A stable fingerprint of the policy and calendar settings: stored deadlines are recomputed when it changes. */
export function deadlineFingerprint(policy: DeadlinePolicy, calendar: WorkingCalendar, calendarYears: string): string {
  return JSON.stringify({ policy: SOURCES.map((s) => policy[s]), settings: calendar.settings, years: calendarYears });
}
