// Corrections through the cache (issue 15 item 5): the first suggestion stored for an appeal is kept after it is
// routed until the model has learned the decision, and a decision against it is learned with the correction weight
// (and stored with it, so the decision can be taken back exactly when its target changes). A correction is judged by
// the class the model learns (two municipalities are one class), and a decision whose text was edited since it was
// learned is taken back without subtracting the new text's words (review 47, L1 and L2).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import {
  applyTraining, collectTraining, CORRECTION_WEIGHT, dropDecidedSuggestions, learnedTextHash, loadModel, loadTargets,
  type SuggestionRow,
} from '../../../electron/core/routing/model-store.js';
import type { NaiveBayesState } from '../../../electron/core/routing/naive-bayes.js';
import { generateRoutedHistory } from '../../../server/demo/routed-history.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { Target } from '../../../shared/domain/target.js';

const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
let dir = '';
let cache: LocalCache | null = null;
afterEach(() => {
  cache?.db.close();
  cache = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});


/**
 * The suggestion stored while the appeal was waiting (the fixtures store appeals already routed; writeSuggestions
 * refuses decided appeals, so the row is put as the worker had put it before the decision).
 */
function shownBeforeDecision(db: LocalCache['db'], rows: SuggestionRow[]): void {
  const insert = db.prepare('INSERT INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json) VALUES (?, ?, ?, ?, ?)');
  for (const row of rows) insert.run(...row);
}

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
    shownBeforeDecision(cache.db, [[c.id, other, 0.7, 0, '{"suggestions":[],"place":null}'],
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

  it('does not count another municipality of the same place class as a correction', () => {
    dir = mkdtempSync(join(tmpdir(), 'routing-corrections-'));
    cache = openLocalCache(join(dir, 'desk'));
    cache.targets.replace(targets);
    const [appeal] = generateRoutedHistory(1, { now: new Date('2026-12-01T00:00:00Z') });
    const routed: Appeal = { ...appeal!, text: 'Яма на дороге у школы, машины бьют колёса', targetId: 'mr-kochkovsky' };
    cache.transaction(() => cache!.appeals.storeServer(routed));
    // The desk had suggested the city; the operator chose the district: the model (@local) was right, the place was not.
    shownBeforeDecision(cache.db, [[routed.id, 'meria-nsk', 0.7, 0, '{"suggestions":[],"place":null}']]);
    const delta = collectTraining(cache.db, loadModel(cache.db), loadTargets(cache.db))!;
    expect(delta.remember).toHaveLength(1);
    expect(delta.remember[0]![2]).toBe('@local');
    expect(delta.remember[0]![3]).toBeLessThanOrEqual(1);
  });

  it('takes back a decision whose text was edited without subtracting words it never learned', () => {
    dir = mkdtempSync(join(tmpdir(), 'routing-corrections-'));
    cache = openLocalCache(join(dir, 'desk'));
    cache.targets.replace(targets);
    const [first, second, third] = generateRoutedHistory(3, { now: new Date('2026-12-01T00:00:00Z') });
    cache.transaction(() => {
      cache!.appeals.storeServer({ ...first!, text: 'В поликлинике нет талонов к терапевту', targetId: 'minzdrav' });
      cache!.appeals.storeServer({ ...second!, text: 'Автобус до вокзала не ходит с понедельника', targetId: 'mintrans' });
      cache!.appeals.storeServer({ ...third!, text: 'Врач в больнице грубит пациентам', targetId: 'minzdrav' });
    });
    const loaded = loadModel(cache.db);
    applyTraining(cache.db, collectTraining(cache.db, loaded, loadTargets(cache.db))!);

    // The author edits the first appeal after it was learned, and a conflict sends it to transport instead.
    const edited = 'В поликлинике нет талонов к терапевту, а автобус до неё не ходит с понедельника';
    cache.db.prepare(`UPDATE appeals SET server_json = json_set(server_json, '$.text', ?),
      local_json = CASE WHEN local_json IS NULL THEN NULL ELSE json_set(local_json, '$.text', ?) END,
      local_target_id = 'mintrans' WHERE id = ?`).run(edited, edited, first!.id);
    applyTraining(cache.db, collectTraining(cache.db, loaded, loadTargets(cache.db))!);

    // Every class's total is still the sum of its counts: nothing was taken from words the model never held.
    const state = JSON.parse(cache.db.prepare('SELECT state_json FROM suggest_model').pluck().get() as string) as NaiveBayesState;
    state.classes.forEach((cls, c) => {
      const sum = Object.values(state.counts).reduce((acc, row) => acc + (row[c] ?? 0), 0);
      expect(state.totals[c], cls).toBeCloseTo(sum);
    });
    // The decision itself is taken back: what is left of the class is the other health appeal.
    const thirdWeight = cache.db.prepare('SELECT weight FROM suggest_learned WHERE appeal_id = ?').pluck().get(third!.id) as number;
    expect(state.docs[state.classes.indexOf('minzdrav')]).toBeCloseTo(thirdWeight);
    expect(loaded.model.learnedCount).toBe(3);
  });

  it('takes back a decision on an unchanged text exactly', () => {
    dir = mkdtempSync(join(tmpdir(), 'routing-corrections-'));
    cache = openLocalCache(join(dir, 'desk'));
    cache.targets.replace(targets);
    const [first] = generateRoutedHistory(1, { now: new Date('2026-12-01T00:00:00Z') });
    cache.transaction(() => cache!.appeals.storeServer({ ...first!, text: 'Сломался лифт в подъезде', targetId: 'mingkh' }));
    const loaded = loadModel(cache.db);
    applyTraining(cache.db, collectTraining(cache.db, loaded, loadTargets(cache.db))!);
    cache.db.prepare("UPDATE appeals SET local_target_id = 'minstroy' WHERE id = ?").run(first!.id);
    applyTraining(cache.db, collectTraining(cache.db, loaded, loadTargets(cache.db))!);
    const state = loaded.model.toState();
    const c = state.classes.indexOf('mingkh');
    expect(state.docs[c]).toBeCloseTo(0);
    for (const [feature, row] of Object.entries(state.counts)) expect(row[c], feature).toBeCloseTo(0);
  });

  it('hashes a text that routing now reads otherwise apart from what an earlier build stored for it', () => {
    // Before ranking version 21 a decision's hash was of the text as written; one learned then from a text with soft
    // hyphens counted the split words, so taking it back must not subtract the whole ones it never added.
    const before = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);
    for (const text of ['Сломался лифт в подъезде', 'Нет воды\r\nс утра', '👨\u200D👩 и школа', 'Спасибо ❤\uFE0F за воду',
      '\uFEFFНет воды', 'Нет\u200E воды']) {
      expect(learnedTextHash(text), text).toBe(before(text));
    }
    for (const text of ['Сло\u00ADмался лифт', 'Лифт в Линёво'.normalize('NFD'), 'Шко́ла', 'лифт\u200Bсломан']) {
      expect(learnedTextHash(text), text).not.toBe(before(text));
    }
  });
});
