// The target picker's suggested section (#13 item 7): the suggested targets first in the model's order, each once,
// then every other target in the list's own order; ids the list does not hold are skipped.
import { describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/domain/target.js';
import { suggestedFirst } from '../../../renderer/src/features/target-picker/match-targets.js';

const t = (id: string): Target => ({ id, name: id, shortName: id, kind: 'ministry' });
const list = ['a', 'b', 'c', 'd'].map(t);

describe('suggestedFirst', () => {
  it('puts the suggestions on top in their order and keeps the rest in list order', () => {
    const { targets, suggestedCount } = suggestedFirst(list, ['c', 'a']);
    expect(targets.map((x) => x.id)).toEqual(['c', 'a', 'b', 'd']);
    expect(suggestedCount).toBe(2);
  });

  it('skips ids not in the list and repeats none', () => {
    const { targets, suggestedCount } = suggestedFirst(list, ['zz', 'b', 'b']);
    expect(targets.map((x) => x.id)).toEqual(['b', 'a', 'c', 'd']);
    expect(suggestedCount).toBe(1);
  });

  it('leaves the list as it is without suggestions', () => {
    expect(suggestedFirst(list, [])).toEqual({ targets: list, suggestedCount: 0 });
  });
});
