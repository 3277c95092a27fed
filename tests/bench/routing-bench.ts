// train_100k_ms: the worker's training step (collectTraining: read, stem, count) over 100,000 routed demo appeals
// in a fresh cache, timed in this process (the same code the worker_threads trainer runs off the UI thread);
// train_store_100k_ms: the core storing that step. suggest_p95_ms: ranking targets for one waiting appeal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openLocalCache } from '../../electron/core/cache/local-cache.js';
import { applyTraining, collectTraining, loadModel, loadTargets, mostRoutedMunicipality } from '../../electron/core/routing/model-store.js';
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
      // Wall time and this thread's CPU time: on a shared, loaded machine the second is the fairer figure.
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const delta = collectTraining(cache.db, loaded, loadTargets(cache.db));
      const trainMs = performance.now() - started;
      const trainCpu = process.cpuUsage(cpu0);
      if (!delta) throw new Error('routing bench: nothing to learn');
      const applyStarted = performance.now();
      applyTraining(cache.db, delta);
      const applyMs = performance.now() - applyStarted;
      ctx.log(`routing: learned ${delta.remember.length} routed appeals, ${loaded.model.vocabularySize} features, ` +
        `in ${trainMs.toFixed(0)} ms (worker) + ${applyMs.toFixed(0)} ms storing (core)`);

      const defaultLocal = mostRoutedMunicipality(cache.db, targets);
      const texts = generateDemoAppeals(SAMPLES, { now }).map((a) => a.text);
      for (const text of texts.slice(0, 100)) suggestTargets(text, { model: loaded.model, places: loaded.places, targets }); // warm up
      const timings: number[] = [];
      const cpuTimings: number[] = [];
      for (const text of texts) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        suggestTargets(text, { model: loaded.model, places: loaded.places, targets, ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}) });
        timings.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpuTimings.push((c.user + c.system) / 1000);
      }
      return {
        train_100k_ms: Math.round(trainMs),
        train_100k_cpu_ms: Math.round((trainCpu.user + trainCpu.system) / 1000),
        train_store_100k_ms: Math.round(applyMs),
        suggest_p95_ms: round(percentile(timings, 95), 2),
        suggest_p50_ms: round(percentile(timings, 50), 2),
        suggest_cpu_p95_ms: round(percentile(cpuTimings, 95), 2),
      };
    } finally {
      cache.db.close();
    }
  },
};
