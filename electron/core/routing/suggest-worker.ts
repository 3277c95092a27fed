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

/**
 * Rescoring is background work: after each batch of appeals the thread rests, so that it never holds a core for the
 * tens of seconds a full rescoring of 100,000 waiting appeals takes while the operator's window wants that core (an
 * office PC has two). About 40 ms of scoring, then a rest: at most ~40 % of one core.
 */
const BATCH = 100;
const REST_MS = 60;
/**
 * This many routed appeals still to learn (a new desk's first sync, a relearn after an upgrade) is a training of
 * seconds: waiting appeals are scored before it as well as after. Fewer (the decisions of the last minutes) are
 * learned first, as a scoring of new arrivals twice would cost more than the wait.
 */
const COLD_START = 200;
const { dbFile } = workerData as WorkerInput;
const db = new Database(dbFile, { readonly: true });
db.pragma('busy_timeout = 5000');
let loaded: LoadedModel | null = null;

const post = (message: WorkerMessage) => parentPort?.postMessage(message);
post({ type: 'ready' });

/** A stored suggestion is stale once the model has learned a few percent more than when it was computed. */
const staleBelow = (learned: number) => learned - Math.max(25, Math.floor(learned * 0.02));

// A refresh asked for while one runs is not queued behind it: the running one stops scoring at its next rest and
// the next pass starts from the newest appeals again (what is already stored with a fresh revision is not redone).
let wanted = false;
let running = false;
/** Refresh messages not yet answered with 'done' (the core counts them to know when the worker is idle). */
let unanswered = 0;
const rest = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, REST_MS));

async function refresh(): Promise<void> {
  const targets = loadTargets(db);
  if (targets.length === 0) return;
  // A revision in the file other than this worker's last one means the model was wiped (sign-out) or the
  // core has not stored the last step yet: start again from what the file holds, which is always consistent.
  const stored = db.prepare('SELECT revision FROM suggest_model WHERE id = 1').pluck().get() as number | undefined;
  if (loaded === null || loaded.revision !== (stored ?? 0)) loaded = loadModel(db);
  const model = loaded;
  const defaultLocal = mostRoutedMunicipality(db, targets);
  /** Scores the waiting appeals `where` picks, newest first, in batches the core stores as they come. */
  const score = async (where: string, ...params: number[]): Promise<boolean> => {
    const learned = model.model.learnedCount;
    const waiting = db.prepare(`
      SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text
      FROM appeals a LEFT JOIN suggestions s ON s.appeal_id = a.id
      WHERE a.local_status = 'new' AND (${where})
      ORDER BY a.received_ms DESC`).all(...params) as { id: string; text: string | null }[];
    for (let i = 0; i < waiting.length; i += BATCH) {
      const rows: SuggestionRow[] = waiting.slice(i, i + BATCH).map((row) => {
        const result = suggestTargets(row.text ?? '', { model: model.model, targets,
          ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}) });
        const top = result.suggestions[0];
        return [row.id, top?.targetId ?? null, top?.score ?? null, learned, JSON.stringify(result)];
      });
      post({ type: 'suggestions', rows });
      if (i + BATCH < waiting.length) {
        await rest();
        if (wanted) return false;
      }
    }
    return true;
  };
  const untrained = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM appeals a LEFT JOIN suggest_learned l
    ON l.appeal_id = a.id WHERE a.local_status = 'routed' AND l.appeal_id IS NULL LIMIT ?)`).pluck().get(COLD_START) as number;
  // Cold start (a new desk, a wiped model, an upgrade that relearns): learning thousands of routed appeals — each
  // weighed against the competences — takes seconds. Appeals with no suggestion at all are scored first with what the
  // model knows now (the competences alone on a new desk), so the operator has suggestions at once; they are stale
  // once the training below is learned, and are scored again with it.
  if (untrained >= COLD_START && !(await score('s.appeal_id IS NULL'))) return;
  const started = performance.now();
  const delta = collectTraining(db, model, targets);
  if (delta) {
    post({ type: 'training', delta, changed: delta.remember.length + delta.forget.length,
      ms: Math.round(performance.now() - started) });
  }
  if (!(await score('s.appeal_id IS NULL OR s.model_revision < ?', staleBelow(model.model.learnedCount)))) return;
  post({ type: 'cleanup' });
}

async function drain(): Promise<void> {
  running = true;
  while (wanted) {
    wanted = false;
    try {
      await refresh();
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
  running = false;
  for (; unanswered > 0; unanswered--) post({ type: 'done' });
}

parentPort?.on('message', (message: { type: string }) => {
  if (message.type !== 'refresh') return;
  unanswered++;
  wanted = true;
  if (!running) void drain();
});
