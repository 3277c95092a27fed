// train_100k_ms: the worker's training step (trainFromCache: read, stem, count, save the model in the cache) over
// 100,000 routed demo appeals in a fresh cache — measured in this process, the same code the worker_threads
// trainer runs off the UI thread. suggest_p95_ms: ranking targets for one waiting appeal with that model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openLocalCache } from '../../electron/core/cache/local-cache.js';
import { loadModel, loadTargets, mostRoutedMunicipality, trainFromCache } from '../../electron/core/routing/model-store.js';
import { suggestTargets } from '../../electron/core/routing/suggest-targets.js';
import { generateDemoAppeals } from '../../server/demo/generate-appeals.js';
import { generateRoutedHistory } from '../../server/demo/routed-history.js';
import { Target } from '../../shared/domain/target.js';
import { percentile, round, type BenchModule } from './bench-types.js';

const HISTORY = 100_000;
const SAMPLES = 2_000;

export const routingBench: BenchModule = {
  name: 'routing',
  async run(ctx) {
    const cache = openLocalCache(join(ctx.workDir, 'routing-desk'));
    try {
      const targets = z.array(Target).parse(JSON.parse(readFileSync(new URL('../../resources/targets.json', import.meta.url), 'utf8')));
      cache.targets.replace(targets);
      const now = new Date();
      const history = generateRoutedHistory(HISTORY, { now });
      cache.transaction(() => { for (const appeal of history) cache.appeals.storeServer(appeal); });
      const loaded = loadModel(cache.db);
      const started = performance.now();
      const learned = trainFromCache(cache.db, loaded, loadTargets(cache.db));
      const trainMs = performance.now() - started;
      ctx.log(`routing: learned ${learned} routed appeals, ${loaded.model.vocabularySize} features, in ${trainMs.toFixed(0)} ms`);

      const defaultLocal = mostRoutedMunicipality(cache.db, targets);
      const texts = generateDemoAppeals(SAMPLES, { now }).map((a) => a.text);
      for (const text of texts.slice(0, 100)) suggestTargets(text, { model: loaded.model, targets }); // warm up
      const timings: number[] = [];
      for (const text of texts) {
        const t0 = performance.now();
        suggestTargets(text, { model: loaded.model, targets, ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}) });
        timings.push(performance.now() - t0);
      }
      return {
        train_100k_ms: Math.round(trainMs),
        suggest_p95_ms: round(percentile(timings, 95), 2),
        suggest_p50_ms: round(percentile(timings, 50), 2),
      };
    } finally {
      cache.db.close();
    }
  },
};
