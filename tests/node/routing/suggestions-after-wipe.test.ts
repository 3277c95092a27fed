// The routing worker scores from a page read a moment before: a batch can reach the core after the appeal was decided
// (the suggestion the operator saw must stay: it tells a correction from an agreement) or after a sign-out wiped the
// citizen data (its reasons quote the appeal's words). Neither is stored.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { wipeCitizenData } from '../../../electron/core/cache/wipe-citizen-data.js';
import { writeSuggestions, type SuggestionRow } from '../../../electron/core/routing/model-store.js';
import { startSuggestionService } from '../../../electron/core/routing/suggestion-service.js';
import type { Target } from '../../../shared/domain/target.js';
import { sampleAppeal, tempDir } from '../core/core-test-kit.js';

// Awaited: the worker's close is asynchronous, and a cleanup left running when the file ends leaves its cache in the
// temp folder (one a run, found by the dozen).
let cleanup: (() => void | Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const row = (id: string): SuggestionRow =>
  [id, 'minzdrav', 0.9, 10, JSON.stringify({ suggestions: [{ targetId: 'minzdrav', score: 0.9, reason: 'слова: поликлинике' }], place: null })];

describe('stored suggestions', () => {
  it('are stored for waiting appeals only: not over what a decided appeal showed, not for appeals a wipe removed', () => {
    const temp = tempDir('suggest-wipe');
    const cache = openLocalCache(temp.dir);
    cleanup = () => { cache.db.close(); temp.remove(); };
    const kept = sampleAppeal(1);
    cache.appeals.storeServer(kept);
    writeSuggestions(cache.db, [row(kept.id)]);
    const count = (): number => cache.db.prepare('SELECT count(*) FROM suggestions').pluck().get() as number;
    expect(count()).toBe(1);

    // Decided meanwhile: the suggestion the operator saw stays (it tells a correction from an agreement).
    cache.db.prepare("UPDATE appeals SET local_status = 'routed', local_target_id = 'minobr' WHERE id = ?").run(kept.id);
    writeSuggestions(cache.db, [[kept.id, 'minsport', 0.5, 11, '{"suggestions":[],"place":null}']]);
    expect(cache.db.prepare('SELECT top_target_id FROM suggestions WHERE appeal_id = ?').pluck().get(kept.id)).toBe('minzdrav');

    wipeCitizenData(cache.db);
    expect(count()).toBe(0);
    // The batch the worker scored before the wipe lands now.
    writeSuggestions(cache.db, [row(kept.id), row(sampleAppeal(2).id)]);
    expect(count()).toBe(0);
  });
});

describe('the routing worker after forgetPending (a sign-out is about to wipe)', () => {
  it('has nothing it computed before stored, though it finishes its pass', async () => {
    const temp = tempDir('suggest-fence');
    const cache = openLocalCache(temp.dir);
    const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
    cache.targets.replace(targets);
    // Enough waiting appeals for a pass of many batches with rests between them.
    cache.transaction(() => {
      for (let i = 1; i <= 1_000; i++) cache.appeals.storeServer(sampleAppeal(i, { text: `Нет воды в доме ${i}, котельная стоит` }));
    });
    const stored: string[] = [];
    let firstBatch = (): void => {};
    const firstStored = new Promise<void>((resolve) => { firstBatch = resolve; });
    const service = startSuggestionService({ db: cache.db, dbFile: cache.db.name, debounceMs: 0, log: () => undefined,
      onChanged: (ids) => {
        stored.push(...ids);
        if (ids.length > 0) firstBatch();
      } });
    cleanup = async () => {
      await service.close();
      cache.db.close();
      temp.remove();
    };
    const count = (): number => cache.db.prepare('SELECT count(*) FROM suggestions').pluck().get() as number;
    service.poke();
    await firstStored;
    const before = count();
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1_000);
    service.forgetPending();
    await service.idle();
    // The rest of that pass came back and was dropped; a new poke scores everything afresh.
    expect(count()).toBe(before);
    service.poke();
    await service.idle();
    expect(count()).toBe(1_000);
  }, 60_000);
});
