// Issue 12: calendar days in the desk API are real days (round trip through the calendar), and a statistics period
// runs forwards and spans at most MAX_PERIOD_DAYS days — the same day rule in stats.get, reports and search.query.
import { describe, expect, it } from 'vitest';
import { ReportRequest, StatsPeriod } from '../../../shared/desk-api/lead-contract.js';
import { SearchQuery } from '../../../shared/search/search-query.js';

const period = (from: string, to: string) => StatsPeriod.safeParse({ from, to });
const search = (fromDay: string | null, toDay: string | null) => SearchQuery.safeParse({ fromDay, toDay });

const REAL = ['2025-01-01', '2025-02-28', '2024-02-29', '2000-02-29', '2025-12-31'];
const IMPOSSIBLE = ['2025-02-30', '2025-13-45', '2025-02-29', '1900-02-29', '2025-04-31', '2025-00-10', '2025-01-00',
  '2025-1-01', ' 2025-01-01', '2025-01-01\n'];

describe('calendar days (stats.get and search.query share one rule)', () => {
  it.each(REAL)('accepts the real day %s', (day) => {
    expect(period(day, day).success).toBe(true);
    expect(search(day, day).success).toBe(true);
  });

  it.each(IMPOSSIBLE)('refuses the impossible day %j in stats and in search', (day) => {
    expect(period(day, '2025-12-31').success).toBe(false);
    expect(period('2025-01-01', day).success).toBe(false);
    expect(search(day, null).success).toBe(false);
    expect(search(null, day).success).toBe(false);
  });
});

describe('statistics period cap', () => {
  it('accepts 400 days and refuses 401, with a Russian message', () => {
    expect(period('2025-01-01', '2026-02-04').success).toBe(true); // 365 + 35 = 400 days, both ends included
    const tooLong = period('2025-01-01', '2026-02-05');
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toMatch(/не длиннее 400 дней/);
  });

  it('refuses an end before the start, and the whole 0001–9999 range', () => {
    expect(period('2025-03-02', '2025-03-01').error?.issues[0]?.message).toMatch(/позже конца/);
    expect(period('0001-01-01', '9999-12-31').success).toBe(false);
  });

  it('caps the period of a list export too', () => {
    expect(ReportRequest.safeParse({ kind: 'list', format: 'csv', period: { from: '2025-01-01', to: '2026-02-04' } }).success)
      .toBe(true);
    expect(ReportRequest.safeParse({ kind: 'list', format: 'csv', period: { from: '0001-01-01', to: '9999-12-31' } }).success)
      .toBe(false);
    expect(ReportRequest.safeParse({ kind: 'list', format: 'csv', period: { from: '2025-02-30', to: '2025-03-01' } }).success)
      .toBe(false);
  });
});
