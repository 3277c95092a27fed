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
