// Which words of a result's text the query found, so the grid can mark them (as text runs, never markup).
import { foldForSearch, SEARCH_WORD } from '../../../../shared/search/search-fold.js';

/**
 * Splits text into runs, marking each word that starts with a query term (folded: NFC, case and ё do not matter).
 * Words are found in the text as displayed and only compared folded, so a mark always covers the characters shown,
 * combining marks of decomposed (NFD) letters included: no offsets from the NFC index are carried over.
 */
export function markTerms(text: string, terms: readonly string[]): { text: string; hit: boolean }[] {
  if (terms.length === 0) return [{ text, hit: false }];
  const runs: { text: string; hit: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(SEARCH_WORD)) {
    const word = foldForSearch(match[0]);
    // Short terms match whole words only, as the index does (see ftsExpression).
    if (!terms.some((t) => (t.length >= 3 ? word.startsWith(t) : word === t))) continue;
    const at = match.index;
    if (at > last) runs.push({ text: text.slice(last, at), hit: false });
    runs.push({ text: match[0], hit: true });
    last = at + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), hit: false });
  return runs;
}
