// Search text normalisation shared by the index and the query: lower case and ё→е (FTS5's unicode61 folds case
// but keeps ё distinct), so «Ёлка», «ёлка» and «елка» are one word to the search.
const YO = /ё/g;

/** The form both the index and the query are written in. */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(YO, 'е');
}

/** Words of a query as the index splits them: runs of letters and digits (hyphenated words split too). */
export function searchTerms(query: string): string[] {
  return foldForSearch(query).match(/[\p{L}\p{N}]+/gu)?.slice(0, 16) ?? [];
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
