// The routing worker reads the model and the decisions it has not learned while the core stores its previous step
// (model and learned decisions in one write). Read apart, a step stored in between made its decisions look learned to
// a model without them: lost for good (review, 1 December). nextTrainingStep reads both in one snapshot. Real SQLite
// in WAL mode, two connections as in the desk (the core writes, the worker's connection is read-only); the core's
// write is made to land exactly between the worker's reads.
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { applyTraining, nextTrainingStep, type TrainingDelta } from '../../../electron/core/routing/model-store.js';
import type { Target } from '../../../shared/domain/target.js';
import { sampleAppeal, tempDir } from '../core/core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

it('a step the core stores while the worker reads is neither lost nor learned twice', () => {
  const temp = tempDir('train-snapshot');
  const cache = openLocalCache(temp.dir);
  const worker = new Database(cache.db.name, { readonly: true });
  cleanup = () => { worker.close(); cache.db.close(); temp.remove(); };
  const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
  cache.targets.replace(targets);
  const route = (from: number, to: number) => cache.transaction(() => {
    for (let i = from; i <= to; i++) {
      cache.appeals.storeServer(sampleAppeal(i, { text: `Не вывозят мусор во дворе дома ${i}` }));
      cache.db.prepare("UPDATE appeals SET local_status = 'routed', local_target_id = 'mingkh' WHERE id = ?").run(sampleAppeal(i).id);
    }
  });

  route(1, 10);
  const first = nextTrainingStep(worker, null, targets);
  expect(first.delta?.remember).toHaveLength(10);
  route(11, 15);

  // The next pass starts before the core has stored the first step; the core stores it just as the worker goes on
  // from loading the model to reading the decisions not learned yet.
  let stored = false;
  const storeFirstStep = () => {
    if (stored) return;
    stored = true;
    applyTraining(cache.db, first.delta as TrainingDelta);
  };
  const racing = new Proxy(worker, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          if (sql.includes('LEFT JOIN suggest_learned')) storeFirstStep();
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const second = nextTrainingStep(racing, first.loaded, targets);
  expect(stored).toBe(true);
  if (second.delta) applyTraining(cache.db, second.delta);

  // Every routed appeal is learned exactly once, and the stored model has counted each of them.
  const learnedRows = cache.db.prepare('SELECT count(*) FROM suggest_learned').pluck().get();
  const model = cache.db.prepare('SELECT learned FROM suggest_model WHERE id = 1').pluck().get();
  expect(learnedRows).toBe(15);
  expect(model).toBe(15);
  expect(nextTrainingStep(worker, second.loaded, targets).delta).toBeNull();
});
