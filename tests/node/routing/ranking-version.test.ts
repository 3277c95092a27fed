// A desk upgraded to a build that ranks differently (routing/ranking-version.ts): at the suggestion service's start
// the waiting appeals' stored suggestions of another ranking version are dropped, so the worker scores them again;
// the routed appeals' rows (what the operator was shown, from which a correction is learned) stay, and a desk on
// the same version keeps everything it stored.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppealStore } from '../../../electron/core/cache/appeal-store.js';
import { MetaStore } from '../../../electron/core/cache/meta-store.js';
import { openCache, type CacheDb } from '../../../electron/core/cache/open-cache.js';
import { RANKING_VERSION } from '../../../electron/core/routing/ranking-version.js';
import { dropOtherRanking } from '../../../electron/core/routing/suggestion-service.js';
import { applyDecision } from '../../../shared/domain/appeal.js';
import { sampleAppeal, tempDir } from '../core/core-test-kit.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.reverse()) step();
  cleanup = [];
});

/** A cache with one waiting and one routed appeal, each with a stored suggestion. */
function cacheWithSuggestions(): CacheDb {
  const temp = tempDir('ranking-version');
  const db = openCache(join(temp.dir, 'cache.sqlite'));
  cleanup.push(() => { db.close(); temp.remove(); });
  const appeals = new AppealStore(db);
  appeals.storeServer(sampleAppeal(1));
  appeals.storeServer(applyDecision(sampleAppeal(2), { type: 'route', targetId: 'minzdrav' },
    { id: 'u1', name: 'Оператор' }, '2026-12-04T03:00:00Z'));
  const store = db.prepare(`INSERT INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json)
    VALUES (?, 'minzdrav', 0.5, 0, '{"suggestions":[],"place":null}')`);
  for (const appeal of [sampleAppeal(1), sampleAppeal(2)]) store.run(appeal.id);
  return db;
}

const stored = (db: CacheDb): string[] => db.prepare(`SELECT a.local_status FROM suggestions s
  JOIN appeals a ON a.id = s.appeal_id ORDER BY a.local_status`).pluck().all() as string[];

describe('ranking version', () => {
  it('drops the waiting appeals\' suggestions of another version once, and keeps the routed ones', () => {
    const db = cacheWithSuggestions();
    new MetaStore(db).set('rankingVersion', RANKING_VERSION - 1);
    expect(stored(db)).toEqual(['new', 'routed']);
    expect(dropOtherRanking(db)).toBe(1);
    expect(stored(db)).toEqual(['routed']);
    expect(new MetaStore(db).get('rankingVersion')).toBe(RANKING_VERSION);
    // Scored again under this version, they stay at the next start.
    db.prepare(`INSERT INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json)
      VALUES (?, 'minobr', 0.6, 0, '{"suggestions":[],"place":null}')`).run(sampleAppeal(1).id);
    expect(dropOtherRanking(db)).toBe(0);
    expect(stored(db)).toEqual(['new', 'routed']);
  });

  it('treats a cache that never recorded a version (written before it) as another version', () => {
    const db = cacheWithSuggestions();
    expect(dropOtherRanking(db)).toBe(1);
    expect(stored(db)).toEqual(['routed']);
  });
});
