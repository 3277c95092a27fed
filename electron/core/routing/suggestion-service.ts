// Runs the training worker for the core: pokes it when appeals change (a sync pulled, a decision was made),
// turns its reports into `suggestions.changed` events, and reads stored suggestions for the desk API.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AppealSuggestions } from '../../../shared/desk-api/routing-contract.js';
import { offeredSuggestions } from '../../../shared/routing/suggestion-confidence.js';
import { MetaStore } from '../cache/meta-store.js';
import type { CacheDb } from '../cache/open-cache.js';
import { applyTraining, dropDecidedSuggestions, readSuggestions, writeSuggestions } from './model-store.js';
import { RANKING_VERSION } from './ranking-version.js';
import type { RefreshMessage, WorkerMessage } from './suggest-worker.js';

export interface SuggestionService {
  poke(): void;
  /**
   * Drops whatever the worker sends from work it started before now (a sign-out is about to wipe the citizen data
   * under it: a late training step or score would put words of the texts back). The next poke starts afresh.
   */
  forgetPending(): void;
  get(appealId: string): AppealSuggestions;
  /** Resolves when the worker has nothing left to do (tests and the bench wait on it). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface SuggestionServiceOptions {
  db: CacheDb;
  dbFile: string;
  onChanged: (ids: string[]) => void;
  log: (line: string) => void;
  /** Coalesces bursts of changes (a sync page, fast keystrokes) into one refresh. */
  debounceMs?: number;
  /** A burst never postpones the refresh longer than this after its first change (see poke). */
  maxWaitMs?: number;
}

/** The worker script: the TypeScript source under tsx (dev, tests), the bundled file next to main.js in the app. */
function workerLocation(): { url: URL; execArgv: string[] } {
  const source = new URL('./suggest-worker.ts', import.meta.url);
  if (import.meta.url.endsWith('.ts') && existsSync(source)) return { url: source, execArgv: ['--import', 'tsx'] };
  return { url: new URL('./suggest-worker.js', import.meta.url), execArgv: [] };
}

/** How long close() waits for a starting worker to finish loading before it terminates it anyway. */
const LOAD_WAIT_MS = 10_000;

/**
 * Drops the stored suggestions of the waiting appeals when they were scored by another ranking version (an upgraded
 * desk), so the worker scores them again, newest first; the routed appeals' rows (what the operator was shown, from
 * which a correction is learned) are kept. Returns how many were dropped.
 */
export function dropOtherRanking(db: CacheDb, version = RANKING_VERSION): number {
  const meta = new MetaStore(db);
  if (meta.get('rankingVersion') === version) return 0;
  return db.transaction(() => {
    const dropped = db.prepare(`DELETE FROM suggestions WHERE appeal_id IN
      (SELECT id FROM appeals WHERE local_status = 'new')`).run().changes;
    meta.set('rankingVersion', version);
    return dropped;
  })();
}

export function startSuggestionService(opts: SuggestionServiceOptions): SuggestionService {
  const dropped = dropOtherRanking(opts.db);
  if (dropped > 0) opts.log(`suggest: ranking version ${RANKING_VERSION}: ${dropped} waiting appeals to score again`);
  const { url, execArgv } = workerLocation();
  let worker: Worker | null = null;
  let timer: NodeJS.Timeout | null = null;
  /** When the first change of the burst the timer waits out came (Date.now()), null when no refresh is due. */
  let burstStartMs: number | null = null;
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  // Each refresh carries the generation it belongs to and the worker stamps its results with it.
  let generation = 0;
  // Terminating a worker while it is still loading the native SQLite addon aborts the whole process (a fatal N-API
  // error, seen when a desk closed right after start): close() waits for 'ready' (or the worker's end) first.
  let markLoaded = (): void => {};
  const loaded = new Promise<void>((resolve) => { markLoaded = resolve; });
  try {
    worker = new Worker(url, { workerData: { dbFile: opts.dbFile }, execArgv });
    worker.unref();
  } catch (error) {
    opts.log(`suggest: worker not started (${error instanceof Error ? error.message : String(error)}); no suggestions`);
  }
  const settle = () => {
    if (inFlight > 0 || timer) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  worker?.on('message', (message: WorkerMessage) => {
    try {
      if ('generation' in message && message.generation !== generation) return; // computed before forgetPending()
      switch (message.type) {
        case 'ready': markLoaded(); break;
        case 'training':
          applyTraining(opts.db, message.delta);
          opts.log(`suggest: learned ${message.changed} decisions (${message.delta.learned} in model) in ${message.ms} ms`);
          opts.onChanged([]); // the model changed: what is on screen may rank differently
          break;
        case 'suggestions':
          writeSuggestions(opts.db, message.rows);
          opts.onChanged(message.rows.map((row) => row[0]));
          break;
        case 'cleanup': dropDecidedSuggestions(opts.db); break;
        case 'error': opts.log(`suggest: worker error: ${message.message}`); break;
        case 'done':
          inFlight = Math.max(0, inFlight - 1);
          settle();
          break;
      }
    } catch (error) {
      // The cache may be closing or wiped under us; suggestions are advisory, the next refresh redoes them.
      opts.log(`suggest: results not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  worker?.on('exit', () => markLoaded());
  worker?.on('error', (error) => {
    markLoaded();
    opts.log(`suggest: worker stopped: ${error.message}`);
    worker = null;
    inFlight = 0;
    settle();
  });
  const send = () => {
    timer = null;
    burstStartMs = null;
    if (!worker) return settle();
    inFlight++;
    worker.postMessage({ type: 'refresh', generation } satisfies RefreshMessage);
  };
  return {
    poke() {
      // Debounced, with a ceiling: a desk whose changes never pause for the debounce (the live channel bringing a
      // busy team's decisions, a long first sync) would otherwise never refresh, and new appeals would wait unscored.
      const nowMs = Date.now();
      burstStartMs ??= nowMs;
      if (timer) clearTimeout(timer);
      const ceiling = burstStartMs + (opts.maxWaitMs ?? 1_000) - nowMs;
      timer = setTimeout(send, Math.max(0, Math.min(opts.debounceMs ?? 150, ceiling)));
    },
    forgetPending() {
      generation++;
    },
    get(appealId) {
      const stored = readSuggestions(opts.db, appealId);
      return stored
        // Rows stored before the floor existed may still hold 0 % candidates: never hand those out.
        // Rows stored by a build before the advice have none (RANKING_VERSION 19 rescored them).
        ? { appealId, suggestions: offeredSuggestions(stored.suggestions), place: stored.place, reject: stored.reject ?? null, ready: true }
        : { appealId, suggestions: [], place: null, reject: null, ready: false };
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      burstStartMs = null;
      const w = worker;
      worker = null;
      if (w) {
        await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, LOAD_WAIT_MS).unref())]);
        await w.terminate();
      }
      inFlight = 0;
      settle();
    },
  };
}
