// The routing worker rests between batches, so a batch scored before a sign-out wiped the citizen data can reach the
// core after the wipe; its reasons quote the appeal's words. Such a batch is not stored.
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { wipeCitizenData } from '../../../electron/core/cache/wipe-citizen-data.js';
import { writeSuggestions, type SuggestionRow } from '../../../electron/core/routing/model-store.js';
import { sampleAppeal, tempDir } from '../core/core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const row = (id: string): SuggestionRow =>
  [id, 'minzdrav', 0.9, 10, JSON.stringify({ suggestions: [{ targetId: 'minzdrav', score: 0.9, reason: 'слова: поликлинике' }], place: null })];

describe('stored suggestions', () => {
  it('are kept for appeals the cache holds and dropped for appeals a wipe removed', () => {
    const temp = tempDir('suggest-wipe');
    const cache = openLocalCache(temp.dir);
    cleanup = () => { cache.db.close(); temp.remove(); };
    const kept = sampleAppeal(1);
    cache.appeals.storeServer(kept);
    writeSuggestions(cache.db, [row(kept.id)]);
    const count = (): number => cache.db.prepare('SELECT count(*) FROM suggestions').pluck().get() as number;
    expect(count()).toBe(1);

    wipeCitizenData(cache.db);
    expect(count()).toBe(0);
    // The batch the worker scored before the wipe lands now.
    writeSuggestions(cache.db, [row(kept.id), row(sampleAppeal(2).id)]);
    expect(count()).toBe(0);
  });
});
