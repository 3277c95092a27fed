// When a routing suggestion may be acted on without a look (issue 13, item 7): the one place the core and the
// renderer read the confidence threshold and the floor from. Chosen by measurement (`npm run suggest:eval`, README
// «Enter is safe»): on our own labelled set a threshold of 0.80 gave 96 % top-1 precision, but on real residents'
// messages (tests/fixtures/real-appeals-nso.jsonl) no score band reaches even 90 % — the appeals scoring ≥ 0.80 are
// routed right 39 % of the time. So for now Enter never routes blindly: it always opens the picker with the
// suggestions on top (the first one highlighted, a second Enter routes it). Set a number again once the model is
// calibrated on real text (issue 15) and the real set's table says so.

/**
 * A first suggestion scoring at least this routes on Enter; below it (and always while null) Enter opens the picker
 * with the suggestions on top.
 */
export const CONFIDENT_SCORE: number | null = null;

/** A candidate scoring below this is no suggestion at all: not stored, not shown, not offered on Q/W. */
export const SUGGESTION_FLOOR = 0.02;

export function isConfident(score: number, threshold: number | null = CONFIDENT_SCORE): boolean {
  return threshold !== null && score >= threshold;
}

/** The candidates worth offering, order kept (the core drops the rest; older stored rows are filtered on read too). */
export function offeredSuggestions<T extends { score: number }>(suggestions: readonly T[]): T[] {
  return suggestions.filter((s) => s.score >= SUGGESTION_FLOOR);
}
