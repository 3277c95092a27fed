// The reports.export input: a monthly report names a real month (01–12), never 2025-00 or 2025-13.
import { describe, expect, it } from 'vitest';
import { ReportRequest } from '../../../shared/desk-api/lead-contract.js';

const monthly = (month: string) => ReportRequest.safeParse({ kind: 'monthly', month, format: 'xlsx' }).success;

describe('ReportRequest monthly month', () => {
  it.each(['2025-01', '2025-09', '2025-10', '2025-12'])('accepts %s', (month) => {
    expect(monthly(month)).toBe(true);
  });
  it.each(['2025-00', '2025-13', '2025-19', '2025-1', '2025-001', '25-01', '2025-01-01', ' 2025-01', '2025-01\n'])(
    'refuses %j', (month) => {
      expect(monthly(month)).toBe(false);
    });
});
