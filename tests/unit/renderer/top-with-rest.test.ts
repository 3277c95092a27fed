// «По адресатам» in «Статистика»: the 12 largest bars and one for the rest, so the bars add up to «направлено» (a
// helper's trial of 6 December: 3 887 shown under 4 556 routed, the districts dropped without a word).
import { describe, expect, it } from 'vitest';
import { topWithRest } from '../../../renderer/src/features/lead/top-with-rest.js';

const items = (...counts: number[]) => counts.map((count, i) => ({ key: `t${i}`, label: `Адресат ${i}`, count }));

describe('top with the rest', () => {
  it('keeps the first ones and sums the rest in one line named with how many', () => {
    const shown = topWithRest(items(50, 40, 30, 5, 4, 2), 3);
    expect(shown.map((x) => x.label)).toEqual(['Адресат 0', 'Адресат 1', 'Адресат 2', 'прочие (3 адресата)']);
    expect(shown.at(-1)?.count).toBe(11);
    expect(shown.reduce((sum, x) => sum + x.count, 0)).toBe(131);
    expect(topWithRest(items(9, 8, 7, 6, 5), 4).at(-1)?.label).toBe('прочие (1 адресат)');
    expect(topWithRest(items(...Array<number>(17).fill(1)), 12).at(-1)?.label).toBe('прочие (5 адресатов)');
  });

  it('adds nothing when all fit', () => {
    expect(topWithRest(items(3, 2, 1), 3)).toEqual(items(3, 2, 1));
    expect(topWithRest([], 12)).toEqual([]);
  });
});
