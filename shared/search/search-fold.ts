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

/**
 * An FTS5 MATCH expression: every word must occur, each of 3+ letters as a prefix («мусор» finds «мусора»,
 * «мусорный»). Words are quoted, so nothing the operator types is read as FTS syntax (AND, NEAR, columns, quotes).
 */
export function ftsExpression(query: string): string | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return terms.map((term) => (term.length >= MIN_PREFIX_LENGTH ? `"${term}"*` : `"${term}"`)).join(' ');
}
