// The score shown next to a suggestion means «right this often»: a monotone map from the ranking's raw share to
// the share of offered suggestions with that raw score that were the right target. Linear between the knots,
// strictly increasing so the order of the ranking is kept.
//
// WHAT IT WAS FITTED ON — the labelled set AND the dev real set (tests/fixtures/real-appeals-nso.jsonl), which is
// also the set the routing is developed against: `npm run suggest:eval -- --fit` (isotonic regression over every
// offered candidate of both), once with no history and once with the demo history of 5,000; these knots are a
// rounded middle of the two fits, capped at 0.9 (no raw share promises more on real text). Refitted 2026-12-03 when
// the raw shares stopped summing to 1 on thin evidence (a lone concept is no certainty: suggest-targets.ts,
// classShares): 593 and 697 candidates. So the dev set's calibration table is not an honest
// measure of it: only the held-out real set (tests/fixtures/real-appeals-nso-holdout.jsonl, `--holdout`, never fitted
// on) is. Fitted on the labelled set alone (review 47, M2, tried 2026-12-02) the map is poor: our own writing is
// easy (top-1 93–96 %), so every raw share under 0.26 maps to 0 (no runner-up would clear the 2 % floor) and every
// share over 0.65 to 0.96–1, while on real text the raw 0.9–1.0 band is right 64 % of the time and 0.1–0.2 8 %.
// It was not taken: a score that promises certainty on real text would be worse than one fitted partly on dev text.
const KNOTS: readonly [raw: number, right: number][] = [
  [0, 0], [0.1, 0.04], [0.2, 0.1], [0.3, 0.24], [0.4, 0.34], [0.5, 0.42], [0.6, 0.58], [0.7, 0.72], [0.8, 0.8],
  [0.9, 0.86], [1, 0.9],
];

export function calibratedScore(raw: number): number {
  const x = Math.min(1, Math.max(0, raw));
  for (let k = 1; k < KNOTS.length; k++) {
    const [x1, y1] = KNOTS[k]!;
    const [x0, y0] = KNOTS[k - 1]!;
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return KNOTS[KNOTS.length - 1]![1];
}
