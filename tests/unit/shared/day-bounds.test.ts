import { describe, expect, it } from 'vitest';
import {
  addDays, dayStartMs, localDay, localDayNumber, localParts, monthStartOf, periodBoundsMs, previousMonthEndOf,
} from '../../../shared/domain/day-bounds.js';

describe('day bounds at the configured offset', () => {
  it('puts Novosibirsk midnight (UTC+7, the default) at 17:00 UTC the day before', () => {
    expect(new Date(dayStartMs('2025-11-27')).toISOString()).toBe('2025-11-26T17:00:00.000Z');
    expect(localDay(Date.parse('2025-11-26T17:00:00Z'))).toBe('2025-11-27');
    expect(localDay(Date.parse('2025-11-26T16:59:59Z'))).toBe('2025-11-26');
  });

  it('follows another configured offset instead of the default', () => {
    expect(new Date(dayStartMs('2025-11-27', 3 * 60)).toISOString()).toBe('2025-11-26T21:00:00.000Z');
    expect(localDay(Date.parse('2025-11-26T18:00:00Z'), 3 * 60)).toBe('2025-11-26');
    expect(localDay(Date.parse('2025-11-26T18:00:00Z'), 7 * 60)).toBe('2025-11-27');
    expect(localDay(Date.parse('2025-11-27T02:00:00Z'), -5 * 60)).toBe('2025-11-26');
  });

  it('gives an inclusive period as a half-open range, either end open', () => {
    const { fromMs, toMs } = periodBoundsMs('2025-11-01', '2025-11-30');
    expect(new Date(fromMs ?? 0).toISOString()).toBe('2025-10-31T17:00:00.000Z');
    expect(new Date(toMs ?? 0).toISOString()).toBe('2025-11-30T17:00:00.000Z');
    expect(periodBoundsMs(null, '2025-11-30').fromMs).toBeNull();
    expect(periodBoundsMs('2025-11-01', null).toMs).toBeNull();
  });

  it('does day and month arithmetic on calendar days', () => {
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(monthStartOf('2025-11-27')).toBe('2025-11-01');
    expect(previousMonthEndOf('2026-01-15')).toBe('2025-12-31');
  });

  it('reads the wall clock and the day number at the offset', () => {
    expect(localParts(Date.parse('2025-11-26T18:30:00Z'))).toEqual({ year: 2025, month: 11, day: 27, hour: 1, minute: 30 });
    expect(localDayNumber(Date.parse('2025-11-26T18:30:00Z')) - localDayNumber(Date.parse('2025-11-26T02:12:00Z'))).toBe(1);
  });
});
