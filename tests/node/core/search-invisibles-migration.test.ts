// Migration 017: a cache indexed before search read text as it is matched (matchForm) finds a word split by a soft
// hyphen or a zero-width (text copied from a web page) once upgraded, by the word the operator reads.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppealStore } from '../../../electron/core/cache/appeal-store.js';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { openCache, type CacheDb } from '../../../electron/core/cache/open-cache.js';
import { SearchIndexWriter } from '../../../electron/core/cache/search-index.js';
import { SearchStore } from '../../../electron/core/cache/search-store.js';
import { SearchQuery } from '../../../shared/search/search-query.js';
import { sampleAppeal, tempDir } from './core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

/** What the index was written with before: NFC, lower case and ё→е, nothing invisible removed. */
const oldFold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/ё/g, 'е');

const ids = (db: CacheDb, text: string): string[] =>
  new SearchStore(db).search(SearchQuery.parse({ text }), []).ids.sort();

describe('cache migration 017: search re-indexed as matched', () => {
  it('upgrades a version-16 cache so a word split by something invisible is found whole', () => {
    const temp = tempDir('search-invisibles');
    cleanup = temp.remove;
    const old = openCache(join(temp.dir, 'cache.sqlite'), { upToVersion: 16 });
    const appeals = [
      sampleAppeal(1, { text: 'В ап\u00ADте\u00ADке нет ин\u00ADсу\u00ADли\u00ADна' }),
      sampleAppeal(2, { text: 'Нет воды', author: { name: 'Ан\u200Bна Пет\u200Dрова' } }),
      sampleAppeal(3, { text: 'Аптека закрыта' }),
    ];
    const store = new AppealStore(old, new SearchIndexWriter(old));
    old.transaction(() => appeals.forEach((a) => store.storeServer(a)))();
    // The index as the version-16 program wrote it.
    old.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all')");
    const docs = old.prepare<[], { doc_id: number; appeal_id: string }>('SELECT doc_id, appeal_id FROM search_docs').all();
    const write = old.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
    for (const doc of docs) {
      const appeal = appeals.find((a) => a.id === doc.appeal_id)!;
      write.run(doc.doc_id, oldFold(appeal.text), oldFold(appeal.author.name), oldFold(appeal.channel.name));
    }
    expect(ids(old, 'аптек')).toEqual(['a-00003']); // the defect, as a version-16 cache has it
    expect(ids(old, 'инсулин')).toEqual([]);
    expect(ids(old, 'петрова')).toEqual([]);
    old.close();

    const cache = openLocalCache(temp.dir);
    try {
      expect(cache.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(17);
      expect(ids(cache.db, 'аптек')).toEqual(['a-00001', 'a-00003']);
      expect(ids(cache.db, 'инсулин')).toEqual(['a-00001']);
      expect(ids(cache.db, 'анна петрова')).toEqual(['a-00002']);
      // A query typed with one finds it too, and a new appeal so written is indexed whole.
      expect(ids(cache.db, 'ин\u00ADсулин')).toEqual(['a-00001']);
      cache.transaction(() => cache.appeals.storeServer(sampleAppeal(4, { text: 'Ин\u00ADсу\u00ADлин кончился' })));
      expect(ids(cache.db, 'инсулин')).toEqual(['a-00001', 'a-00004']);
      expect(cache.db.prepare('SELECT count(*) AS n FROM search_docs').get()).toEqual({ n: 4 });
    } finally {
      cache.db.close();
    }
  });
});
