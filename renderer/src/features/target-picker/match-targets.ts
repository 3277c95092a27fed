// Type-to-filter for the target picker: Russian, case- and ё/е-insensitive, prefix first, then fuzzy; text typed
// on the wrong layout («vby» for «мин») is read on the other one too. Pure, so the ranking is unit-tested without
// a browser.
import type { Target } from '../../../../shared/domain/target.js';
import { otherLayoutReading } from '../../../../shared/text/keyboard-layout.js';

/** Lower case, ё→е, spaces collapsed: how both the query and the names are compared. */
export function normalizeForMatch(text: string): string {
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const LETTER = /[\p{L}\p{N}]/u;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

// Where words start: after a non-letter, or at a lower→upper change («МинЖКХ» has words «Мин» and «ЖКХ»).
function wordStarts(original: string): number[] {
  // Indexed by UTF-16 unit, like String.prototype.startsWith below (names are Cyrillic: all in the BMP).
  const starts: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = original[i] ?? '';
    const prev = i > 0 ? original[i - 1] ?? '' : '';
    if (!LETTER.test(ch)) continue;
    const prevIsLetter = LETTER.test(prev);
    const upperAfterLower = prevIsLetter && UPPER.test(ch) && LOWER.test(prev);
    if (!prevIsLetter || upperAfterLower) starts.push(i);
  }
  return starts;
}

// Lower is better. Tiers: whole-field prefix < word prefix < substring < fuzzy (letters in order, gaps cost).
const NO_MATCH = Number.POSITIVE_INFINITY;

function scoreField(field: string, query: string): number {
  const norm = normalizeForMatch(field);
  // normalizeForMatch keeps one char per char except collapsed whitespace; word starts are computed on the
  // same collapsed text so indices line up.
  const collapsed = field.replace(/\s+/g, ' ').trim();
  if (norm.startsWith(query)) return 0;
  const starts = wordStarts(collapsed);
  const wordHit = starts.find((s) => norm.startsWith(query, s));
  if (wordHit !== undefined) return 100 + wordHit;
  const sub = norm.indexOf(query);
  if (sub >= 0) return 200 + sub;
  return 1000 + fuzzyGaps(norm, query);
}

// Letters of the query in order inside the text; the score is the total gap length, or NO_MATCH.
function fuzzyGaps(text: string, query: string): number {
  const q = query.replace(/ /g, '');
  if (q.length < 2) return NO_MATCH;
  let pos = -1;
  let gaps = 0;
  for (const ch of q) {
    const next = text.indexOf(ch, pos + 1);
    if (next < 0) return NO_MATCH;
    if (pos >= 0) gaps += next - pos - 1;
    pos = next;
  }
  return gaps;
}

interface Scored { target: Target; score: number; order: number }

// Every target that matches, best first.
function scoreTargets(targets: readonly Target[], query: string): Scored[] {
  const scored: Scored[] = [];
  targets.forEach((target, order) => {
    // The short name is what operators say out loud, so it wins ties against the long official name.
    const score = Math.min(scoreField(target.shortName, query), scoreField(target.name, query) + 1);
    if (score < NO_MATCH) scored.push({ target, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.target.shortName.length - b.target.shortName.length || a.order - b.order);
  return scored;
}

/** Targets matching the query, best first; an empty query keeps the given order. */
export function matchTargets(targets: readonly Target[], rawQuery: string): Target[] {
  const query = normalizeForMatch(rawQuery);
  if (query === '') return [...targets];
  return scoreTargets(targets, query).map((s) => s.target);
}

// The tier of a list's best hit: 0 whole-field prefix, 1 word prefix, 2 substring, 3 fuzzy, 4 nothing. Positions
// within a tier do not count here: «a word starts later» is no reason to switch layouts.
function bestTier(list: readonly Scored[]): number {
  const score = list[0]?.score ?? NO_MATCH;
  if (score === NO_MATCH) return 4;
  if (score < 100) return 0;
  if (score < 200) return 1;
  return score < 1000 ? 2 : 3;
}

export interface PickerMatches {
  targets: Target[];
  /** The other-layout reading the targets were matched by («мин» for «vby»); null: the text as typed. */
  reading: string | null;
}

/**
 * Targets for the text as typed, or for its other-layout reading when that matches better: «vby» finds nothing
 * in Russian names but «мин» does. «Better» compares the best hit of each reading by tier (prefix, word prefix,
 * substring, fuzzy); on a tie the text as typed wins, so a correctly typed query never changes its list.
 */
export function matchTargetsEitherLayout(targets: readonly Target[], rawQuery: string): PickerMatches {
  const query = normalizeForMatch(rawQuery);
  if (query === '') return { targets: [...targets], reading: null };
  const typed = scoreTargets(targets, query);
  const reading = otherLayoutReading(rawQuery.replace(/\s+/g, ' ').trim());
  if (reading !== null) {
    const other = scoreTargets(targets, normalizeForMatch(reading));
    if (bestTier(other) < bestTier(typed)) return { targets: other.map((s) => s.target), reading };
  }
  return { targets: typed.map((s) => s.target), reading: null };
}

/**
 * The suggested targets first, in the model's order (those the list holds), then the rest in the list's order;
 * `suggestedCount` says where the suggested part ends.
 */
export function suggestedFirst(targets: readonly Target[], suggestedIds: readonly string[]): { targets: Target[]; suggestedCount: number } {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const first: Target[] = [];
  for (const id of suggestedIds) {
    const target = byId.get(id);
    if (target !== undefined && !first.includes(target)) first.push(target);
  }
  const rest = targets.filter((t) => !first.includes(t));
  return { targets: [...first, ...rest], suggestedCount: first.length };
}
