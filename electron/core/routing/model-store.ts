// The routing model in the cache: load, learn the routed appeals it has not seen (and take back those whose
// target changed), save; and the suggestions table. Used by the training worker and the `suggest` command.
import type { Database } from 'better-sqlite3';
import type { Target } from '../../../shared/domain/target.js';
import { featuresOf } from './features.js';
import { NaiveBayes, type NaiveBayesState } from './naive-bayes.js';
import { routingClassOf, type SuggestResult } from './suggest-targets.js';

export interface LoadedModel {
  model: NaiveBayes;
  revision: number;
}

export function loadModel(db: Database): LoadedModel {
  const row = db.prepare('SELECT state_json, revision FROM suggest_model WHERE id = 1').get() as
    { state_json: string; revision: number } | undefined;
  if (!row) return { model: new NaiveBayes(), revision: 0 };
  return { model: new NaiveBayes(JSON.parse(row.state_json) as NaiveBayesState), revision: row.revision };
}

export function loadTargets(db: Database): Target[] {
  return (db.prepare('SELECT json FROM targets ORDER BY position').pluck().all() as string[])
    .map((json) => JSON.parse(json) as Target);
}

interface DeltaRow {
  id: string;
  text: string | null;
  status: string;
  target_id: string | null;
  learned_target: string | null;
  learned_cls: string | null;
}

/**
 * Brings the model up to the routed appeals in the cache, in one transaction. Returns how many appeals were
 * learned or taken back (0: nothing changed, the model is not rewritten).
 */
export function trainFromCache(db: Database, loaded: LoadedModel, targets: readonly Target[], batch = 20_000): number {
  const kindOf = new Map(targets.map((t) => [t.id, t]));
  const select = db.prepare(`
    SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text, a.local_status AS status,
      a.local_target_id AS target_id, l.target_id AS learned_target, l.cls AS learned_cls
    FROM appeals a LEFT JOIN suggest_learned l ON l.appeal_id = a.id
    WHERE (a.local_status = 'routed' AND (l.target_id IS NULL OR l.target_id != a.local_target_id))
       OR (a.local_status != 'routed' AND l.target_id IS NOT NULL)
    LIMIT ?`);
  const remember = db.prepare('INSERT OR REPLACE INTO suggest_learned (appeal_id, target_id, cls) VALUES (?, ?, ?)');
  const forget = db.prepare('DELETE FROM suggest_learned WHERE appeal_id = ?');
  const save = db.prepare(`INSERT OR REPLACE INTO suggest_model (id, state_json, learned, revision, updated_at)
    VALUES (1, ?, ?, ?, ?)`);
  let changed = 0;
  for (;;) {
    const rows = select.all(batch) as DeltaRow[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const row of rows) {
        const features = featuresOf(row.text ?? '').weights;
        if (row.learned_cls) loaded.model.learn(features, row.learned_cls, -1);
        const target = row.status === 'routed' && row.target_id ? kindOf.get(row.target_id) : undefined;
        if (row.status === 'routed' && row.target_id) {
          const cls = target ? routingClassOf(target) : row.target_id;
          loaded.model.learn(features, cls, 1);
          remember.run(row.id, row.target_id, cls);
        } else {
          forget.run(row.id);
        }
        changed++;
      }
      loaded.revision++;
      save.run(JSON.stringify(loaded.model.toState()), loaded.model.learnedCount, loaded.revision, new Date().toISOString());
    })();
    if (rows.length < batch) break;
  }
  return changed;
}

/** The municipality chosen most often in history: where a local matter goes when no place is named. */
export function mostRoutedMunicipality(db: Database, targets: readonly Target[]): string | undefined {
  const municipal = new Set(targets.filter((t) => t.kind === 'municipality').map((t) => t.id));
  const rows = db.prepare('SELECT target_id, count(*) AS n FROM suggest_learned GROUP BY target_id ORDER BY n DESC')
    .all() as { target_id: string; n: number }[];
  return rows.find((r) => municipal.has(r.target_id))?.target_id ?? (municipal.has('meria-nsk') ? 'meria-nsk' : undefined);
}

export interface StoredSuggestions extends SuggestResult {
  modelRevision: number;
}

export function readSuggestions(db: Database, appealId: string): StoredSuggestions | null {
  const row = db.prepare('SELECT json, model_revision FROM suggestions WHERE appeal_id = ?').get(appealId) as
    { json: string; model_revision: number } | undefined;
  return row ? { ...(JSON.parse(row.json) as SuggestResult), modelRevision: row.model_revision } : null;
}
