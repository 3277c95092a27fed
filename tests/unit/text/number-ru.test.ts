// One number format for every count and figure of the lead's screens: Russian digit grouping with a no-break space
// (a group never wraps apart), a decimal comma; countRu writes its count the same way.
import { describe, expect, it } from 'vitest';
import { formatCountRu, formatNumberRu, formatProgressRu } from '../../../shared/text/number-ru.js';
import { APPEAL_FORMS, countRu } from '../../../shared/text/plural-ru.js';

/** The no-break spaces ICU may use for Russian grouping: U+00A0, or U+202F (narrow) in newer CLDR data. */
const NBSP = /^[\u00a0\u202f]$/;

describe('number-ru', () => {
  it('groups thousands with a no-break space and never an ordinary one', () => {
    const text = formatCountRu(1_234_567);
    expect(text.replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234 567');
    expect(text).not.toContain(' ');
    expect(text[1]).toMatch(NBSP);
    expect(formatCountRu(12_345).replace(/[\u00a0\u202f]/g, ' ')).toBe('12 345');
    expect(formatCountRu(1_000).replace(/[\u00a0\u202f]/g, ' ')).toBe('1 000');
    expect(formatCountRu(999)).toBe('999');
    expect(formatCountRu(0)).toBe('0');
  });

  it('rounds counts, writes figures with a decimal comma', () => {
    expect(formatCountRu(2.6)).toBe('3');
    expect(formatNumberRu(2.5)).toBe('2,5');
    expect(formatNumberRu(1_234.56).replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234,6');
    expect(formatNumberRu(5)).toBe('5');
  });

  it('is the formatter countRu and progress texts use', () => {
    expect(countRu(12_345, APPEAL_FORMS)).toBe(`${formatCountRu(12_345)} обращений`);
    expect(formatProgressRu(1_200, 12_000)).toBe(`${formatCountRu(1_200)} из ${formatCountRu(12_000)}`);
  });
});
