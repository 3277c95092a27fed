// Search text normalisation shared by the index, the query and the grid's marks: the text as matched (matchForm:
// Unicode NFC, what the operator is not shown removed), lower case and ё→е (FTS5's unicode61 folds case but keeps ё
// distinct), so «Ёлка», «ёлка» and «елка» are one word to the search, «й» typed as «и» + U+0306 (NFD, issue 12) is
// the same word as «й», and «ап\u00ADте\u00ADка» copied from a web page is «аптека». NFC comes first, so a decomposed
// «ё» folds too.
import { matchForm } from '../text/inert-text.js';

const YO = /ё/g;

/**
 * The form both the index and the query are written in. Changing it changes what the index holds: add a cache
 * migration that re-indexes (see 008-search-nfc.ts).
 */
export function foldForSearch(text: string): string {
  return matchForm(text).toLowerCase().replace(YO, 'е');
}

/**
 * A word as the index splits text: a run of letters, digits and combining marks (unicode61 keeps marks inside a
 * token, so «мусо́р» with a stress mark, which NFC cannot compose, stays one word). Hyphenated words split.
 * Global: use with matchAll or String#match, which do not carry lastIndex between calls.
 */
export const SEARCH_WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Words of a query as the index splits them. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).match(SEARCH_WORD)?.slice(0, 16) ?? [];
}

// Shorter words match whole: «не*» or «в*» would expand to thousands of index terms for nothing.
const MIN_PREFIX_LENGTH = 3;

/** A word's stem as the core's Russian stemmer gives it (routing's Snowball): the word itself without one. */
export type Stemmer = (word: string) => string;

/**
 * A stem this short is matched with the endings of the cases rather than as a prefix: «вод*» (of «вода») would find
 * «водитель» and «водопровод», «почт*» (of «почта») «почти», «трав*» «травма», «банк*» «банкомат» (a second read of
 * 6 December). Nouns' and adjectives' endings, so «воду» finds «вода», «воды», «водой»; a longer stem («егоров»,
 * «учител») is a prefix, its words' endings many.
 */
const SHORT_STEM_LENGTH = 5;
const ENDINGS = ['', 'а', 'я', 'ы', 'и', 'е', 'у', 'ю', 'о', 'ь', 'ой', 'ей', 'ою', 'ею', 'ью', 'ом', 'ем', 'ам', 'ям', 'ами',
  'ями', 'ах', 'ях', 'ов', 'ев', 'ый', 'ий', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ого', 'его', 'ому', 'ему', 'ым', 'им',
  'ых', 'их', 'ую', 'юю', 'ыми', 'ими'];
const ENDING_SET: ReadonlySet<string> = new Set(ENDINGS);

/**
 * The start every form of a query word shares: its stem when the stemmer cuts an ending off it («школа» → «школ»,
 * «Егоровой» → «егоров»), else the word. A helper's trial of 6 December typed «школа» and found 0 of 449 appeals about
 * «школе» (a prefix of one form is no prefix of another), and «Тарифы на воду» none of «тариф на воду».
 */
export function searchPrefix(term: string, stem: Stemmer): string {
  if (term.length < MIN_PREFIX_LENGTH) return term;
  const base = stem(term);
  return base.length >= MIN_PREFIX_LENGTH && base.length < term.length && term.startsWith(base) ? base : term;
}

/**
 * An FTS5 MATCH expression: every word must occur in one of its forms — from its stem as a prefix («школа» finds
 * «школе», «школьный»; «мусор» finds «мусора»), a short stem with the cases' endings, a word under 3 letters whole.
 * Words are quoted, so nothing the operator types is read as FTS syntax (AND, NEAR, columns, quotes).
 */
export function ftsExpression(query: string, stem: Stemmer = (word) => word,
  indexTermsFrom?: (prefix: string) => readonly string[]): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term) => {
    if (term.length < MIN_PREFIX_LENGTH) return `"${term}"`;
    const prefix = searchPrefix(term, stem);
    if (prefix === term || prefix.length > SHORT_STEM_LENGTH) return `"${prefix}"*`;
    // With the index's own words at hand, only the forms it holds: an OR of every ending cost the bench's p95 12.4 →
    // 17.1 ms at 100,000 appeals; the few that exist cost about what the prefix did.
    const candidates = indexTermsFrom
      ? indexTermsFrom(prefix).filter((word) => ENDING_SET.has(word.slice(prefix.length)))
      : ENDINGS.map((ending) => `${prefix}${ending}`);
    const forms = new Set([`"${term}"*`, ...candidates.map((word) => `"${word}"`)]);
    return forms.size === 1 ? `"${term}"*` : `(${[...forms].join(' OR ')})`;
  }).join(' AND '); // explicit: FTS5 takes no implicit AND before a parenthesis
}
