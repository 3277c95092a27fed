// The measurement the Enter threshold is chosen by (scripts/suggest-bands.ts): bands, the share and top-1
// precision in each and above each, and the lowest threshold reaching a precision.
import { describe, expect, it } from 'vitest';
import { bandsMarkdown, lowestThresholdFor, scoreBands, type ScoredOutcome } from '../../../scripts/suggest-bands.js';

const o = (topScore: number, topRight: boolean): ScoredOutcome => ({ topScore, topRight });
const outcomes = [o(1, true), o(0.95, true), o(0.9, false), o(0.85, true), o(0.5, false), o(0.2, true), o(0, false), o(0.45, true)];

describe('score bands', () => {
  it('puts each appeal in exactly one band (lower bound inclusive) and counts precision in and above it', () => {
    const rows = scoreBands(outcomes, [0.9, 0.5, 0]);
    expect(rows.map((r) => r.count)).toEqual([3, 2, 3]);
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(outcomes.length);
    expect(rows[0]).toMatchObject({ from: 0.9, to: 1, share: 3 / 8, precision: 2 / 3, atLeastShare: 3 / 8 });
    expect(rows[1]).toMatchObject({ from: 0.5, to: 0.9, precision: 1 / 2, atLeastShare: 5 / 8, atLeastPrecision: 3 / 5 });
    expect(rows[2]).toMatchObject({ atLeastShare: 1, atLeastPrecision: 5 / 8 });
  });

  it('reports an empty band as such, not as 0 % precision', () => {
    const rows = scoreBands([o(0.95, true)], [0.9, 0.5, 0]);
    expect(rows[1]?.precision).toBeNull();
    expect(bandsMarkdown(rows)).toContain('| 0.50–0.90 | 0 | 0.0 % | — |');
  });

  it('finds the lowest threshold whose precision above it reaches the goal', () => {
    const steps = [0, 0.25, 0.5, 0.75, 0.95];
    expect(lowestThresholdFor(outcomes, 1, steps)).toBe(0.95);
    expect(lowestThresholdFor(outcomes, 0.75, steps)).toBe(0.75);
    expect(lowestThresholdFor(outcomes, 0.65, steps)).toBe(0.25);
    expect(lowestThresholdFor([], 0.9, steps)).toBeNull();
  });
});
