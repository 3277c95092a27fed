// The sync engine: push the outbox, refresh the targets when due, then pull /changes page by page (rebasing pending
// decisions). One run at a time; triggers during a run schedule exactly one more. Offline → capped backoff retries.
import type { Appeal } from '../../shared/domain/appeal.js';
import { MAX_CHANGES_LIMIT, MAX_MUTATIONS_PER_REQUEST, type Mutation, type MutationResult } from '../../shared/central-api/contract.js';
import type { Conflict, SyncState, SyncStatus } from '../../shared/desk-api/contract.js';
import type { LiveState } from '../../shared/desk-api/team-contract.js';
import { backoffDelayMs } from './backoff.js';
import type { LocalCache } from './cache/local-cache.js';
import type { OutboxEntry } from './cache/outbox-store.js';
import { ApiFailure, type CentralApiClient } from './central-api-client.js';
import type { DeskEventHub } from './desk-events.js';
import { DISK_FULL_MESSAGE, isDiskFull } from './disk-full.js';
import { recomputeLocalView, storeServerAppeal } from './local-view.js';
import type { SyncLog, SyncLogLevel } from './sync-log.js';
import { ulid } from './ulid.js';

/** Pages as large as the contract allows: fewer round trips and fsyncs on a first sync of a big inbox. */
export const PULL_PAGE_SIZE = MAX_CHANGES_LIMIT;
/** Above this many changed ids one pull page reports "many" (an empty list) instead of every id. */
export const MAX_IDS_PER_EVENT = 500;

export interface SyncEngineOptions {
  cache: LocalCache;
  api: CentralApiClient;
  events: DeskEventHub;
  hasToken: () => boolean;
  /** The server answered 401: the core clears the token and announces the signed-out session. */
  onUnauthorized: () => void;
  pushDelayMs: number;
  syncIntervalMs: number;
  log: (line: string) => void;
  random?: () => number;
  /** The operator-visible sync log (rotating file); absent in tests that do not need it. */
  journal?: SyncLog;
  /** Team mode's live channel (#9): while connected it announces every change, so polling slows to a safety net. */
  liveState?: () => LiveState;
}

/** While the live channel is connected, the interval still pulls this often (a missed event cannot strand a desk). */
export const LIVE_SAFETY_POLL_MS = 60_000;
/** The target list (reference data) is refreshed at most this often during a session. */
export const TARGETS_REFRESH_MS = 5 * 60_000;

type Progress = NonNullable<SyncStatus['progress']>;
/** A pull shows a progress bar only when this many appeals are still to come after the first page. */
const PROGRESS_MIN_REMAINING = 1;

function toMutation(entry: OutboxEntry): Mutation {
  const base = { id: entry.mutationId, appealId: entry.appealId, baseVersion: entry.baseVersion, createdAt: entry.createdAt };
  return entry.decision.type === 'route'
    ? { ...base, type: 'route', targetId: entry.decision.targetId }
    : { ...base, type: 'reject', reason: entry.decision.reason };
}

/** HTTP statuses that refuse a /mutations request as a whole for what it carries; 401, 429 and 5xx are not these. */
const BATCH_REJECTION_STATUSES: ReadonlySet<number> = new Set([400, 403, 413, 422]);

function isBatchRejection(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure && error.kind === 'rejected' && error.status !== null
    && BATCH_REJECTION_STATUSES.has(error.status);
}

function serverSummary(appeal: Appeal | null): Conflict['server'] {
  return {
    status: appeal?.status ?? 'new',
    targetId: appeal?.targetId ?? null,
    rejectReason: appeal?.rejectReason ?? null,
    routedBy: appeal?.routedBy ?? null,
    routedAt: appeal?.routedAt ?? null,
  };
}

export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private state: SyncState;
  private lastSyncAt: string | null;
  private offlineSince: string | null = null;
  private lastError: string | null = null;
  private lastPublished = '';
  private running: Promise<void> | null = null;
  private rerun = false;
  private closed = false;
  private failures = 0;
  private nextRetryAt: string | null = null;
  private progress: Progress | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  private intervalTimer: NodeJS.Timeout | null = null;
  private lastRunStartMs = 0;
  private targetsRefreshedMs = 0;

  constructor(options: SyncEngineOptions) {
    this.o = options;
    const lastSyncAt = options.cache.meta.get('lastSyncAt');
    this.lastSyncAt = typeof lastSyncAt === 'string' ? lastSyncAt : null;
    // Until the first run answers, a stored token counts as signed in but not yet confirmed online.
    this.state = options.hasToken() ? 'offline' : 'signed-out';
  }

  status(): SyncStatus {
    return {
      state: this.state,
      pending: this.o.cache.outbox.count(),
      lastSyncAt: this.lastSyncAt,
      offlineSince: this.offlineSince,
      lastError: this.lastError,
      progress: this.progress,
      nextRetryAt: this.nextRetryAt,
      ...(this.o.liveState ? { live: this.o.liveState() } : {}),
    };
  }

  private journal(level: SyncLogLevel, event: string, message: string): void {
    this.o.journal?.write(level, event, message, this.o.cache.outbox.count());
  }

  /** Emits sync.status when anything in it changed (state, pending count, times, error). */
  publishStatus(): void {
    if (this.closed) return;
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.o.events.emit('sync.status', status);
  }

  start(): void {
    this.intervalTimer = setInterval(() => {
      // While backing off, the retry timer decides when to try again: the interval must not defeat the backoff.
      if (this.retryTimer !== null) return;
      if (this.o.liveState?.() === 'connected' && Date.now() - this.lastRunStartMs < LIVE_SAFETY_POLL_MS) return;
      void this.trigger();
    }, this.o.syncIntervalMs);
    this.intervalTimer.unref();
    void this.trigger();
  }

  /** Starts a run, or asks the running one to run once more; resolves when no run is pending. */
  trigger(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    this.running = this.loop();
    return this.running;
  }

  /**
   * The live channel announced a change: run now — unless the desk is backing off after failures (the retry timer
   * decides then; a colleague's every decision must not become a retry that skips the backoff).
   */
  nudge(): Promise<void> {
    if (this.retryTimer !== null) return this.running ?? Promise.resolve();
    return this.trigger();
  }

  /** sync.now: runs immediately (even while backing off) and reports the status after the run. */
  async syncNow(): Promise<SyncStatus> {
    // A run already in flight started before this request: let it finish, then run once more for the operator.
    if (this.running) await this.running;
    this.clearRetry();
    await this.trigger();
    return this.status();
  }

  /** Sign-out: pushes every pending decision now, undo grace or not, and reports the status after the run. */
  async flushNow(): Promise<SyncStatus> {
    this.flushing = true;
    try {
      return await this.syncNow();
    } finally {
      this.flushing = false;
    }
  }
  private flushing = false;

  /** A decision was stored: push it once its undo grace is over. */
  decisionMade(createdMs: number): void {
    this.publishStatus();
    this.schedulePush(createdMs + this.o.pushDelayMs);
  }

  /** Session changed (login or logout): reset the backoff and run (a run without a token just reports signed-out). */
  sessionChanged(): void {
    this.failures = 0;
    this.targetsRefreshedMs = 0;
    this.offlineSince = null;
    this.lastError = null;
    this.clearRetry();
    if (!this.o.hasToken()) this.setState('signed-out');
    void this.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearRetry();
    if (this.pushTimer) clearTimeout(this.pushTimer);
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    this.pushTimer = null;
    this.intervalTimer = null;
    await this.running;
  }

  private async loop(): Promise<void> {
    try {
      let ok = true;
      do {
        this.rerun = false;
        ok = await this.runOnce();
        // After a failure the retry timer decides when to try again: a trigger that arrived during the failing run
        // (a decision, the interval) must not start another attempt at once — that is how a client spins.
      } while (this.rerun && ok && !this.closed);
    } finally {
      this.running = null;
    }
  }

  /** One push-pull-targets round; false when it failed (a retry is scheduled). */
  private async runOnce(): Promise<boolean> {
    if (!this.o.hasToken()) {
      this.setState('signed-out');
      return true;
    }
    let ok = true;
    this.lastRunStartMs = Date.now();
    this.setState('syncing');
    try {
      await this.push();
      // The live channel makes a run of every colleague's decision: the target list is reference data, asked for
      // on the first run of a session and then every few minutes, not on every run. Before the pull, so whatever the
      // pulled appeals wake (the suggestion worker) finds the targets in place.
      if (Date.now() - this.targetsRefreshedMs >= TARGETS_REFRESH_MS || this.o.cache.targets.list().length === 0) {
        await this.refreshTargets();
      }
      await this.pull();
      this.failures = 0;
      this.offlineSince = null;
      this.lastError = null;
      this.lastSyncAt = new Date().toISOString();
      this.o.cache.meta.set('lastSyncAt', this.lastSyncAt);
      this.clearRetry();
      this.progress = null;
      this.setState('online');
    } catch (error) {
      this.progress = null;
      ok = false;
      this.handleFailure(error);
    }
    if (!this.closed) this.scheduleNextPush();
    return ok;
  }

  private handleFailure(error: unknown): void {
    if (error instanceof ApiFailure && error.kind === 'unauthorized') {
      this.o.log('sync: server answered 401, signing out');
      this.journal('error', 'unauthorized', 'Сервер ответил 401: требуется вход');
      this.lastError = 'Сессия истекла — войдите снова';
      this.offlineSince = null;
      this.clearRetry();
      this.o.onUnauthorized();
      this.setState('signed-out');
      return;
    }
    if (isDiskFull(error)) {
      // The server answered; only our own disk refused to store what came back. Not offline: say what is wrong and
      // retry with backoff (nothing is lost: the cursor and the outbox move only in the transaction that failed).
      this.o.log('sync: run failed: disk full');
      this.failures += 1;
      this.offlineSince = null;
      this.lastError = DISK_FULL_MESSAGE;
      this.journal('error', 'disk_full', this.lastError);
      this.scheduleRetry();
      this.setState('online');
      return;
    }
    if (!(error instanceof ApiFailure)) {
      this.o.log(`sync: run failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
    }
    this.failures += 1;
    this.offlineSince ??= new Date().toISOString();
    this.lastError = error instanceof ApiFailure ? error.message : 'Внутренняя ошибка синхронизации';
    const retryAfterMs = error instanceof ApiFailure ? error.retryAfterMs : null;
    this.journal('error', error instanceof ApiFailure ? error.kind : 'internal', this.lastError);
    this.scheduleRetry(retryAfterMs);
    this.setState('offline');
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.publishStatus();
  }

  private scheduleRetry(retryAfterMs: number | null = null): void {
    if (this.closed) return;
    this.clearRetry();
    // The server's Retry-After is a floor, never shortened by our own (jittered) backoff.
    const delay = Math.max(backoffDelayMs(this.failures, this.o.random), retryAfterMs ?? 0);
    this.nextRetryAt = new Date(Date.now() + delay).toISOString();
    this.o.log(`sync: offline, retry ${this.failures} in ${delay} ms`);
    this.journal('warn', 'retry', `Повтор №${this.failures} через ${Math.round(delay / 100) / 10} с` +
      (retryAfterMs !== null ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} с)` : ''));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.trigger();
    }, delay);
    this.retryTimer.unref();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.nextRetryAt = null;
  }

  private schedulePush(dueMs: number): void {
    if (this.closed || this.pushTimer) return;
    const delay = Math.max(0, dueMs - Date.now());
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      if (this.retryTimer === null) void this.trigger();
    }, delay);
    this.pushTimer.unref();
  }

  /** After a run: wake up when the oldest decision still inside its undo grace becomes due. */
  private scheduleNextPush(): void {
    const oldest = this.o.cache.outbox.oldestCreatedAfter(Date.now() - this.o.pushDelayMs);
    if (oldest !== null) this.schedulePush(oldest + this.o.pushDelayMs);
  }

  private async push(): Promise<void> {
    const { cache, api } = this.o;
    const sentThisRun = new Set<string>();
    while (!this.closed) {
      // Select and mark in one synchronous transaction: from here on undo refuses these rows.
      const batch = cache.transaction(() => {
        const due = cache.outbox
          .due(Date.now() - (this.flushing ? 0 : this.o.pushDelayMs), MAX_MUTATIONS_PER_REQUEST)
          .filter((entry) => !sentThisRun.has(entry.mutationId));
        const at = new Date().toISOString();
        for (const entry of due) cache.outbox.markAttempted(entry.mutationId, at);
        return due;
      });
      if (batch.length === 0) return;
      for (const entry of batch) sentThisRun.add(entry.mutationId);
      this.publishStatus();
      let results: MutationResult[];
      try {
        results = (await api.mutations(batch.map(toMutation))).results;
      } catch (error) {
        if (!isBatchRejection(error)) {
          const message = error instanceof Error ? error.message : String(error);
          cache.transaction(() => batch.forEach((entry) => cache.outbox.recordError(entry.mutationId, message)));
          throw error;
        }
        // The server refused the request as a whole (one bad row, a size limit): find the row, let the rest go.
        await this.pushOneByOne(batch, error);
        continue;
      }
      this.applyPushResults(results);
    }
  }

  /**
   * After a batch-level 4xx: each row alone. A row the server still refuses becomes an `invalid` conflict (shown to
   * the operator) and leaves the outbox; any other failure (401, 429, 5xx, network) stops here as a normal failure.
   */
  private async pushOneByOne(batch: OutboxEntry[], batchError: ApiFailure): Promise<void> {
    const { cache, api } = this.o;
    this.o.log(`sync: batch of ${batch.length} refused (HTTP ${batchError.status}); retrying one at a time`);
    this.journal('warn', 'push-split', `Сервер отклонил пакет из ${batch.length} (HTTP ${batchError.status}): по одному`);
    const refuse = (entry: OutboxEntry, error: ApiFailure) => this.applyPushResults([{ id: entry.mutationId,
      status: 'invalid', error: { code: `http_${error.status}`, message: error.message } }]);
    if (batch.length === 1 && batch[0]) {
      refuse(batch[0], batchError); // it was already alone: that row is the one refused
      return;
    }
    for (const [index, entry] of batch.entries()) {
      if (this.closed) return;
      try {
        this.applyPushResults((await api.mutations([toMutation(entry)])).results);
      } catch (error) {
        if (isBatchRejection(error)) {
          refuse(entry, error);
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        cache.transaction(() => batch.slice(index).forEach((e) => cache.outbox.recordError(e.mutationId, message)));
        throw error;
      }
    }
  }

  private applyPushResults(results: MutationResult[]): void {
    const { cache } = this.o;
    const changed = new Set<string>();
    const conflicts: Conflict[] = [];
    const counts: Record<string, number> = {};
    cache.transaction(() => {
      for (const result of results) {
        const entry = cache.outbox.get(result.id);
        if (!entry) {
          this.o.log('sync: push result for an unknown mutation ignored');
          continue;
        }
        if (result.appeal && result.appeal.id !== entry.appealId) {
          this.o.log(`sync: push result ${result.id} names another appeal; kept for retry`);
          continue;
        }
        counts[result.status] = (counts[result.status] ?? 0) + 1;
        cache.outbox.delete(entry.mutationId);
        if (result.appeal) cache.appeals.storeServer(result.appeal);
        recomputeLocalView(cache, entry.appealId);
        changed.add(entry.appealId);
        if (result.status === 'conflict' || result.status === 'invalid') {
          const conflict: Conflict = {
            id: ulid(),
            appealId: entry.appealId,
            excerpt: cache.appeals.excerpt(entry.appealId),
            local: entry.decision,
            server: serverSummary(result.appeal ?? cache.appeals.server(entry.appealId)),
            detectedAt: new Date().toISOString(),
          };
          cache.conflicts.insert(conflict, result.status, result.status === 'invalid'
            ? (result.error ?? { code: 'invalid', message: 'Сервер отклонил решение' })
            : null);
          conflicts.push(conflict);
        }
      }
    });
    const summary = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
    this.o.log(`sync: pushed ${results.length} (${summary})`);
    this.journal(conflicts.length > 0 ? 'warn' : 'info', 'push', `Отправлено решений: ${results.length} (${summary})`);
    if (changed.size > 0) this.o.events.emit('appeals.changed', { ids: [...changed] });
    for (const conflict of conflicts) this.o.events.emit('sync.conflict', conflict);
    this.publishStatus();
  }

  private async pull(): Promise<void> {
    const { cache, api } = this.o;
    const stored = cache.meta.get('cursor');
    let cursor = typeof stored === 'string' ? stored : null;
    // Set while re-pulling everything after the server went back in time; survives a crash mid-way.
    let replace = cache.meta.get('resyncFromStart') === true;
    const startedMs = Date.now();
    let done = 0;
    // The next page, asked for before this one is stored: the server builds it while the cache writes.
    let prefetched: ReturnType<typeof api.changes> | null = null;
    while (!this.closed) {
      const page = await (prefetched ?? api.changes(cursor, PULL_PAGE_SIZE));
      prefetched = null;
      if (page.hasMore && page.cursor !== cursor && !(cursor !== null && page.head !== undefined
        && BigInt(page.head) < BigInt(cursor))) {
        prefetched = api.changes(page.cursor, PULL_PAGE_SIZE);
        // Awaited on the next turn; a failure then, or never when the store below throws (the run fails anyway).
        prefetched.catch(() => undefined);
        await new Promise<void>((resolve) => setImmediate(resolve)); // let the request leave before the write
      }
      if (cursor !== null && page.head !== undefined && BigInt(page.head) < BigInt(cursor)) {
        // Our cursor is ahead of everything the server has: it was restored from an older backup. Re-pull from the
        // start and take its state as the truth; pending decisions stay in the outbox and are rebased on top.
        this.o.log(`sync: cursor ${cursor} ahead of server head ${page.head}; re-pulling from the start`);
        this.journal('warn', 'cursor-ahead',
          `Курсор ${cursor} впереди сервера (${page.head}): сервер восстановлен из копии, полная перезагрузка`);
        cache.transaction(() => {
          cache.meta.delete('cursor');
          cache.meta.set('resyncFromStart', true);
        });
        cursor = null;
        replace = true;
        continue;
      }
      // The page and the cursor commit together: a crash re-pulls the page, never skips it.
      const ids = cache.transaction(() => {
        const written: string[] = [];
        const pending = cache.outbox.pendingAppealIds();
        for (const appeal of page.appeals) if (storeServerAppeal(cache, appeal, replace, pending)) written.push(appeal.id);
        cache.meta.set('cursor', page.cursor);
        if (replace && !page.hasMore) cache.meta.delete('resyncFromStart');
        return written;
      });
      done += page.appeals.length;
      if (page.appeals.length > 0) {
        this.o.log(`sync: pulled ${page.appeals.length}, stored ${ids.length}`);
        this.journal('info', 'pull', `Получено ${page.appeals.length}, сохранено ${ids.length}` +
          (page.remaining !== undefined && page.remaining > 0 ? `, осталось ${page.remaining}` : ''));
      }
      this.updateProgress(page.hasMore ? page.remaining : 0, done, startedMs);
      if (ids.length > 0) this.o.events.emit('appeals.changed', { ids: ids.length > MAX_IDS_PER_EVENT ? [] : ids });
      const advanced = page.cursor !== cursor;
      cursor = page.cursor;
      // A server that says "more" without moving the cursor would make us spin: stop and try next run.
      if (!page.hasMore || !advanced) return;
    }
  }

  /** Appeals so far / total, rate and time left, for the progress bar of a long pull (first sync). */
  private updateProgress(remaining: number | undefined, done: number, startedMs: number): void {
    if (remaining === undefined || (this.progress === null && remaining < PROGRESS_MIN_REMAINING)) return;
    const seconds = Math.max(0.001, (Date.now() - startedMs) / 1000);
    const perSecond = Math.round((done / seconds) * 10) / 10;
    this.progress = {
      done,
      total: done + remaining,
      perSecond,
      secondsLeft: perSecond > 0 ? Math.ceil(remaining / perSecond) : null,
    };
    this.publishStatus();
  }

  /**
   * With a cached list, a failed refresh (a newer server's target kind off our contract, a 5xx) is logged and the run
   * goes on to pull: reference data must not stop colleagues' decisions from arriving. Without one it fails the run.
   */
  private async refreshTargets(): Promise<void> {
    try {
      const { targets } = await this.o.api.targets();
      this.o.cache.targets.replace(targets);
      this.targetsRefreshedMs = Date.now();
    } catch (error) {
      const unauthorized = error instanceof ApiFailure && error.kind === 'unauthorized';
      if (unauthorized || this.o.cache.targets.list().length === 0) throw error;
      this.targetsRefreshedMs = Date.now(); // tried: the next attempt waits its turn like a success
      this.o.log(`sync: targets not refreshed, the cached list stays: ${error instanceof Error ? error.message : String(error)}`);
      this.journal('warn', 'targets', 'Список адресатов не обновлён: используется сохранённый');
    }
  }
}
