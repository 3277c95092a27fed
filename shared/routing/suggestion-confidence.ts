// When a routing suggestion may be acted on without a look (issue 13, item 7): the one place the core and the
// renderer read the confidence threshold and the floor from. Measured on our own labelled set (README, «Routing
// suggestions»: the score-band table); re-measure when the real-text set comes.

/** A top suggestion scoring at least this routes on Enter; below it Enter opens the picker with the suggestions on top. */
export const CONFIDENT_SCORE = 0.8;

/** A candidate scoring below this is no suggestion at all: not stored, not shown, not offered on Q/W. */
export const SUGGESTION_FLOOR = 0.02;

export function isConfident(score: number): boolean {
  return score >= CONFIDENT_SCORE;
}

/** The candidates worth offering, order kept (the core drops the rest; older stored rows are filtered on read too). */
export function offeredSuggestions<T extends { score: number }>(suggestions: readonly T[]): T[] {
  return suggestions.filter((s) => s.score >= SUGGESTION_FLOOR);
}
