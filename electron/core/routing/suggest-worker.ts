// The training worker (worker_threads): learns the routed appeals the model has not seen, then (re)computes the
// suggestions of waiting appeals, newest first — all off the core's request path; the core stores the results.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  collectTraining, loadModel, loadTargets, mostRoutedMunicipality, type LoadedModel, type SuggestionRow, type TrainingDelta,
} from './model-store.js';
import { suggestTargets } from './suggest-targets.js';

export interface WorkerInput { dbFile: string }
/** The worker only reads the cache; everything it would write travels to the core, the cache's one writer. */
export type WorkerMessage =
  | { type: 'training'; delta: TrainingDelta; changed: number; ms: number }
  | { type: 'suggestions'; rows: SuggestionRow[] }
  | { type: 'cleanup' }
  | { type: 'error'; message: string }
  | { type: 'done' }
  /** The native SQLite addon is loaded and the cache open: from now on the worker may be terminated safely. */
  | { type: 'ready' };

const BATCH = 300;
const { dbFile } = workerData as WorkerInput;
const db = new Database(dbFile, { readonly: true });
db.pragma('busy_timeout = 5000');
let loaded: LoadedModel | null = null;

const post = (message: WorkerMessage) => parentPort?.postMessage(message);
post({ type: 'ready' });

/** A stored suggestion is stale once the model has learned a few percent more than when it was computed. */
const staleBelow = (learned: number) => learned - Math.max(25, Math.floor(learned * 0.02));

function refresh(): void {
  const targets = loadTargets(db);
  if (targets.length === 0) return;
  // A revision in the file other than this worker's last one means the model was wiped (sign-out) or the
  // core has not stored the last step yet: start again from what the file holds, which is always consistent.
  const stored = db.prepare('SELECT revision FROM suggest_model WHERE id = 1').pluck().get() as number | undefined;
  if (loaded === null || loaded.revision !== (stored ?? 0)) loaded = loadModel(db);
  const started = performance.now();
  const delta = collectTraining(db, loaded, targets);
  if (delta) {
    post({ type: 'training', delta, changed: delta.remember.length + delta.forget.length,
      ms: Math.round(performance.now() - started) });
  }
  const learned = loaded.model.learnedCount;
  const defaultLocal = mostRoutedMunicipality(db, targets);
  const stale = db.prepare(`
    SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text
    FROM appeals a LEFT JOIN suggestions s ON s.appeal_id = a.id
    WHERE a.local_status = 'new' AND (s.appeal_id IS NULL OR s.model_revision < ?)
    ORDER BY a.received_ms DESC`).all(staleBelow(learned)) as { id: string; text: string | null }[];
  for (let i = 0; i < stale.length; i += BATCH) {
    const rows: SuggestionRow[] = stale.slice(i, i + BATCH).map((row) => {
      const result = suggestTargets(row.text ?? '', { model: loaded!.model, targets,
        ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}) });
      const top = result.suggestions[0];
      return [row.id, top?.targetId ?? null, top?.score ?? null, learned, JSON.stringify(result)];
    });
    post({ type: 'suggestions', rows });
  }
  post({ type: 'cleanup' });
}

parentPort?.on('message', (message: { type: string }) => {
  if (message.type !== 'refresh') return;
  try {
    refresh();
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    post({ type: 'done' });
  }
});
