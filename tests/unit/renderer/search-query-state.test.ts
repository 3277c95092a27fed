import { describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/domain/target.js';
import {
  activeFilterCount, appealsCount, describeQuery, EMPTY_QUERY, formatTook, isBlankQuery, normalizedRange, toggleIn,
} from '../../../renderer/src/features/search/search-query-state.js';
import { queryKey } from '../../../shared/search/search-query-key.js';
import { markTerms } from '../../../renderer/src/features/search/mark-terms.js';
import { SOURCES } from '../../../shared/domain/appeal.js';

describe('search query state', () => {
  it('treats an empty box with no filter as blank, and any filter as a query', () => {
    expect(isBlankQuery(EMPTY_QUERY)).toBe(true);
    expect(isBlankQuery({ ...EMPTY_QUERY, text: '   ' })).toBe(true);
    expect(isBlankQuery({ ...EMPTY_QUERY, overdue: true })).toBe(false);
    expect(isBlankQuery({ ...EMPTY_QUERY, text: 'мусор' })).toBe(false);
    expect(activeFilterCount({ ...EMPTY_QUERY, sources: ['vk', 'ok'], fromDay: '2026-03-01', toDay: '2026-03-31' })).toBe(2);
  });

  it('toggles a filter value in and out, keeping the canonical order', () => {
    expect(toggleIn([], 'telegram', SOURCES)).toEqual(['telegram']);
    expect(toggleIn(['telegram'], 'vk', SOURCES)).toEqual(['vk', 'telegram']);
    expect(toggleIn(['vk', 'telegram'], 'vk', SOURCES)).toEqual(['telegram']);
  });

  it('keys the same search the same way: case, ё, spaces and click order do not matter', () => {
    const a = queryKey({ ...EMPTY_QUERY, text: '  Ёлка   двор ', sources: ['ok', 'vk'] });
    const b = queryKey({ ...EMPTY_QUERY, text: 'елка двор', sources: ['vk', 'ok'] });
    expect(a).toBe(b);
    expect(queryKey({ ...EMPTY_QUERY, text: 'елка' })).not.toBe(queryKey({ ...EMPTY_QUERY, text: 'елка', overdue: true }));
  });

  it('swaps a reversed day range', () => {
    expect(normalizedRange({ ...EMPTY_QUERY, fromDay: '2026-03-10', toDay: '2026-03-01' }))
      .toMatchObject({ fromDay: '2026-03-01', toDay: '2026-03-10' });
    expect(normalizedRange({ ...EMPTY_QUERY, fromDay: '2026-03-01' })).toMatchObject({ fromDay: '2026-03-01', toDay: null });
  });

  it('describes a query in Russian for saved views', () => {
    const targets = new Map<string, Target>([['t1', { id: 't1', name: 'Министерство ЖКХ', shortName: 'МинЖКХ НСО', kind: 'ministry' } as Target]]);
    expect(describeQuery(EMPTY_QUERY, targets)).toBe('все обращения');
    expect(describeQuery({ ...EMPTY_QUERY, text: 'мусор', sources: ['vk'], targetId: 't1', fromDay: '2026-03-01', overdue: true }, targets))
      .toBe('«мусор» · ВКонтакте · адресат: МинЖКХ НСО · с 01.03.2026 · просрочено');
  });

  it('counts appeals with the right Russian plural and shows the time', () => {
    expect(appealsCount(1)).toBe('1 обращение');
    expect(appealsCount(3)).toBe('3 обращения');
    expect(appealsCount(11)).toBe('11 обращений');
    expect(appealsCount(22)).toBe('22 обращения');
    expect(appealsCount(25)).toBe('25 обращений');
    expect(formatTook(0.4)).toBe('<1 мс');
    expect(formatTook(12.6)).toBe('13 мс');
  });

  it('marks the words a query found, folding case and ё, prefixes only from 3 letters', () => {
    const runs = markTerms('Ёлку во дворе не убрали, ёлки лежат', ['елк', 'во']);
    expect(runs.filter((r) => r.hit).map((r) => r.text)).toEqual(['Ёлку', 'во', 'ёлки']);
    expect(runs.map((r) => r.text).join('')).toBe('Ёлку во дворе не убрали, ёлки лежат');
    expect(markTerms('водопровод', ['во'])).toEqual([{ text: 'водопровод', hit: false }]);
  });

  it('marks decomposed (NFD) words whole, keeping the text as written (issue 12)', () => {
    const text = 'Не вывозят мусор на улице Райская'.normalize('NFD');
    const runs = markTerms(text, ['райская']);
    // The mark covers the whole word with its combining breve, so nothing of the displayed text moves.
    expect(runs.filter((r) => r.hit).map((r) => r.text)).toEqual(['Райская'.normalize('NFD')]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(markTerms('Майская улица', ['майск']).filter((r) => r.hit).map((r) => r.text)).toEqual(['Майская']);
  });
});
