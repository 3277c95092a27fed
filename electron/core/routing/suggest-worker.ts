// The training worker (worker_threads): learns the routed appeals the model has not seen, then (re)computes the
// suggestions of waiting appeals, newest first, in small transactions — all off the core's request path.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { loadModel, loadTargets, mostRoutedMunicipality, trainFromCache, type LoadedModel } from './model-store.js';
import { suggestTargets } from './suggest-targets.js';

export interface WorkerInput { dbFile: string }
export type WorkerMessage =
  | { type: 'updated'; ids: string[]; learned: number }
  | { type: 'trained'; changed: number; learned: number; ms: number }
  | { type: 'error'; message: string };

const BATCH = 300;
const { dbFile } = workerData as WorkerInput;
const db = new Database(dbFile);
db.pragma('busy_timeout = 5000');
let loaded: LoadedModel | null = null;
let running = false;
let again = false;

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

/** A stored suggestion is stale once the model has learned a few percent more than when it was computed. */
const staleBelow = (learned: number) => learned - Math.max(25, Math.floor(learned * 0.02));

function refresh(): void {
  const targets = loadTargets(db);
  if (targets.length === 0) return;
  // Only this worker writes the model, so a different revision in the file means it was wiped (sign-out):
  // start again from what the file holds instead of writing the old operator's model back.
  const stored = db.prepare('SELECT revision FROM suggest_model WHERE id = 1').pluck().get() as number | undefined;
  if (loaded === null || loaded.revision !== (stored ?? 0)) loaded = loadModel(db);
  const started = performance.now();
  const changed = trainFromCache(db, loaded, targets);
  const learned = loaded.model.learnedCount;
  if (changed > 0) post({ type: 'trained', changed, learned, ms: Math.round(performance.now() - started) });
  const defaultLocal = mostRoutedMunicipality(db, targets);
  const pick = db.prepare(`
    SELECT a.id, json_extract(coalesce(a.local_json, a.server_json), '$.text') AS text
    FROM appeals a LEFT JOIN suggestions s ON s.appeal_id = a.id
    WHERE a.local_status = 'new' AND (s.appeal_id IS NULL OR s.model_revision < ?)
    ORDER BY a.received_ms DESC LIMIT ?`);
  const write = db.prepare(`INSERT OR REPLACE INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json)
    VALUES (?, ?, ?, ?, ?)`);
  for (;;) {
    const rows = pick.all(staleBelow(learned), BATCH) as { id: string; text: string | null }[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const row of rows) {
        const result = suggestTargets(row.text ?? '', { model: loaded!.model, targets,
          ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}) });
        const top = result.suggestions[0];
        write.run(row.id, top?.targetId ?? null, top?.score ?? null, learned, JSON.stringify(result));
      }
    })();
    post({ type: 'updated', ids: rows.map((r) => r.id), learned });
    if (rows.length < BATCH) break;
  }
  db.prepare("DELETE FROM suggestions WHERE appeal_id IN (SELECT id FROM appeals WHERE local_status != 'new')").run();
}

parentPort?.on('message', (message: { type: string }) => {
  if (message.type !== 'refresh') return;
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    do {
      again = false;
      refresh();
    } while (again);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running = false;
    parentPort?.postMessage({ type: 'done' });
  }
});
