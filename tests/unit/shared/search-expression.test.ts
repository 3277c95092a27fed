// The FTS5 expression of a search query (shared/search/search-fold.ts): a short stem is matched with the forms the
// index holds (its vocabulary, from the core) that are the stem plus a case ending — «водитель» is no form of «вода» —
// and with no vocabulary at hand, with every ending.
import { describe, expect, it } from 'vitest';
import { ftsExpression } from '../../../shared/search/search-fold.js';

const stem = (word: string): string => ({ вода: 'вод', школа: 'школ', учителя: 'учител', мусо: 'мус' })[word] ?? word;

describe('search expression', () => {
  it('takes the forms the index holds, the typed word as a prefix too, and leaves other words of the stem out', () => {
    expect(ftsExpression('вода', stem, () => ['вод', 'вода', 'водитель', 'воду', 'водой']))
      .toBe('("вода"* OR "вод" OR "вода" OR "воду" OR "водой")');
    // None held: the typed word as a prefix alone (partial typing still finds «мусор»).
    expect(ftsExpression('мусо', stem, () => ['мусор', 'мусорка'])).toBe('"мусо"*');
  });

  it('keeps a long stem a prefix and joins the words with an explicit AND', () => {
    expect(ftsExpression('учителя школа', stem, () => ['школа', 'школе', 'школьный']))
      .toBe('"учител"* AND ("школа"* OR "школа" OR "школе")');
  });

  it('without a vocabulary, lists every ending', () => {
    const expression = ftsExpression('вода', stem) ?? '';
    expect(expression).toContain('"воду"');
    expect(expression).toContain('"водами"');
    expect(expression).not.toContain('водитель');
  });
});
