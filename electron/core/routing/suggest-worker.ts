// The training worker (worker_threads): learns the routed appeals the model has not seen, then (re)computes the
// suggestions of waiting appeals, newest first — all off the core's request path; the core stores the results.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import {
  loadModel, loadTargets, mostRoutedMunicipality, nextTrainingStep, type LoadedModel, type SuggestionRow,
  type TrainingDelta,
} from './model-store.js';
import { suggestTargets } from './suggest-targets.js';

export interface WorkerInput { dbFile: string }
/** The worker only reads the cache; everything it would write travels to the core, the cache's one writer. */
/** `generation`: the refresh's (see SuggestionService.forgetPending); results of an older one are dropped. */
export interface RefreshMessage { type: 'refresh'; generation: number }
export type WorkerMessage =
  | { type: 'training'; delta: TrainingDelta; changed: number; ms: number; generation: number }
  | { type: 'suggestions'; rows: SuggestionRow[]; generation: number }
  | { type: 'cleanup'; generation: number }
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
 * seconds: the newest waiting appeals with no score yet (COLD_START_SCORED of them, what the operator sees first) are
 * scored before it, from what the model knows (the competences alone on a new desk), and again after it. Fewer (the
 * decisions of the last minutes) are learned first: scoring new arrivals twice would cost more than the wait.
 */
const COLD_START = 200;
const COLD_START_SCORED = 500;
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
/** The newest refresh's generation: results are stamped with it (SuggestionService.forgetPending). */
let latestGeneration = 0;
/** Refresh messages not yet answered with 'done' (the core counts them to know when the worker is idle). */
let unanswered = 0;
const storedRevision = (): number =>
  (db.prepare('SELECT revision FROM suggest_model WHERE id = 1').pluck().get() as number | undefined) ?? 0;
const rest = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, REST_MS));

/** The training step this worker posted last, until the core has stored it. */
let posted: { revision: number; generation: number } | null = null;
/** How long a pass waits for its previous step to be stored: REST_MS each, about 1.2 s. */
const STORE_WAITS = 20;

/**
 * The model to go on from: this worker's own when the cache holds it, else the cache's (wiped at sign-out, or a step
 * the core never stored) — but while the worker's last step is on its way to the core (the core busy with a long
 * sync), it waits for it a little: reloading would learn the same decisions again, at a first sync a full training.
 */
async function currentModel(generation: number): Promise<LoadedModel> {
  for (let waited = 0; ; waited++) {
    const stored = storedRevision();
    if (loaded !== null && loaded.revision === stored) return loaded;
    const onItsWay = loaded !== null && posted !== null && posted.generation === generation
      && posted.revision === loaded.revision && stored === loaded.revision - 1;
    if (!onItsWay || waited >= STORE_WAITS) return (loaded = loadModel(db));
    await rest();
  }
}

interface Waiting { id: string; text: string | null; channel: string | null; author_place: string | null; received_ms: number }

async function refresh(): Promise<void> {
  const generation = latestGeneration;
  const targets = loadTargets(db);
  if (targets.length === 0) return;
  let model = await currentModel(generation);
  const defaultLocal = mostRoutedMunicipality(db, targets);
  // Spam the operators already rejected, word for word (SuggestContext.rejectedAsSpam): by the copy key the clusterer
  // keeps for every appeal that arrived waiting (cluster_keys), so only texts of 8 words and more.
  const rejectedAsSpamStmt = db.prepare(`SELECT 1 FROM cluster_keys k JOIN appeals a ON a.id = k.appeal_id
    WHERE k.key = ? AND a.local_status = 'rejected'
      AND json_extract(coalesce(a.local_json, a.server_json), '$.rejectReason') = 'spam' LIMIT 1`).pluck();
  const rejectedAsSpam = (copyKey: string): boolean => rejectedAsSpamStmt.get(copyKey) !== undefined;
  /**
   * Scores the waiting appeals `where` picks, newest first, a page at a time (a page read per batch: texts are not
   * held for a whole pass, and a pass cut short has not read what it did not score); the core stores each batch as
   * it comes. Resolves false when a newer refresh cut it short (only if `yieldToNewer`), true when done.
   */
  const score = async (where: string, params: number[], { limit = Infinity, yieldToNewer = true } = {}): Promise<boolean> => {
    const learned = model.model.learnedCount;
    const page = db.prepare(`
      SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text,
        json_extract(coalesce(a.local_json, a.server_json), '$.channel.name') AS channel,
        json_extract(coalesce(a.local_json, a.server_json), '$.author.place') AS author_place, a.received_ms
      FROM appeals a LEFT JOIN suggestions s ON s.appeal_id = a.id
      WHERE a.local_status = 'new' AND (${where}) AND a.received_ms <= ? AND (a.received_ms < ? OR a.id > ?)
      ORDER BY a.received_ms DESC, a.id LIMIT ?`);
    // The inbox's own index order (appeals_inbox: status, received_ms DESC, id), walked from a cursor; it starts above
    // every appeal: all are received before the largest safe integer of milliseconds.
    let after: { ms: number; id: string } = { ms: Number.MAX_SAFE_INTEGER, id: '' };
    for (let done = 0; done < limit;) {
      const asked = Math.min(BATCH, limit - done);
      const rows = page.all(...params, after.ms, after.ms, after.id, asked) as Waiting[];
      if (rows.length === 0) return true;
      post({ type: 'suggestions', generation, rows: rows.map((row): SuggestionRow => {
        const result = suggestTargets(row.text ?? '', { model: model.model, places: model.places, targets, rejectedAsSpam,
          ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}), ...(row.channel ? { channelName: row.channel } : {}),
          ...(typeof row.author_place === 'string' ? { authorPlace: row.author_place } : {}) });
        const top = result.suggestions[0];
        return [row.id, top?.targetId ?? null, top?.score ?? null, learned, JSON.stringify(result)];
      }) });
      done += rows.length;
      if (rows.length < asked) return true;
      const last = rows[rows.length - 1]!;
      after = { ms: last.received_ms, id: last.id };
      await rest();
      if (yieldToNewer && wanted) return false;
    }
    return true;
  };
  const untrained = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM appeals a LEFT JOIN suggest_learned l
    ON l.appeal_id = a.id WHERE a.local_status = 'routed' AND l.appeal_id IS NULL LIMIT ?)`).pluck().get(COLD_START) as number;
  // Cold start: the first screens get suggestions at once; this part is bounded and not cut short, so that a long
  // first sync poking every few hundred milliseconds cannot keep the training from ever starting.
  if (untrained >= COLD_START) {
    await score('s.appeal_id IS NULL', [], { limit: COLD_START_SCORED, yieldToNewer: false });
  }
  const started = performance.now();
  const step = nextTrainingStep(db, await currentModel(generation), targets);
  loaded = model = step.loaded;
  const { delta } = step;
  if (delta) {
    posted = { revision: delta.revision, generation };
    post({ type: 'training', generation, delta, changed: delta.remember.length + delta.forget.length,
      ms: Math.round(performance.now() - started) });
  }
  if (!(await score('s.appeal_id IS NULL OR s.model_revision < ?', [staleBelow(model.model.learnedCount)]))) return;
  post({ type: 'cleanup', generation });
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

parentPort?.on('message', (message: RefreshMessage) => {
  if (message.type !== 'refresh') return;
  unanswered++;
  latestGeneration = message.generation;
  wanted = true;
  if (!running) void drain();
});
