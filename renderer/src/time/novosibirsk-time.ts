// Times as the operators read them: always the centre's clock (Novosibirsk, UTC+7, unless the desk's working calendar
// says otherwise), whatever the machine's zone. Day and clock come from the desk's one time model
// (shared/domain/day-bounds.ts) at the offset the core announces with the session (Session.utcOffsetMinutes, the one
// the core uses for search days, statistics and deadlines), so «сегодня» here is the «сегодня» of every filter.
import { isCalendarDay } from '../../../shared/domain/calendar-day.js';
import { DEFAULT_UTC_OFFSET_MINUTES, localDay, localDayNumber, localParts } from '../../../shared/domain/day-bounds.js';

// Month names in the genitive («27 ноября»), formatted on the shifted instant read as UTC: no IANA zone involved.
const LONG_MONTH = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC', day: 'numeric', month: 'long' });
let offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES;

// A month's own name («декабрь»): ICU's stand-alone form when the month is formatted alone.
const MONTH_NAME = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC', month: 'long' });

/** «декабрь 2026» of «2026-12» (a calendar month, no instant: no zone involved). */
export function formatMonthRu(month: string): string {
  const [year, number] = month.split('-').map(Number);
  if (year === undefined || number === undefined || !Number.isInteger(year) || number < 1 || number > 12) return month;
  return `${MONTH_NAME.format(Date.UTC(year, number - 1, 1))} ${year}`;
}

/** The core's offset, from each session the renderer applies (session-slice.ts). */
export function setCentreOffset(minutes: number): void {
  offsetMinutes = minutes;
}

/** The centre's offset now in use (minutes east of UTC). */
export const centreOffsetMinutes = (): number => offsetMinutes;

interface CentreParts { year: number; month: number; day: number; hour: string; minute: string; dayNumber: number }

function centreParts(ms: number): CentreParts {
  const p = localParts(ms, offsetMinutes);
  return {
    year: p.year, month: p.month, day: p.day, hour: pad2(p.hour), minute: pad2(p.minute),
    dayNumber: localDayNumber(ms, offsetMinutes),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function instant(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** «14:05» on the centre's clock. */
export function formatClock(iso: string): string {
  const ms = instant(iso);
  if (ms === null) return iso;
  const p = centreParts(ms);
  return `${p.hour}:${p.minute}`;
}

/** An instant as both formats read it: its clock time, «сегодня»/«вчера» or null, and whether it is this year. */
interface Received { ms: number; p: CentreParts; time: string; nearDay: 'сегодня' | 'вчера' | null; thisYear: boolean }

function received(iso: string, nowMs: number): Received | null {
  const ms = instant(iso);
  if (ms === null) return null;
  const p = centreParts(ms);
  const now = centreParts(nowMs);
  const daysAgo = now.dayNumber - p.dayNumber;
  const nearDay = daysAgo === 0 ? 'сегодня' : daysAgo === 1 ? 'вчера' : null;
  return { ms, p, time: `${p.hour}:${p.minute}`, nearDay, thisYear: p.year === now.year };
}

/** For the grid: «сегодня 14:05», «вчера 09:12», «27.11 14:05», or «27.11.2024 14:05» for another year. */
export function formatReceivedShort(iso: string, nowMs: number): string {
  const r = received(iso, nowMs);
  if (r === null) return iso;
  if (r.nearDay !== null) return `${r.nearDay} ${r.time}`;
  const date = `${pad2(r.p.day)}.${pad2(r.p.month)}`;
  return r.thisYear ? `${date} ${r.time}` : `${date}.${r.p.year} ${r.time}`;
}

/** For the sync log, where the order of a few seconds matters (IT reads it): «сегодня, 14:05:37». */
export function formatLogTime(iso: string, nowMs: number): string {
  const ms = instant(iso);
  if (ms === null) return iso;
  const long = formatReceivedLong(iso, nowMs);
  return `${long}:${pad2(Math.floor(ms / 1000) % 60)}`;
}

/** For the detail pane: «сегодня, 14:05», «27 ноября, 14:05», «27 ноября 2024, 14:05» (always the centre's clock). */
export function formatReceivedLong(iso: string, nowMs: number): string {
  const r = received(iso, nowMs);
  if (r === null) return iso;
  if (r.nearDay !== null) return `${r.nearDay}, ${r.time}`;
  const dayMonth = LONG_MONTH.format(r.ms + offsetMinutes * 60_000);
  return r.thisYear ? `${dayMonth}, ${r.time}` : `${dayMonth} ${r.p.year}, ${r.time}`;
}

/** A calendar day («ГГГГ-ММ-ДД») as the operators write it: «ДД.ММ.ГГГГ». */
export function formatDayRu(day: string): string {
  return `${formatDayShortRu(day)}.${day.slice(0, 4)}`;
}

/** The same day without the year, «ДД.ММ», where the year is plain from the context (the days of a chart). */
export function formatDayShortRu(day: string): string {
  return `${day.slice(8, 10)}.${day.slice(5, 7)}`;
}

/**
 * «ДД.ММ.ГГГГ» as typed (one-digit day or month and «/» or «-» between them are taken too) to a calendar day
 * («ГГГГ-ММ-ДД»); null for anything else or a day the calendar does not have (31.02.2026).
 */
export function parseDayRu(text: string): string | null {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (m === null) return null;
  const day = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isCalendarDay(day) ? day : null;
}

/** Today on the centre's clock, as a calendar day («ГГГГ-ММ-ДД»). */
export const centreToday = (nowMs: number): string => localDay(nowMs, offsetMinutes);
