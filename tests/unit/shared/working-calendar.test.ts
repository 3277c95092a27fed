// Deadline arithmetic on the Novosibirsk working calendar: weekends, holidays and transfers, shortened days,
// local midnight (UTC+7) and month/year ends, and appeals that arrive outside working hours.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_POLICY, deadlinesOf } from '../../../shared/deadlines/deadline-policy.js';
import { timeLeft } from '../../../shared/deadlines/time-left.js';
import { formatMinutes } from '../../../renderer/src/features/lead/format-minutes.js';
import {
  NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar, createWorkingCalendar,
} from '../../../shared/deadlines/working-calendar.js';

const data = ProductionCalendar.parse(
  JSON.parse(readFileSync(new URL('../../../resources/production-calendar-ru.json', import.meta.url), 'utf8')));
const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, data);

/** A Novosibirsk wall-clock time as an instant. */
const nsk = (local: string): number => Date.parse(`${local}:00+07:00`);
/** An instant shown as Novosibirsk wall-clock time. */
const shown = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
const plusHours = (local: string, hours: number): string => shown(calendar.addWorkingMinutes(nsk(local), hours * 60));

describe('working calendar (Novosibirsk, Mon–Fri 9–18)', () => {
  it('counts inside one working day and stops at closing time, not the next morning', () => {
    expect(plusHours('2025-03-04T10:00', 3)).toBe('2025-03-04T13:00');
    expect(plusHours('2025-03-04T15:00', 3)).toBe('2025-03-04T18:00');
  });

  it('carries over the night to the next working morning', () => {
    expect(plusHours('2025-03-04T16:00', 3)).toBe('2025-03-05T10:00');
  });

  it('skips the weekend', () => {
    expect(plusHours('2025-03-14T17:00', 3)).toBe('2025-03-17T11:00');
    expect(calendar.workingMinutesBetween(nsk('2025-03-14T17:00'), nsk('2025-03-17T10:00'))).toBe(120);
  });

  it('starts the clock at opening time for an appeal received at night or on a day off', () => {
    expect(plusHours('2025-03-04T03:00', 3)).toBe('2025-03-04T12:00');
    expect(plusHours('2025-03-15T22:00', 3)).toBe('2025-03-17T12:00');
    expect(plusHours('2025-03-04T18:30', 3)).toBe('2025-03-05T12:00');
  });

  it('uses the local (UTC+7) day, not the UTC day, around midnight', () => {
    // 23:30 in Novosibirsk is 16:30 UTC of the same date — inside "working hours" if one forgot the offset.
    expect(plusHours('2025-03-04T23:30', 3)).toBe('2025-03-05T12:00');
    // 00:30 on Wednesday in Novosibirsk is still Tuesday 17:30 UTC.
    expect(plusHours('2025-03-05T00:30', 3)).toBe('2025-03-05T12:00');
    // Monday 06:00 local is Sunday 23:00 UTC: the local Monday counts.
    expect(plusHours('2025-03-17T06:00', 1)).toBe('2025-03-17T10:00');
    expect(calendar.localDate(nsk('2025-03-05T00:30'))).toBe('2025-03-05');
  });

  it('crosses month ends', () => {
    expect(plusHours('2025-01-31T16:00', 8)).toBe('2025-02-03T15:00');
    expect(plusHours('2025-04-30T16:00', 3)).toBe('2025-05-05T11:00'); // 30.04 ends at 17:00, 1–4 May off
  });

  it('skips the New Year holidays and transferred days off across the year end', () => {
    // 31.12.2025 is a transferred day off, 1–8 January holidays, 9 January 2026 transferred, then a weekend.
    expect(plusHours('2025-12-30T17:00', 3)).toBe('2026-01-12T11:00');
    expect(calendar.isWorkingDay('2025-12-31')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-09')).toBe(false);
    expect(calendar.isWorkingDay('2026-01-12')).toBe(true);
  });

  it('ends a pre-holiday day an hour early and works a transferred Saturday', () => {
    // Friday 7 March 2025 ends at 17:00; Monday 10 March is a working day (8 March was moved to 13 June).
    expect(plusHours('2025-03-07T15:00', 3)).toBe('2025-03-10T10:00');
    // Saturday 1 November 2025 is a (shortened) working day, Monday 3 November is off.
    expect(plusHours('2025-10-31T17:00', 3)).toBe('2025-11-01T11:00');
    expect(plusHours('2025-11-01T15:00', 3)).toBe('2025-11-05T10:00');
    expect(calendar.isWorkingDay('2025-06-13')).toBe(false);
  });

  it('has the official number of working days in 2025 and 2026', () => {
    for (const [year, expected] of [[2025, 247], [2026, 247]] as const) {
      let days = 0;
      for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
        if (calendar.isWorkingDay(new Date(d).toISOString().slice(0, 10))) days++;
      }
      expect(days).toBe(expected);
    }
  });

  it('counts working minutes between two instants over a holiday week', () => {
    expect(calendar.workingMinutesBetween(nsk('2025-06-11T09:00'), nsk('2025-06-16T10:00'))).toBe(8 * 60 + 60);
    expect(calendar.workingMinutesBetween(nsk('2025-06-16T10:00'), nsk('2025-06-11T09:00'))).toBe(0);
  });
});

describe('deadline policy', () => {
  it('gives social networks 3 h to route and 8 h to answer, Gosuslugi a day and 10 working days', () => {
    const vk = deadlinesOf('vk', nsk('2025-03-04T16:00'), DEFAULT_DEADLINE_POLICY, calendar);
    expect(shown(vk.routeDueMs)).toBe('2025-03-05T10:00');
    expect(shown(vk.answerDueMs)).toBe('2025-03-05T15:00');
    const pos = deadlinesOf('pos', nsk('2025-06-10T09:00'), DEFAULT_DEADLINE_POLICY, calendar);
    expect(shown(pos.routeDueMs)).toBe('2025-06-10T18:00');
    expect(shown(pos.answerDueMs)).toBe('2025-06-26T10:00');
  });

  it('is configurable per source', () => {
    const policy = { ...DEFAULT_DEADLINE_POLICY, telegram: { routeWithinHours: 1, answerWithinHours: 2 } };
    const tg = deadlinesOf('telegram', nsk('2025-03-04T17:30'), policy, calendar);
    expect(shown(tg.routeDueMs)).toBe('2025-03-05T09:30');
    expect(shown(tg.answerDueMs)).toBe('2025-03-05T10:30');
  });

  it('says the time left or overdue in Russian', () => {
    const now = nsk('2025-03-04T10:00');
    expect(timeLeft(now + 135 * 60_000, now)).toEqual({ overdue: false, text: 'осталось 2 ч 15 мин', compact: '2 ч 15 мин' });
    expect(timeLeft(now - 40 * 60_000, now)).toEqual({ overdue: true, text: 'просрочено на 40 мин', compact: '\u221240 мин' });
    expect(timeLeft(now + 3 * 1440 * 60_000 + 120 * 60_000, now)).toMatchObject({ text: 'осталось 3 дн. 2 ч', compact: '3 дн. 2 ч' });
    expect(timeLeft(now - 28 * 1440 * 60_000, now).compact).toBe('\u221228 дн.');
    // The grid's form, from ten hours on, in whole hours: «−22 ч 46 мин» did not fit the column at 150 %.
    expect(timeLeft(now - (22 * 60 + 46) * 60_000, now)).toMatchObject({ text: 'просрочено на 22 ч 46 мин', compact: '\u221222 ч' });
    expect(timeLeft(now + (9 * 60 + 59) * 60_000, now).compact).toBe('9 ч 59 мин');
  });

  it('spells a duration the same on the lead\'s screens as in the desk\'s deadlines (one source, trial of 4 December)', () => {
    // The lead's «Очереди» said «2 дн 22 ч», the inbox «2 дн. 20 ч»; the median «2 ч 05 мин», the deadline «2 ч 5 мин».
    const now = nsk('2025-03-04T10:00');
    for (const minutes of [0, 45, 125, 700, 4200, 40_320]) {
      expect(`осталось ${formatMinutes(minutes)}`).toBe(timeLeft(now + minutes * 60_000, now).text);
    }
    expect(formatMinutes(4200)).toBe('2 дн. 22 ч');
    expect(formatMinutes(125.4)).toBe('2 ч 5 мин');
    expect(formatMinutes(null)).toBe('—');
  });
});
