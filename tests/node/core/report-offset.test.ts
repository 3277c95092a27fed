// Report cells are local time in the working calendar's offset (deadlines.json may move it off UTC+7).
import { describe, expect, it } from 'vitest';
import { appealListTable } from '../../../electron/core/lead/report-tables.js';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../../shared/domain/day-bounds.js';
import type { QueueAppeal } from '../../../shared/desk-api/lead-contract.js';

const row: QueueAppeal = {
  id: 'a-1', source: 'vk', excerpt: 'текст', receivedAt: '2025-03-01T20:30:00.000Z', status: 'new', targetId: null,
  decidedBy: null, decidedAt: null, routeDueAt: null, answerDueAt: null, pending: false, decidedOnServer: false,
};

describe('appealListTable local times', () => {
  it('shows Novosibirsk time by default and the calendar offset when it differs', () => {
    expect(DEFAULT_UTC_OFFSET_MINUTES).toBe(7 * 60);
    // A date cell holds the wall-clock time as a UTC-labelled Date (what XLSX shows; CSV writes it as text).
    expect(appealListTable([row], (id) => id, DEFAULT_UTC_OFFSET_MINUTES * 60_000).rows[0]?.[2])
      .toEqual({ wall: new Date('2025-03-02T03:30:00.000Z'), withTime: true });
    expect(appealListTable([row], (id) => id, 6 * 3_600_000).rows[0]?.[2])
      .toEqual({ wall: new Date('2025-03-02T02:30:00.000Z'), withTime: true });
  });
});
