// The routing model in the cache: load, learn the routed appeals it has not seen (and take back those whose
// target changed), save; and the suggestions table. Used by the training worker and the `suggest` command.
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Target } from '../../../shared/domain/target.js';
import { writeDerived } from '../cache/derived-write.js';
import { competenceEvidence } from './competences.js';
import { featuresOf } from './features.js';
import { wordsAsBeforeRoutingForm, type Token } from './russian-text.js';
import { LearnedPlaces, type LearnedPlacesState } from './learned-places.js';
import { NaiveBayes, type NaiveBayesState } from './naive-bayes.js';
import { routingClassOf, type SuggestResult } from './suggest-targets.js';

/** A decision that differs from the first suggestion the operator saw: the model was wrong, learn it harder. */
export const CORRECTION_WEIGHT = 3;
/** Competence evidence at least this strong (one decisive concept) makes a decision that ignores it suspect. */
const SURE_EVIDENCE = 3;
/** The least a decision counts that the competences contradict (a generator's or a slip's; a correction never is). */
const CONTRADICTED_WEIGHT = 0.3;

/**
 * How much one routed decision counts in the model (issue 15 item 5): more when it corrects the suggestion shown
 * at the time, less when it agrees with nothing the text names of the body's competences — so a history written
 * with another vocabulary (the demo generator's) does not teach the model against the statutes.
 * A correction is judged by routing class, what the model learns: municipality A suggested and B chosen is the model
 * right (@local; the place chose between them), not a correction (review 47, L2).
 */
export function decisionWeight(input: { text: string | readonly Token[]; cls: string; suggestedCls: string | null }): number {
  if (input.suggestedCls !== null && input.suggestedCls !== input.cls) return CORRECTION_WEIGHT;
  const evidence = competenceEvidence(input.text);
  let total = 0;
  for (const e of evidence.values()) total += e.score;
  if (total < SURE_EVIDENCE) return 1;
  const agreement = (evidence.get(input.cls)?.score ?? 0) / total;
  return CONTRADICTED_WEIGHT + (1 - CONTRADICTED_WEIGHT) * Math.min(1, agreement * 2);
}

export interface LoadedModel {
  model: NaiveBayes;
  /** The places the gazetteer does not know, learned from the same decisions (stored in the same state). */
  places: LearnedPlaces;
  revision: number;
}

/** What suggest_model.state_json holds: the classifier's state and the learned places (absent in older caches). */
type StoredState = NaiveBayesState & { places?: LearnedPlacesState };

const stateJsonOf = (loaded: LoadedModel): string =>
  JSON.stringify({ ...loaded.model.toState(), places: loaded.places.toState() } satisfies StoredState);

export function loadModel(db: Database): LoadedModel {
  const row = db.prepare('SELECT state_json, revision FROM suggest_model WHERE id = 1').get() as
    { state_json: string; revision: number } | undefined;
  if (!row) return { model: new NaiveBayes(), places: new LearnedPlaces(), revision: 0 };
  const state = JSON.parse(row.state_json) as StoredState;
  return { model: new NaiveBayes(state), places: new LearnedPlaces(state.places), revision: row.revision };
}

/**
 * A fingerprint of the text a decision was learned from: taking the decision back subtracts that text's features,
 * so it must be the same text (an author may edit the appeal after it was learned; review 47, L1).
 */
export function learnedTextHash(text: string): string {
  // Since ranking version 21 routing reads a text in routingForm. A text whose words that form changes (split by a
  // soft hyphen or a zero-width, a decomposed letter, a stress mark) has other features than an earlier build learned
  // from it, so it hashes apart: taking such a decision back leaves its words counted rather than subtracting words
  // never added. Every other text — an emoji's variation selector, a BOM between words — hashes as it did, and is
  // taken back whole (a second read of 5 December: comparing whole texts had set every «❤️» apart).
  const readAlike = wordsAsBeforeRoutingForm(text);
  return createHash('sha256').update(readAlike ? text : `routing-form\u0000${text}`).digest('base64url').slice(0, 22);
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
  learned_weight: number | null;
  learned_text_hash: string | null;
  /** The place keys learned with the decision (JSON array; null before migration 014 or for a ministry's). */
  learned_place_keys: string | null;
  /** The first suggestion when it was decided: kept from the first learning, else the stored suggestion's. */
  suggested: string | null;
}

/** What one training step changed: written by the core's own connection (the only writer of the cache). */
export interface TrainingDelta {
  remember: [appealId: string, targetId: string, cls: string, weight: number, suggestedTargetId: string | null, textHash: string,
    placeKeys: string | null][];
  forget: string[];
  stateJson: string;
  learned: number;
  revision: number;
}

/**
 * Learns, in memory, the routed appeals the model has not seen and takes back those whose target changed.
 * Returns null when nothing changed. Reads only: the worker must never write the cache, since a second writer
 * would make the core's read-then-write transactions fail with SQLITE_BUSY_SNAPSHOT.
 */
export function collectTraining(db: Database, loaded: LoadedModel, targets: readonly Target[]): TrainingDelta | null {
  const kindOf = new Map(targets.map((t) => [t.id, t]));
  const rows = db.prepare(`
    SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text, a.local_status AS status,
      a.local_target_id AS target_id, l.target_id AS learned_target, l.cls AS learned_cls, l.weight AS learned_weight,
      l.text_hash AS learned_text_hash, l.place_keys AS learned_place_keys,
      coalesce(l.suggested_target_id, s.top_target_id) AS suggested
    FROM appeals a LEFT JOIN suggest_learned l ON l.appeal_id = a.id LEFT JOIN suggestions s ON s.appeal_id = a.id
    WHERE (a.local_status = 'routed' AND (l.target_id IS NULL OR l.target_id != a.local_target_id))
       OR (a.local_status != 'routed' AND l.target_id IS NOT NULL)`).all() as DeltaRow[];
  if (rows.length === 0) return null;
  const classOf = (targetId: string): string => {
    const target = kindOf.get(targetId);
    return target ? routingClassOf(target) : targetId;
  };
  const municipal = (targetId: string | null): targetId is string => kindOf.get(targetId ?? '')?.kind === 'municipality';
  const delta: TrainingDelta = { remember: [], forget: [], stateJson: '', learned: 0, revision: 0 };
  for (const row of rows) {
    const text = row.text ?? '';
    const textHash = learnedTextHash(text);
    const all = featuresOf(text);
    const features = all.weights;
    if (row.learned_cls) {
      // Taken back with the features it was learned with; if the text was edited since, those are unknown: only the
      // decision itself is taken back (its few words stay counted, far better than subtracting words never added).
      const same = row.learned_text_hash === textHash;
      loaded.model.learn(same ? features : new Map(), row.learned_cls, -1, row.learned_weight ?? 1);
      // The places exactly as they were counted, whatever the text is now or this build reads as a place.
      if (row.learned_place_keys !== null && municipal(row.learned_target)) {
        loaded.places.forget(JSON.parse(row.learned_place_keys) as string[], row.learned_target);
      }
    }
    if (row.status === 'routed' && row.target_id) {
      const cls = classOf(row.target_id);
      const weight = decisionWeight({ text: all.tokens, cls, suggestedCls: row.suggested === null ? null : classOf(row.suggested) });
      loaded.model.learn(features, cls, 1, weight);
      const placeKeys = municipal(row.target_id) ? JSON.stringify(loaded.places.learn(all.tokens, row.target_id)) : null;
      delta.remember.push([row.id, row.target_id, cls, weight, row.suggested, textHash, placeKeys]);
    } else {
      delta.forget.push(row.id);
    }
  }
  loaded.revision++;
  delta.stateJson = stateJsonOf(loaded);
  delta.learned = loaded.model.learnedCount;
  delta.revision = loaded.revision;
  return delta;
}

/**
 * The worker's training step: the model the cache holds and what it has not learned yet, read in ONE snapshot. The
 * core stores each step (model and learned appeals together) while the worker reads; read apart, a step stored
 * between loading the model and collecting the rows made those rows look learned to a model without them — lost for
 * good (review, 1 December). `current` is reused when the cache holds exactly it (the worker's last step, stored).
 */
export function nextTrainingStep(
  db: Database, current: LoadedModel | null, targets: readonly Target[],
): { loaded: LoadedModel; delta: TrainingDelta | null } {
  return db.transaction(() => {
    const stored = (db.prepare('SELECT revision FROM suggest_model WHERE id = 1').pluck().get() as number | undefined) ?? 0;
    const loaded = current !== null && current.revision === stored ? current : loadModel(db);
    return { loaded, delta: collectTraining(db, loaded, targets) };
  })();
}

/** Stores a training step in one transaction: the learned appeals and the model together. */
export function applyTraining(db: Database, delta: TrainingDelta): void {
  const remember = db.prepare(`INSERT OR REPLACE INTO suggest_learned (appeal_id, target_id, cls, weight, suggested_target_id,
    text_hash, place_keys) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const forget = db.prepare('DELETE FROM suggest_learned WHERE appeal_id = ?');
  const save = db.prepare(`INSERT OR REPLACE INTO suggest_model (id, state_json, learned, revision, updated_at)
    VALUES (1, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const row of delta.remember) remember.run(...row);
    for (const id of delta.forget) forget.run(id);
    save.run(delta.stateJson, delta.learned, delta.revision, new Date().toISOString());
  })();
}

/** Collect and apply in one go (the `suggest` command and the bench, where nothing else writes). */
export function trainFromCache(db: Database, loaded: LoadedModel, targets: readonly Target[]): number {
  const delta = collectTraining(db, loaded, targets);
  if (!delta) return 0;
  applyTraining(db, delta);
  return delta.remember.length + delta.forget.length;
}

/** [appealId, topTargetId, topScore, learned count the model had, JSON of the result] */
export type SuggestionRow = [string, string | null, number | null, number, string];

/**
 * Stores the worker's scores — only of appeals still waiting. The worker scores from a page read a moment ago: an
 * appeal decided meanwhile keeps the suggestion the operator saw (collectTraining tells an agreement from a correction
 * by it), and one a sign-out wiped gets nothing back (the reasons quote the appeal's words).
 */
export function writeSuggestions(db: Database, rows: readonly SuggestionRow[]): void {
  const write = db.prepare(`INSERT OR REPLACE INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json)
    SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM appeals WHERE id = ? AND local_status = 'new')`);
  writeDerived(db, () => db.transaction(() => {
    for (const row of rows) write.run(...row, row[0]);
  })());
}

/**
 * Drops the suggestions of decided appeals — but a routed one's only once the model has learned it, since the first
 * suggestion shown is what tells a correction from an agreement (collectTraining reads it).
 */
export function dropDecidedSuggestions(db: Database): void {
  // Walked from the suggestions (the waiting appeals and the few decided since the last step), not from the appeals:
  // a desk's cache holds months of decided ones, and this runs after every pass (CROSS JOIN keeps that order; at
  // 95,000 decided and 5,000 waiting: 17 ms instead of 110).
  writeDerived(db, () => db.prepare(`DELETE FROM suggestions WHERE appeal_id IN (SELECT s.appeal_id FROM suggestions s
    CROSS JOIN appeals a ON a.id = s.appeal_id
    LEFT JOIN suggest_learned l ON l.appeal_id = a.id AND l.target_id = a.local_target_id
    WHERE a.local_status != 'new' AND (a.local_status != 'routed' OR l.appeal_id IS NOT NULL))`).run());
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
