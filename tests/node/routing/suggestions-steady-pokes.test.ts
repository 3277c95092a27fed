// A desk whose cache never stops changing (a busy team's decisions arriving over the live channel every few hundred
// milliseconds, a long first sync) still gets its new appeals scored: the refresh is debounced, never starved.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { startSuggestionService } from '../../../electron/core/routing/suggestion-service.js';
import type { Target } from '../../../shared/domain/target.js';
import { sampleAppeal, tempDir } from '../core/core-test-kit.js';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

it('scores waiting appeals while changes keep coming faster than the debounce', async () => {
  const temp = tempDir('suggest-pokes');
  const cache = openLocalCache(temp.dir);
  const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
  cache.targets.replace(targets);
  cache.transaction(() => {
    for (let i = 1; i <= 20; i++) cache.appeals.storeServer(sampleAppeal(i, { text: `Нет воды в доме ${i}, котельная стоит` }));
  });
  let scored = 0;
  const service = startSuggestionService({ db: cache.db, dbFile: cache.db.name, debounceMs: 300, maxWaitMs: 600,
    log: () => undefined, onChanged: (ids) => { scored += ids.length; } });
  cleanup = async () => {
    await service.close();
    cache.db.close();
    temp.remove();
  };
  // A change every 100 ms, a third of the debounce: a plain debounce would wait for a pause that never comes. The
  // pokes stop only once something was scored (or after 20 s, the failure).
  let pokes = 0;
  for (; scored === 0 && pokes < 200; pokes++) {
    service.poke();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(scored).toBeGreaterThan(0);
  expect(pokes).toBeLessThan(200);
}, 60_000);
