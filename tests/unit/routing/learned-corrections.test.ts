// Corrections through the cache (issue 15 item 5): the first suggestion stored for an appeal is kept after it is
// routed until the model has learned the decision, and a decision against it is learned with the correction weight
// (and stored with it, so the decision can be taken back exactly when its target changes).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import {
  applyTraining, collectTraining, CORRECTION_WEIGHT, dropDecidedSuggestions, loadModel, loadTargets, writeSuggestions,
} from '../../../electron/core/routing/model-store.js';
import { generateRoutedHistory } from '../../../server/demo/routed-history.js';
import type { Target } from '../../../shared/domain/target.js';

const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
let dir = '';
let cache: LocalCache | null = null;
afterEach(() => {
  cache?.db.close();
  cache = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('learning corrections from the cache', () => {
  it('weighs a decision against the shown suggestion more, and keeps the suggestion until it is learned', () => {
    dir = mkdtempSync(join(tmpdir(), 'routing-corrections-'));
    cache = openLocalCache(join(dir, 'desk'));
    cache.targets.replace(targets);
    const [corrected, agreed] = generateRoutedHistory(2, { now: new Date('2026-12-01T00:00:00Z') });
    cache.transaction(() => { cache!.appeals.storeServer(corrected!); cache!.appeals.storeServer(agreed!); });
    const rows = cache.db.prepare('SELECT id, local_target_id FROM appeals').all() as { id: string; local_target_id: string }[];
    expect(rows).toHaveLength(2);
    const [c, a] = [rows.find((r) => r.id === corrected!.id)!, rows.find((r) => r.id === agreed!.id)!];
    // What the desk had shown first: another body for one, the chosen body for the other.
    const other = c.local_target_id === 'minsport' ? 'minkult' : 'minsport';
    writeSuggestions(cache.db, [[c.id, other, 0.7, 0, '{"suggestions":[],"place":null}'],
      [a.id, a.local_target_id, 0.7, 0, '{"suggestions":[],"place":null}']]);

    dropDecidedSuggestions(cache.db); // routed but not learned yet: kept
    expect(cache.db.prepare('SELECT count(*) FROM suggestions').pluck().get()).toBe(2);

    const loaded = loadModel(cache.db);
    const delta = collectTraining(cache.db, loaded, loadTargets(cache.db))!;
    const weightOf = (id: string) => delta.remember.find((r) => r[0] === id)?.[3];
    expect(weightOf(c.id)).toBe(CORRECTION_WEIGHT);
    expect(weightOf(a.id)).toBeLessThanOrEqual(1);
    applyTraining(cache.db, delta);
    expect(cache.db.prepare('SELECT suggested_target_id FROM suggest_learned WHERE appeal_id = ?').pluck().get(c.id)).toBe(other);
    expect(loaded.model.learnedCount).toBe(2);

    dropDecidedSuggestions(cache.db); // learned: gone
    expect(cache.db.prepare('SELECT count(*) FROM suggestions').pluck().get()).toBe(0);
  });
});
