// The desk's one time model for calendar days: a fixed offset east of UTC (the working calendar's `utcOffsetMinutes`,
// Novosibirsk UTC+7 unless deadlines.json says otherwise; no DST). Which day an instant falls on, where a day or an
// inclusive period of days begins and ends, and day arithmetic — for search filters, statistics periods and the
// «сегодня/вчера» of the grid alike, so no two places disagree about midnight.
import { NOVOSIBIRSK_CALENDAR_SETTINGS } from '../deadlines/working-calendar.js';

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The offset everything uses until the configured one is known (the working calendar's default). */
export const DEFAULT_UTC_OFFSET_MINUTES = NOVOSIBIRSK_CALENDAR_SETTINGS.utcOffsetMinutes;

/** «ГГГГ-ММ-ДД» of a day number (days since 1970-01-01). */
const dayOfNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The local calendar day («ГГГГ-ММ-ДД») the instant `ms` falls on at this offset. */
export function localDay(ms: number, utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): string {
  return dayOfNumber(localDayNumber(ms, utcOffsetMinutes));
}

/** Days since 1970-01-01 of the local day the instant falls on (for «сегодня/вчера» arithmetic). */
export function localDayNumber(ms: number, utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): number {
  return Math.floor((ms + utcOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** The instant local midnight begins `day` («ГГГГ-ММ-ДД»). */
export function dayStartMs(day: string, utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): number {
  return Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * MINUTE_MS;
}

/**
 * Instants of an inclusive period of local days as a half-open range [from 00:00, day after `to` 00:00); either end
 * may be open (null), as in a search filter with only «с» or only «по».
 */
export function periodBoundsMs(from: string | null, to: string | null,
  utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): { fromMs: number | null; toMs: number | null } {
  return {
    fromMs: from === null ? null : dayStartMs(from, utcOffsetMinutes),
    toMs: to === null ? null : dayStartMs(to, utcOffsetMinutes) + DAY_MS,
  };
}

/** The same for a period with both ends: [`from` 00:00, the day after `to` 00:00). */
export function closedPeriodMs(from: string, to: string,
  utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): [fromMs: number, toMs: number] {
  return [dayStartMs(from, utcOffsetMinutes), dayStartMs(to, utcOffsetMinutes) + DAY_MS];
}

/** `day` moved by `days` calendar days (negative: back). */
export function addDays(day: string, days: number): string {
  return dayOfNumber(Date.parse(`${day}T00:00:00Z`) / DAY_MS + days);
}

/** The first day of the month `day` is in. */
export const monthStartOf = (day: string): string => `${day.slice(0, 7)}-01`;

/** The last day of the month before the one `day` is in. */
export const previousMonthEndOf = (day: string): string => addDays(monthStartOf(day), -1);

/** Local wall-clock parts of an instant at this offset (year, month 1–12, day, hour, minute). */
export function localParts(ms: number, utcOffsetMinutes: number = DEFAULT_UTC_OFFSET_MINUTES): {
  year: number; month: number; day: number; hour: number; minute: number;
} {
  const d = new Date(ms + utcOffsetMinutes * MINUTE_MS);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(),
  };
}
