// Migration 008 (issue 12): a cache filled before search folded text to NFC, with decomposed (NFD) text indexed as
// written, finds that text by a normally typed query once upgraded; appeals the index had missed are indexed too.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { openCache, type CacheDb } from '../../../electron/core/cache/open-cache.js';
import { reindexSearch, SearchIndexWriter } from '../../../electron/core/cache/search-index.js';
import { SearchStore } from '../../../electron/core/cache/search-store.js';
import { SearchQuery } from '../../../shared/search/search-query.js';
import { sampleAppeal, tempDir } from './core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const NFD_TEXT = 'Не вывозят мусор на улице Райская'.normalize('NFD');

/** What the index was written with before the fix: lower case and ё→е, no Unicode normalisation. */
const oldFold = (text: string): string => text.toLowerCase().replace(/ё/g, 'е');

const ids = (db: CacheDb, text: string): string[] =>
  new SearchStore(db).search(SearchQuery.parse({ text }), []).ids.sort();

describe('cache migration 008: search re-indexed in NFC', () => {
  it('upgrades a version-7 cache so NFD text is found by an NFC query, and indexes appeals the index lacked', () => {
    const temp = tempDir('search-nfc');
    cleanup = temp.remove;
    const old = openCache(join(temp.dir, 'cache.sqlite'), { upToVersion: 7 });
    expect(old.pragma('user_version', { simple: true })).toBe(7);
    const appeals = [
      sampleAppeal(1, { text: NFD_TEXT }),
      sampleAppeal(2, { text: 'Яма у дома на Майской', author: { name: 'Йосиф Ёжиков'.normalize('NFD') } }),
      sampleAppeal(3, { text: 'Райская улица без света' }),
    ];
    // Rows as the version-7 program wrote them (its columns only: later migrations add more, which today's
    // AppealStore writes), then the index it kept.
    const insert = old.prepare(`INSERT INTO appeals (id, server_json, server_version, server_status, local_status,
      local_target_id, local_json, received_at, received_ms, source, channel_name, author_name, excerpt, attachment_count)
      VALUES (@id, @json, @version, @status, @status, NULL, NULL, @receivedAt, @receivedMs, @source, @channel, @author, @excerpt, 0)`);
    const index = new SearchIndexWriter(old);
    old.transaction(() => appeals.forEach((a) => {
      insert.run({ id: a.id, json: JSON.stringify(a), version: a.version, status: a.status, receivedAt: a.receivedAt,
        receivedMs: Date.parse(a.receivedAt), source: a.source, channel: a.channel.name, author: a.author.name, excerpt: a.text.slice(0, 100) });
      index.add(a);
    }))();
    // Rewrite the index as the version-7 program left it: text as written (NFD kept), and a-00003 never indexed.
    old.exec("INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_docs WHERE appeal_id = 'a-00003'");
    const docs = old.prepare<[], { doc_id: number; appeal_id: string }>('SELECT doc_id, appeal_id FROM search_docs').all();
    const write = old.prepare('INSERT INTO search_fts (rowid, body, author, channel) VALUES (?, ?, ?, ?)');
    for (const doc of docs) {
      const appeal = appeals.find((a) => a.id === doc.appeal_id)!;
      write.run(doc.doc_id, oldFold(appeal.text), oldFold(appeal.author.name), oldFold(appeal.channel.name));
    }
    expect(ids(old, 'райская')).toEqual([]); // the defect, as a version-7 cache has it
    expect(ids(old, 'йосиф')).toEqual([]);
    old.close();

    const cache = openLocalCache(temp.dir);
    try {
      expect(cache.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
      expect(ids(cache.db, 'райская')).toEqual(['a-00001', 'a-00003']);
      expect(ids(cache.db, 'йосиф')).toEqual(['a-00002']);
      expect(ids(cache.db, 'майской'.normalize('NFD'))).toEqual(['a-00002']);
      expect(ids(cache.db, 'мусор')).toEqual(['a-00001']);
      // One document per appeal, none twice: the rebuilt index counts each appeal once.
      expect(cache.db.prepare('SELECT count(*) AS n FROM search_docs').get()).toEqual({ n: 3 });
      expect(cache.search.search(SearchQuery.parse({ text: 'улиц' }), []).total).toBe(2);
    } finally {
      cache.db.close();
    }
  });

  it('re-indexes in batches without losing or repeating a document at the batch edges', () => {
    const temp = tempDir('search-reindex');
    const cache = openLocalCache(temp.dir);
    cleanup = () => { cache.db.close(); temp.remove(); };
    cache.transaction(() => Array.from({ length: 7 }, (_, i) => sampleAppeal(i + 1, { text: `${NFD_TEXT} ${i + 1}` }))
      .forEach((a) => cache.appeals.storeServer(a)));
    cache.transaction(() => reindexSearch(cache.db, 3));
    const found = cache.search.search(SearchQuery.parse({ text: 'райская' }), []);
    expect(found.total).toBe(7);
    expect([...found.ids].sort()).toEqual(['a-00001', 'a-00002', 'a-00003', 'a-00004', 'a-00005', 'a-00006', 'a-00007']);
    cache.transaction(() => reindexSearch(cache.db, 7)); // a full last batch, then an empty one
    expect(cache.search.search(SearchQuery.parse({ text: 'райская' }), []).total).toBe(7);
  });
});
