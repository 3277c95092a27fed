// A calendar day as the desk API carries it ("ГГГГ-ММ-ДД"), and periods of such days. One rule for every
// date field (statistics, reports, search): a day must exist in the calendar, so 2025-02-30 is refused, not rolled over.
import { z } from 'zod';

const DAY_MS = 86_400_000;

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** UTC midnight of year, month, day as given (setUTCFullYear, not Date.UTC, which maps years 0–99 to 1900–1999). */
function utcMidnight(day: string): Date {
  const date = new Date(0);
  date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return date;
}

/** Days from 1970-01-01 to this ГГГГ-ММ-ДД day. */
export const dayNumber = (day: string): number => utcMidnight(day).getTime() / DAY_MS;

/** True only for a day that exists: the round trip through the calendar gives back the same year, month and day. */
export function isCalendarDay(day: string): boolean {
  if (!DAY_FORMAT.test(day)) return false;
  const date = utcMidnight(day);
  return date.getUTCFullYear() === Number(day.slice(0, 4)) && date.getUTCMonth() === Number(day.slice(5, 7)) - 1
    && date.getUTCDate() === Number(day.slice(8, 10));
}

export const CalendarDay = z.string()
  .regex(DAY_FORMAT, { message: 'дата в формате ГГГГ-ММ-ДД', abort: true })
  .refine(isCalendarDay, { message: 'нет такого дня в календаре', abort: true });

/** The longest period the statistics and reports compute over: about 13 months, so a year plus its margin. */
export const MAX_PERIOD_DAYS = 400;

/** Days in an inclusive period (from and to both count). */
export const periodDays = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

/** Inclusive range of calendar days: from ≤ to, at most MAX_PERIOD_DAYS days. */
export const DayPeriod = z.object({ from: CalendarDay, to: CalendarDay }).strict().superRefine((period, ctx) => {
  const days = periodDays(period.from, period.to);
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Начало периода позже конца' });
  else if (days > MAX_PERIOD_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `Период должен быть не длиннее ${MAX_PERIOD_DAYS} дней` });
  }
});
