import { describe, expect, it } from 'vitest';
import { APPEAL_FORMS, countRu, GO_FORMS, IT_FORMS, pluralRu, referRu, THEY_FORMS } from '../../../shared/text/plural-ru.js';

describe('pluralRu', () => {
  it('picks the Russian form for whole counts', () => {
    const cases: Array<[number, string]> = [
      [0, 'обращений'], [1, 'обращение'], [2, 'обращения'], [5, 'обращений'], [11, 'обращений'], [12, 'обращений'],
      [14, 'обращений'], [21, 'обращение'], [22, 'обращения'], [25, 'обращений'], [101, 'обращение'],
      [111, 'обращений'],
    ];
    for (const [n, word] of cases) expect(pluralRu(n, APPEAL_FORMS), String(n)).toBe(word);
  });

  it('uses the genitive singular for fractions, or the form given for them', () => {
    expect(pluralRu(1.5, APPEAL_FORMS)).toBe('обращения');
    expect(pluralRu(1.5, { one: 'а', few: 'б', many: 'в', other: 'г' })).toBe('г');
  });

  it('writes the count with Russian digit grouping', () => {
    expect(countRu(1, APPEAL_FORMS)).toBe('1 обращение');
    expect(countRu(1234, APPEAL_FORMS)).toBe('1\u00a0234 обращения');
    expect(countRu(1.5, APPEAL_FORMS)).toBe('1,5 обращения');
  });
});

describe('referRu', () => {
  it('refers back to exactly one in the singular, to any other count in the plural (21 included)', () => {
    expect([1, 2, 5, 21, 101].map((n) => `${referRu(n, IT_FORMS)} ${referRu(n, THEY_FORMS)} ${referRu(n, GO_FORMS)}`))
      .toEqual(['его оно уйдёт', 'их они уйдут', 'их они уйдут', 'их они уйдут', 'их они уйдут']);
  });
});
