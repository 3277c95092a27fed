// Calibrated confidence (issue 15 item 3): the shown score is a monotone map of the ranking's raw share, so the
// order of the suggestions is kept, and its isotonic fit (scripts/suggest-bands.ts) is non-decreasing.
import { describe, expect, it } from 'vitest';
import { calibratedScore } from '../../../electron/core/routing/calibration.js';
import { isotonicKnots, reliability } from '../../../scripts/suggest-bands.js';

describe('calibration', () => {
  it('is strictly increasing on [0, 1] and stays in [0, 1]', () => {
    let last = -1;
    for (let x = 0; x <= 1.0001; x += 0.01) {
      const y = calibratedScore(x);
      expect(y).toBeGreaterThan(last);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
      last = y;
    }
    expect(calibratedScore(-1)).toBe(0);
    expect(calibratedScore(2)).toBe(calibratedScore(1));
  });

  it('gives a useful runner-up (raw share 0.1 and more) a score above the 2 % floor', () => {
    expect(calibratedScore(0.1)).toBeGreaterThan(0.02);
  });

  it('fits non-decreasing knots that follow the data', () => {
    const outcomes = [
      ...Array.from({ length: 50 }, (_, i) => ({ topScore: 0.1, topRight: i < 5 })),
      ...Array.from({ length: 50 }, (_, i) => ({ topScore: 0.5, topRight: i < 30 })),
      ...Array.from({ length: 50 }, (_, i) => ({ topScore: 0.9, topRight: i < 20 })), // overconfident: pooled with 0.5
      ...Array.from({ length: 50 }, (_, i) => ({ topScore: 1, topRight: i < 48 })),
    ];
    const knots = isotonicKnots(outcomes);
    for (let k = 1; k < knots.length; k++) {
      expect(knots[k]![0]).toBeGreaterThan(knots[k - 1]![0]);
      expect(knots[k]![1]).toBeGreaterThanOrEqual(knots[k - 1]![1]);
    }
    expect(knots.find(([x]) => x === 0.1)?.[1]).toBeCloseTo(0.1);
    expect(knots.find(([x]) => x === 0.7)?.[1]).toBeCloseTo(0.5); // 0.5 and 0.9 pooled
    expect(knots.at(-1)).toEqual([1, 0.96]);
  });

  it('bins offered scores for the reliability table', () => {
    const rows = reliability([{ topScore: 0.05, topRight: false }, { topScore: 0.95, topRight: true }, { topScore: 1, topRight: true }]);
    expect(rows[0]).toMatchObject({ count: 1, rightShare: 0 });
    expect(rows[9]).toMatchObject({ count: 2, rightShare: 1 });
  });
});
