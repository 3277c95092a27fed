import { describe, expect, it } from 'vitest';
import { formatClock, formatLogTime, formatMonthRu, formatReceivedLong, formatReceivedShort } from '../../../renderer/src/time/novosibirsk-time.js';

// Novosibirsk is UTC+7: 2025-11-27T07:05Z is 14:05 there, whatever zone the test machine runs in.
const NOW = Date.parse('2025-11-27T10:00:00Z'); // 17:00 in Novosibirsk, 27 November

describe('Novosibirsk time formatting', () => {
  it('names a calendar month as the statistics\' export key says it («отчёт за декабрь 2026»)', () => {
    expect(formatMonthRu('2026-12')).toBe('декабрь 2026');
    expect(formatMonthRu('2027-01')).toBe('январь 2027');
    expect(formatMonthRu('2026-05')).toBe('май 2026');
    expect(formatMonthRu('2026-13')).toBe('2026-13');
  });

  it('shows the clock in Novosibirsk time', () => {
    expect(formatClock('2025-11-27T07:05:00Z')).toBe('14:05');
    expect(formatClock('2025-11-27T14:05:00+07:00')).toBe('14:05');
  });

  it('says «сегодня» and «вчера» by the Novosibirsk calendar day, not UTC', () => {
    expect(formatReceivedShort('2025-11-27T07:05:00Z', NOW)).toBe('сегодня 14:05');
    // 18:30 UTC on the 26th is already 01:30 on the 27th in Novosibirsk.
    expect(formatReceivedShort('2025-11-26T18:30:00Z', NOW)).toBe('сегодня 01:30');
    expect(formatReceivedShort('2025-11-26T02:12:00Z', NOW)).toBe('вчера 09:12');
  });

  it('shows day.month for older dates and adds the year only for another year', () => {
    expect(formatReceivedShort('2025-11-20T07:05:00Z', NOW)).toBe('20.11 14:05');
    expect(formatReceivedShort('2024-12-31T07:05:00Z', NOW)).toBe('31.12.2024 14:05');
  });

  it('spells the month in the detail pane', () => {
    expect(formatReceivedLong('2025-11-27T07:05:00Z', NOW)).toBe('сегодня, 14:05');
    expect(formatReceivedLong('2025-11-03T02:00:00Z', NOW)).toBe('3 ноября, 09:00');
    expect(formatLogTime('2025-11-27T07:05:09.900Z', NOW)).toBe('сегодня, 14:05:09');
    expect(formatLogTime('2025-11-03T02:00:59Z', NOW)).toBe('3 ноября, 09:00:59');
    expect(formatReceivedLong('2024-03-08T02:00:00Z', NOW)).toBe('8 марта 2024, 09:00');
  });

  it('returns unparseable input unchanged instead of «Invalid Date»', () => {
    expect(formatReceivedShort('вчера', NOW)).toBe('вчера');
    expect(formatClock('')).toBe('');
  });
});
