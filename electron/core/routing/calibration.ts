// The score shown next to a suggestion means «right this often»: a monotone map from the ranking's raw share to
// the share of offered suggestions with that raw score that were the right target. Fitted with
// `npm run suggest:eval -- --fit` (isotonic regression over every offered candidate of the labelled and the dev real
// set), once with no history and once with the demo history of 5,000; these knots are a rounded middle of the two
// fits (2026-12-02: 598 and 704 candidates), strictly increasing so the order of the ranking is kept. The held-out
// real set only measures it. Linear between the knots.
const KNOTS: readonly [raw: number, right: number][] = [
  [0, 0], [0.1, 0.03], [0.2, 0.12], [0.35, 0.22], [0.5, 0.36], [0.6, 0.52], [0.75, 0.72], [0.9, 0.84], [1, 0.9],
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
