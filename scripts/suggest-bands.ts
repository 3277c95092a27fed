// The measurement behind the Enter threshold (shared/routing/suggestion-confidence.ts): how often the first
// suggestion is right as a function of its score, in bands, and above each candidate threshold. Pure, so the
// arithmetic is unit-tested (tests/unit/routing/suggest-bands.test.ts); scripts/suggest-eval.ts prints it.

export interface ScoredOutcome {
  /** The first suggestion's score (0 when there was none). */
  topScore: number;
  /** The first suggestion was the labelled target. */
  topRight: boolean;
}

export interface BandRow {
  /** Inclusive lower bound; the upper bound is the previous row's lower bound (1 for the first row). */
  from: number;
  to: number;
  count: number;
  share: number;
  /** Top-1 precision in the band; null for an empty band. */
  precision: number | null;
  /** Appeals scoring at least `from`: their share and top-1 precision (what a threshold at `from` would give). */
  atLeastShare: number;
  atLeastPrecision: number | null;
}

export const DEFAULT_BANDS = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0] as const;

/** Rows for the bands (lower bounds, descending; the last should be 0 so every appeal counts). */
export function scoreBands(outcomes: readonly ScoredOutcome[], lowerBounds: readonly number[] = DEFAULT_BANDS): BandRow[] {
  const total = outcomes.length;
  const rows: BandRow[] = [];
  let upper = Number.POSITIVE_INFINITY;
  for (const from of lowerBounds) {
    const inBand = outcomes.filter((o) => o.topScore >= from && o.topScore < upper);
    const atLeast = outcomes.filter((o) => o.topScore >= from);
    rows.push({
      from, to: Math.min(1, upper), count: inBand.length,
      share: total === 0 ? 0 : inBand.length / total,
      precision: rate(inBand),
      atLeastShare: total === 0 ? 0 : atLeast.length / total,
      atLeastPrecision: rate(atLeast),
    });
    upper = from;
  }
  return rows;
}

function rate(outcomes: readonly ScoredOutcome[]): number | null {
  return outcomes.length === 0 ? null : outcomes.filter((o) => o.topRight).length / outcomes.length;
}

/** The lowest threshold (of the given ones) whose top-1 precision above it is at least `precision`. */
export function lowestThresholdFor(outcomes: readonly ScoredOutcome[], precision: number, candidates: readonly number[]): number | null {
  let best: number | null = null;
  for (const t of [...candidates].sort((a, b) => b - a)) {
    const above = outcomes.filter((o) => o.topScore >= t);
    const p = rate(above);
    if (p !== null && p >= precision) best = t;
  }
  return best;
}

const pct = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

/** The table as Markdown, as it stands in the README. */
export function bandsMarkdown(rows: readonly BandRow[]): string {
  const lines = ['| top score | appeals | share | top-1 precision in band | share ≥ band | top-1 precision ≥ band |',
    '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const range = r.to >= 1 ? `≥ ${r.from.toFixed(2)}` : `${r.from.toFixed(2)}–${r.to.toFixed(2)}`;
    lines.push(`| ${range} | ${r.count} | ${pct(r.share)} | ${pct(r.precision)} | ${pct(r.atLeastShare)} | ${pct(r.atLeastPrecision)} |`);
  }
  return lines.join('\n');
}

export interface ReliabilityRow {
  from: number;
  to: number;
  count: number;
  /** Mean score shown in the bin. */
  meanScore: number | null;
  /** Share of the bin's suggestions that were the right target. */
  rightShare: number | null;
}

/** Offered scores in bins of 0.1: the mean score against the share right (equal when the score is calibrated). */
export function reliability(outcomes: readonly ScoredOutcome[]): ReliabilityRow[] {
  const rows: ReliabilityRow[] = [];
  for (let k = 0; k < 10; k++) {
    const from = k / 10;
    const to = (k + 1) / 10;
    const bin = outcomes.filter((o) => o.topScore >= from && (k === 9 ? o.topScore <= 1 : o.topScore < to));
    rows.push({
      from, to, count: bin.length,
      meanScore: bin.length === 0 ? null : bin.reduce((a, o) => a + o.topScore, 0) / bin.length,
      rightShare: rate(bin),
    });
  }
  return rows;
}

export function reliabilityMarkdown(rows: readonly ReliabilityRow[]): string {
  const lines = ['| score | suggestions | mean score | right |', '|---|---|---|---|'];
  for (const r of rows) {
    if (r.count === 0) continue;
    lines.push(`| ${r.from.toFixed(1)}–${r.to.toFixed(1)} | ${r.count} | ${pct(r.meanScore)} | ${pct(r.rightShare)} |`);
  }
  return lines.join('\n');
}

/**
 * Isotonic regression (pool adjacent violators) of «right» on the score: knots [score, right share], non-decreasing,
 * for electron/core/routing/calibration.ts. Each knot is a pooled block's mean score and right share; the map starts
 * at [0, 0] and ends at the last block.
 */
export function isotonicKnots(outcomes: readonly ScoredOutcome[]): [number, number][] {
  const sorted = [...outcomes].sort((a, b) => a.topScore - b.topScore);
  const blocks: { sumX: number; sumY: number; n: number }[] = [];
  for (const o of sorted) {
    blocks.push({ sumX: o.topScore, sumY: o.topRight ? 1 : 0, n: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const prev = blocks[blocks.length - 2]!;
      if (prev.sumY / prev.n <= last.sumY / last.n) break;
      blocks.pop();
      prev.sumX += last.sumX; prev.sumY += last.sumY; prev.n += last.n;
    }
  }
  const knots: [number, number][] = [[0, 0]];
  for (const b of blocks) {
    const knot: [number, number] = [round3(b.sumX / b.n), round3(b.sumY / b.n)];
    const last = knots[knots.length - 1]!;
    if (knot[0] > last[0]) knots.push(knot);
    else last[1] = Math.max(last[1], knot[1]);
  }
  return knots;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
