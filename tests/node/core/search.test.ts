// Search over the cache: ranking, ё/е and case folding, prefixes, hostile query text, every filter, and saved
// views that persist in the cache file across a restart of the core.
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore } from '../../../electron/core/desk-core.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { SearchQuery, type SearchQueryInput } from '../../../shared/search/search-query.js';
import { deadPort, sampleAppeal, tempDir, value } from './core-test-kit.js';

let cleanups: (() => void)[] = [];
afterEach(() => { cleanups.forEach((c) => c()); cleanups = []; });

const TARGETS = [
  { id: 'mingkh', kind: 'ministry' as const, name: 'Министерство ЖКХ и энергетики НСО', shortName: 'МинЖКХ НСО' },
  { id: 'mr-berdsk', kind: 'municipality' as const, name: 'Администрация города Бердска', shortName: 'Бердск' },
];

function cacheWith(appeals: Appeal[]): LocalCache {
  const temp = tempDir('search');
  const cache = openLocalCache(temp.dir);
  cleanups.push(() => { cache.db.close(); temp.remove(); });
  cache.targets.replace(TARGETS);
  cache.transaction(() => appeals.forEach((a) => cache.appeals.storeServer(a)));
  return cache;
}

const find = (cache: LocalCache, input: SearchQueryInput) =>
  cache.search.search(SearchQuery.parse(input), cache.targets.list());

describe('search', () => {
  it('ranks an appeal that is about the words above one that mentions them in passing', () => {
    const cache = cacheWith([
      sampleAppeal(1, { text: 'Прошу разобраться: на остановке Ленина грязно, и ещё мусор у подъезда.' }),
      sampleAppeal(2, { text: 'Мусор не вывозят! Контейнеры с мусором переполнены, мусорная площадка в мусоре.' }),
      sampleAppeal(3, { text: 'Не работает светофор на площади Калинина.' }),
    ]);
    const result = find(cache, { text: 'мусор' });
    expect(result.ids).toEqual(['a-00002', 'a-00001']);
    expect(result.total).toBe(2);
    expect(result.terms).toEqual(['мусор']);
  });

  it('folds ё to е and case, in the text and in the query', () => {
    const cache = cacheWith([
      sampleAppeal(1, { text: 'Во дворе упала ЁЛКА, провода оборваны' }),
      sampleAppeal(2, { text: 'На площади поставили елку без ограждения' }),
    ]);
    // «ёлку» and «ЁЛКА» are forms of one word: both found (and the exact form first).
    expect(find(cache, { text: 'ёлку' }).ids).toEqual(['a-00002', 'a-00001']);
    expect(find(cache, { text: 'ёлк' }).ids.sort()).toEqual(['a-00001', 'a-00002']);
    expect(find(cache, { text: 'ЕЛК' }).ids.sort()).toEqual(['a-00001', 'a-00002']);
  });

  it('finds decomposed (NFD) text by a normally typed query, and composed text by a decomposed query (issue 12)', () => {
    // «й» typed as «и» + U+0306 (combining breve), as some phones and pasted texts send it.
    const nfd = 'Не вывозят мусор на улице Райская'.normalize('NFD');
    expect(nfd).toContain('\u0438\u0306');
    const cache = cacheWith([
      sampleAppeal(1, { text: nfd }),
      sampleAppeal(2, { text: 'Яма на Майской улице', author: { name: 'Ёжиков Йосиф'.normalize('NFD') } }),
    ]);
    expect(find(cache, { text: 'райская' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'Райск' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'майской'.normalize('NFD') }).ids).toEqual(['a-00002']);
    expect(find(cache, { text: 'йосиф' }).ids).toEqual(['a-00002']);
    // The terms the grid marks are NFC words (their stems), never split at the combining mark.
    expect(find(cache, { text: 'райская'.normalize('NFD') }).terms).toEqual(['райск']);
  });

  it('finds every form of a word, from any form typed (a helper\'s trial of 6 December: «школа» found 0, «школе» 449)', () => {
    const cache = cacheWith([
      sampleAppeal(1, { text: 'В школе нет учителя математики' }),
      sampleAppeal(2, { text: 'Почему опять подняли тариф на воду?', author: { name: 'Светлана Егорова' } }),
      sampleAppeal(3, { text: 'Водитель автобуса хамит пассажирам' }),
      sampleAppeal(4, { text: 'Третий день нет воды в доме' }),
      sampleAppeal(5, { text: 'Детский садик закрыт на ремонт' }),
      sampleAppeal(6, { text: 'Ночью на катке травма, скорая ехала час' }),
    ]);
    expect(find(cache, { text: 'школа' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'учитель' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'Тарифы на воду' }).ids).toEqual(['a-00002']);
    expect(find(cache, { text: 'Егоровой' }).ids).toEqual(['a-00002']);
    expect(find(cache, { text: 'садика' }).ids).toEqual(['a-00005']);
    // A short stem takes the cases' endings, not every word it begins: «вода» is no «водитель».
    expect(find(cache, { text: 'вода' }).ids.sort()).toEqual(['a-00002', 'a-00004']);
    // Up to 5 letters a stem takes endings only: «трава» is no «травма» (a second read of 6 December); «ночи», «ночью».
    expect(find(cache, { text: 'трава' }).ids).toEqual([]);
    expect(find(cache, { text: 'травма' }).ids).toEqual(['a-00006']);
    expect(find(cache, { text: 'ночи' }).ids).toEqual(['a-00006']);
    expect(find(cache, { text: 'школа' }).terms).toEqual(['школ']);
  });

  it('matches every word as a prefix, and reads FTS syntax in the query as plain words', () => {
    const cache = cacheWith([
      sampleAppeal(1, { text: 'Отопление в школе №12 не работает, дети мёрзнут' }),
      sampleAppeal(2, { text: 'Школьный автобус не пришёл' }),
      sampleAppeal(3, { text: 'Отопления нет в подъезде' }),
    ]);
    expect(find(cache, { text: 'школ' }).ids.sort()).toEqual(['a-00001', 'a-00002']);
    expect(find(cache, { text: 'отоплен школ' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'мерзн' }).ids).toEqual(['a-00001']);
    for (const hostile of ['"', 'NEAR(школ', 'body:отоп*', 'школ OR', '(*)', '-', '^отоп']) {
      expect(() => find(cache, { text: hostile })).not.toThrow();
    }
    expect(find(cache, { text: 'школ OR автобус' }).ids).toEqual([]); // «or» is a word here, found nowhere
  });

  it('finds by author and channel too, below the same word in the text', () => {
    const cache = cacheWith([
      sampleAppeal(1, { author: { name: 'Иван Дорожкин' }, text: 'Прошу помочь с пособием' }),
      sampleAppeal(2, { text: 'Дорожки в парке не чистят' }),
    ]);
    expect(find(cache, { text: 'дорожк' }).ids).toEqual(['a-00002', 'a-00001']);
  });

  it('filters by source, status, target, municipality and Novosibirsk calendar days, with or without words', () => {
    const cache = cacheWith([
      sampleAppeal(1, { source: 'vk', receivedAt: '2025-03-01T16:59:59Z' }), // 23:59:59 on 1 March in Novosibirsk
      sampleAppeal(2, { source: 'ok', receivedAt: '2025-03-01T17:00:00Z' }), // 00:00 on 2 March
      sampleAppeal(3, { source: 'pos', status: 'routed', targetId: 'mingkh', version: 2, receivedAt: '2025-03-03T05:00:00Z' }),
      sampleAppeal(4, { source: 'vk', channel: { name: 'Администрация города Бердска', url: 'https://vk.com/berdsk' },
        receivedAt: '2025-03-04T05:00:00Z' }),
      sampleAppeal(5, { source: 'telegram', status: 'routed', targetId: 'mr-berdsk', version: 2, receivedAt: '2025-03-05T05:00:00Z' }),
    ]);
    expect(find(cache, { sources: ['vk'] }).ids).toEqual(['a-00004', 'a-00001']);
    expect(find(cache, { statuses: ['routed'] }).ids).toEqual(['a-00005', 'a-00003']);
    expect(find(cache, { targetId: 'mingkh' }).ids).toEqual(['a-00003']);
    expect(find(cache, { municipalityId: 'mr-berdsk' }).ids).toEqual(['a-00005', 'a-00004']);
    expect(find(cache, { fromDay: '2025-03-02', toDay: '2025-03-03' }).ids).toEqual(['a-00003', 'a-00002']);
    expect(find(cache, { toDay: '2025-03-01' }).ids).toEqual(['a-00001']);
    expect(find(cache, { text: 'мусор', sources: ['vk', 'ok'], statuses: ['new'] }).ids.sort())
      .toEqual(['a-00001', 'a-00002', 'a-00004']);
    expect(find(cache, {}).total).toBe(5);
  });

  it('reports the total beyond the id limit, and follows local decisions', () => {
    const cache = cacheWith(Array.from({ length: 30 }, (_, i) => sampleAppeal(i + 1)));
    const limited = cache.search.search(SearchQuery.parse({ text: 'мусор' }), [], { limit: 10 });
    expect(limited.ids).toHaveLength(10);
    expect(limited.total).toBe(30);
    const server = cache.appeals.server('a-00007');
    if (!server) throw new Error('missing');
    cache.appeals.setLocal('a-00007', server, { ...server, status: 'routed', targetId: 'mingkh' });
    expect(find(cache, { text: 'мусор', targetId: 'mingkh' }).ids).toEqual(['a-00007']);
    expect(find(cache, { statuses: ['new'] }).total).toBe(29);
  });

  it('indexes each appeal once, however many versions arrive', () => {
    const cache = cacheWith([sampleAppeal(1)]);
    cache.appeals.storeServer(sampleAppeal(1, { version: 2, status: 'routed', targetId: 'mingkh' }));
    cache.appeals.storeServer(sampleAppeal(1, { version: 3, status: 'routed', targetId: 'mingkh' }));
    expect(find(cache, { text: 'мусор' }).ids).toEqual(['a-00001']);
    expect(cache.db.prepare('SELECT count(*) AS n FROM search_docs').get()).toEqual({ n: 1 });
  });

  it('«overdue»: waiting appeals past their routing deadline (route_due_ms, migration 006)', () => {
    const cache = cacheWith([sampleAppeal(1)]);
    // No deadline filled yet: not overdue.
    expect(find(cache, { overdue: true }).ids).toEqual([]);
    cache.db.prepare('UPDATE appeals SET route_due_ms = ? WHERE id = ?').run(Date.now() - 60_000, 'a-00001');
    expect(find(cache, { overdue: true }).ids).toEqual(['a-00001']);
    cache.db.prepare('UPDATE appeals SET route_due_ms = ? WHERE id = ?').run(Date.now() + 3_600_000, 'a-00001');
    expect(find(cache, { overdue: true }).ids).toEqual([]);
  });
});

describe('windowed rows', () => {
  it('lists waiting ids newest first and rows for any ids in the order asked', () => {
    const cache = cacheWith([sampleAppeal(1), sampleAppeal(2), sampleAppeal(3, { status: 'routed', targetId: 'mingkh', version: 2 })]);
    expect(cache.rows.inboxIds()).toEqual(['a-00002', 'a-00001']);
    const rows = cache.rows.rows(['a-00003', 'nope', 'a-00001']);
    expect(rows.map((r) => [r.id, r.status, r.targetId])).toEqual([['a-00003', 'routed', 'mingkh'], ['a-00001', 'new', null]]);
  });
});

describe('saved views', () => {
  it('saves, replaces by name, lists, deletes, and keeps them across a restart of the core', async () => {
    const temp = tempDir('views');
    cleanups.push(temp.remove);
    const apiUrl = `http://127.0.0.1:${await deadPort()}`;
    let core = await createDeskCore({ dataDir: temp.dir, apiUrl, syncIntervalMs: 60_000 });
    const first = (await value<Saved>(core, 'views.save', { name: 'Мусор в Бердске', query: { text: 'мусор', municipalityId: 'mr-berdsk' } })).view;
    await value(core, 'views.save', { name: 'Госуслуги', query: { sources: ['pos'] } });
    await value(core, 'views.save', { name: 'Мусор в Бердске', query: { text: 'мусор контейнер' } });
    await core.close();
    core = await createDeskCore({ dataDir: temp.dir, apiUrl, syncIntervalMs: 60_000 });
    const { views } = await value<{ views: { id: string; name: string; query: { text: string } }[] }>(core, 'views.list', {});
    expect(views.map((v) => [v.name, v.query.text])).toEqual([['Госуслуги', ''], ['Мусор в Бердске', 'мусор контейнер']]);
    expect(views[1]?.id).toBe(first.id);
    await value(core, 'views.delete', { id: first.id });
    await value(core, 'views.delete', { id: first.id });
    expect((await value<{ views: unknown[] }>(core, 'views.list', {})).views).toHaveLength(1);
    const bad = await core.call('views.save', { name: '   ', query: {} });
    expect(bad.ok).toBe(false);
    await core.close();
  });

  it('never holds one search twice: a name already saved (case aside) gets the new query, a search already saved is named', async () => {
    const temp = tempDir('views-once');
    cleanups.push(temp.remove);
    const apiUrl = `http://127.0.0.1:${await deadPort()}`;
    let core = await createDeskCore({ dataDir: temp.dir, apiUrl, syncIntervalMs: 60_000 });
    const save = (name: string, query: SearchQueryInput) => value<Saved>(core, 'views.save', { name, query });
    const listed = async () => (await value<{ views: Saved['view'][] }>(core, 'views.list', {})).views
      .map((v) => [v.name, v.query.text, v.query.sources]);

    const musor = await save('Мусор', { text: 'мусор', sources: ['vk', 'ok'] });
    expect(musor).toMatchObject({ outcome: 'saved', view: { name: 'Мусор' } });
    // Ctrl+S twice on one search, under its own name or another: no second entry, the notice names the first.
    expect(await save('Мусор', { text: 'мусор', sources: ['vk', 'ok'] })).toEqual({ ...musor, outcome: 'already-saved' });
    // The same search as the core runs it: case, ё, spaces and the order filters were clicked in aside.
    expect(await save('Мусор ВК и ОК', { text: '  МУСОР ', sources: ['ok', 'vk'] })).toMatchObject({ outcome: 'already-saved', view: { id: musor.view.id, name: 'Мусор' } });
    expect(await listed()).toEqual([['Мусор', 'мусор', ['vk', 'ok']]]);

    // The same name, case and spaces aside (the contract trims), with another search: that entry gets it, keeping its name.
    const updated = await save('  мусор ', { text: 'мусор контейнер' });
    expect(updated).toMatchObject({ outcome: 'updated', view: { id: musor.view.id, name: 'Мусор', query: { text: 'мусор контейнер', sources: [] } } });
    expect(await listed()).toEqual([['Мусор', 'мусор контейнер', []]]);

    // A name of one view with the search of another: not a second copy of that search — it is named, nothing changes.
    await save('Ёлки', { text: 'ёлка' });
    expect(await save('МУСОР', { text: 'елка' })).toMatchObject({ outcome: 'already-saved', view: { name: 'Ёлки' } });
    expect(await save('ёлки', { text: 'ёлка двор' })).toMatchObject({ outcome: 'updated', view: { name: 'Ёлки' } });
    await core.close();
    core = await createDeskCore({ dataDir: temp.dir, apiUrl, syncIntervalMs: 60_000 });
    expect(await listed()).toEqual([['Ёлки', 'ёлка двор', []], ['Мусор', 'мусор контейнер', []]]);
    await core.close();
  });
});

interface Saved { view: { id: string; name: string; query: { text: string; sources: string[] } }; outcome: string }
