// Search forgives the wrong keyboard layout (issue 13, item 6): words that find nothing as typed are tried as typed
// on the other layout, on a real cache file, and the answer says which text it is for.
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore } from '../../../electron/core/desk-core.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { SearchQuery, SearchResult, type SearchQueryInput } from '../../../shared/search/search-query.js';
import { deadPort, sampleAppeal, tempDir } from './core-test-kit.js';

let cleanups: (() => void)[] = [];
afterEach(() => { cleanups.forEach((c) => c()); cleanups = []; });

const TARGETS = [
  { id: 'mingkh', kind: 'ministry' as const, name: 'Министерство ЖКХ и энергетики НСО', shortName: 'МинЖКХ НСО' },
];

const APPEALS = (): Appeal[] => [
  sampleAppeal(1, { text: 'Привет! Во дворе не вывозят мусор уже неделю.' }),
  sampleAppeal(2, { text: 'Нет горячей воды в доме на Ленина, 5' }),
  sampleAppeal(3, { text: 'Smart home: не работает домофон, приложение пишет error' }),
  sampleAppeal(4, { text: 'Хлеб в школьной столовой чёрствый', source: 'pos' }),
  sampleAppeal(5, { text: 'Отключили свет, ghbdtn от соседей' }),
];

function cacheWith(appeals: Appeal[], dir?: string): LocalCache {
  const temp = dir === undefined ? tempDir('search-layout') : null;
  const cache = openLocalCache(dir ?? temp?.dir ?? '');
  cleanups.push(() => { cache.db.close(); temp?.remove(); });
  cache.targets.replace(TARGETS);
  cache.transaction(() => appeals.forEach((a) => cache.appeals.storeServer(a)));
  return cache;
}

const find = (cache: LocalCache, input: SearchQueryInput): SearchResult =>
  SearchResult.parse(cache.search.search(SearchQuery.parse(input), cache.targets.list()));

describe('search on the other keyboard layout', () => {
  it('reads Latin words as typed on ЙЦУКЕН when they find nothing, and says so', () => {
    const cache = cacheWith(APPEALS());
    const result = find(cache, { text: 'vecjh' });
    expect(result).toEqual({ ids: ['a-00001'], total: 1, terms: ['мусор'], usedText: 'мусор' });
    // Several words, capitals and the punctuation keys that carry letters: «[kt,» is «хлеб», «ujhzxtq» «горячей».
    expect(find(cache, { text: '[kt, CNJKJD' })).toMatchObject({ ids: ['a-00004'], usedText: 'хлеб СТОЛОВ' });
    expect(find(cache, { text: 'ujhzxtq' }).ids).toEqual(['a-00002']);
  });

  it('reads Cyrillic words as typed on QWERTY when they find nothing', () => {
    const cache = cacheWith(APPEALS());
    expect(find(cache, { text: 'рщьу' })).toMatchObject({ ids: ['a-00003'], terms: ['home'], usedText: 'home' });
    expect(find(cache, { text: 'уккщк' })).toMatchObject({ ids: ['a-00003'], usedText: 'error' });
  });

  it('keeps the text as typed whenever it finds anything, without usedText', () => {
    const cache = cacheWith(APPEALS());
    // «ghbdtn» is in appeal 5 as written: that is what the operator asked for, not «привет» (appeal 1).
    const typed = find(cache, { text: 'ghbdtn' });
    expect(typed.ids).toEqual(['a-00005']);
    expect(typed).not.toHaveProperty('usedText');
    const plain = find(cache, { text: 'мусор' });
    expect(plain.ids).toEqual(['a-00001']);
    expect(plain).not.toHaveProperty('usedText');
  });

  it('answers the text as typed (empty) when neither reading finds anything', () => {
    const cache = cacheWith(APPEALS());
    expect(find(cache, { text: 'zzzxq' })).toEqual({ ids: [], total: 0, terms: ['zzzxq'] });
    // Mixed scripts were typed so on purpose: no other reading is tried («vecjh» alone would find appeal 1).
    expect(find(cache, { text: 'vecjh двор' })).toEqual({ ids: [], total: 0, terms: ['vecjh', 'двор'] });
  });

  it('applies the filters to the other reading too', () => {
    const cache = cacheWith(APPEALS());
    expect(find(cache, { text: '[kt,', sources: ['pos'] })).toMatchObject({ ids: ['a-00004'], usedText: 'хлеб' });
    // The filter leaves the other reading nothing: the answer is the empty one for the text as typed.
    expect(find(cache, { text: '[kt,', sources: ['vk'] })).toEqual({ ids: [], total: 0, terms: ['kt'] });
  });

  it('carries usedText through the desk API (search.query)', async () => {
    const temp = tempDir('search-layout-core');
    cleanups.push(temp.remove);
    const seeded = openLocalCache(temp.dir);
    seeded.targets.replace(TARGETS);
    seeded.transaction(() => APPEALS().forEach((a) => seeded.appeals.storeServer(a)));
    seeded.db.close();
    const core = await createDeskCore({ dataDir: temp.dir, apiUrl: `http://127.0.0.1:${await deadPort()}`, syncIntervalMs: 60_000 });
    try {
      const answer = await core.call('search.query', { text: 'ghbdtn! vecjh' });
      expect(answer.ok).toBe(true);
      expect(answer.ok && answer.value).toMatchObject({ ids: ['a-00001'], usedText: 'привет! мусор' });
    } finally {
      await core.close();
    }
  });
});
