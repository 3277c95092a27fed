// The sync engine: one run pushes the outbox, refreshes the targets when due, then pulls /changes (sync-push.ts,
// sync-pull.ts); it owns the desk's sync state and what a failure means (offline, signed out, disk full). When runs
// happen — timers, backoff, the interval — is the scheduler's (sync-scheduler.ts), on an injectable clock.
import type { UserRef } from '../../shared/domain/appeal.js';
import type { SyncState, SyncStatus } from '../../shared/desk-api/contract.js';
import type { LiveState } from '../../shared/desk-api/team-contract.js';
import { formatNumberRu } from '../../shared/text/number-ru.js';
import { backoffDelayMs } from './backoff.js';
import type { LocalCache } from './cache/local-cache.js';
import { ApiFailure, type CentralApiClient } from './central-api-client.js';
import { systemClock, type Clock } from './clock.js';
import type { DeskEventHub } from './desk-events.js';
import { undoableDecision } from './decide-appeal.js';
import { DISK_FULL_MESSAGE, isDiskFull } from './disk-full.js';
import type { HandoverSessions } from './handover.js';
import type { SyncLog, SyncLogLevel } from './sync-log.js';
import { pullChanges, type PullProgress } from './sync-pull.js';
import { pushOutbox, type PushContext, type PushSender } from './sync-push.js';
import { SyncScheduler } from './sync-scheduler.js';

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
  /** Timers and "now"; the system clock unless a test drives time by hand. */
  clock?: Clock;
  /** The operator-visible sync log (rotating file); absent in tests that do not need it. */
  journal?: SyncLog;
  /** Team mode's live channel (#9): while connected it announces every change, so polling slows to a safety net. */
  liveState?: () => LiveState;
  /** The signed-in operator (null when signed out): their rows go under the current session. */
  currentUser: () => UserRef | null;
  /** Previous operators' sessions kept for their own rows (shift handover). */
  handover: HandoverSessions;
}

/** The target list (reference data) is refreshed at most this often during a session. */
export const TARGETS_REFRESH_MS = 5 * 60_000;

export class SyncEngine {
  private readonly o: SyncEngineOptions;
  private readonly clock: Clock;
  private readonly scheduler: SyncScheduler;
  private readonly pushContext: PushContext;
  private state: SyncState;
  private lastSyncAt: string | null;
  private offlineSince: string | null = null;
  private offlineCause: 'network' | 'server' | 'desk' = 'network';
  private lastError: string | null = null;
  private lastPublished = '';
  private closed = false;
  private flushing = false;
  private failures = 0;
  private progress: PullProgress | null = null;
  private targetsRefreshedMs = Number.NEGATIVE_INFINITY;

  constructor(options: SyncEngineOptions) {
    this.o = options;
    this.clock = options.clock ?? systemClock;
    const lastSyncAt = options.cache.meta.get('lastSyncAt');
    this.lastSyncAt = typeof lastSyncAt === 'string' ? lastSyncAt : null;
    // Until the first run answers, a stored token counts as signed in but not yet confirmed online.
    this.state = options.hasToken() ? 'offline' : 'signed-out';
    this.scheduler = new SyncScheduler({
      clock: this.clock,
      run: () => this.runOnce(),
      intervalMs: options.syncIntervalMs,
      liveConnected: () => options.liveState?.() === 'connected',
    });
    this.pushContext = {
      cache: options.cache, api: options.api, events: options.events, clock: this.clock,
      pushDelayMs: options.pushDelayMs, log: options.log,
      journal: (level, event, message) => this.journal(level, event, message),
      isClosed: () => this.closed,
      publishStatus: () => this.publishStatus(),
      unanswered: new Map(),
      senders: () => this.senders(),
      senderRefused: (userId) => {
        options.handover.refused(userId);
        this.publishStatus();
      },
    };
  }

  /** The signed-in operator first, then previous operators whose parked session can still send their own rows. */
  private senders(): PushSender[] {
    const me = this.o.hasToken() ? this.o.currentUser() : null;
    const parked = this.o.handover.sendable().filter((session) => session.user.id !== me?.id);
    return [...(me ? [{ user: me }] : []), ...parked];
  }

  status(): SyncStatus {
    const retryAtMs = this.scheduler.retryAtMs();
    // The "sent" signal of the undo toast (#13): the decision leaves the status in the same publish that follows
    // marking its row as handed to the network (sync-push.ts), or the undo's republish.
    const me = this.o.hasToken() ? this.o.currentUser() : null;
    const undoable = me ? undoableDecision(this.o.cache, me.id, this.o.pushDelayMs) : null;
    return {
      state: this.state,
      pending: this.o.cache.outbox.count(),
      lastSyncAt: this.lastSyncAt,
      offlineSince: this.offlineSince,
      ...(this.state === 'offline' ? { offlineCause: this.offlineCause } : {}),
      lastError: this.lastError,
      progress: this.progress,
      nextRetryAt: retryAtMs === null ? null : new Date(retryAtMs).toISOString(),
      waiting: this.othersWaiting(),
      ...(this.o.liveState ? { live: this.o.liveState() } : {}),
      ...(undoable ? { undoable } : {}),
    };
  }

  /** Rows in the outbox by anyone but the signed-in operator, and whether they are being sent (handover). */
  private othersWaiting(): NonNullable<SyncStatus['waiting']> {
    const me = this.o.hasToken() ? this.o.currentUser() : null;
    const sending = new Set(this.senders().map((sender) => sender.user.id));
    return this.o.cache.outbox.countsByAuthor().filter(({ user }) => user.id !== me?.id)
      .map(({ user, count }) => ({ user, count, sending: sending.has(user.id) }));
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
    this.scheduler.start();
  }

  /** Starts a run, or asks the running one to run once more; resolves when no run is pending. */
  trigger(): Promise<void> {
    return this.scheduler.trigger();
  }

  /** The live channel announced a change: run now, unless backing off after failures. */
  nudge(): Promise<void> {
    return this.scheduler.nudge();
  }

  /** The live channel reached the server: a sync backing off retries now (trial: it waited up to 70 s more). */
  serverReachable(): void {
    this.scheduler.reachable();
  }

  /** sync.now: runs immediately (even while backing off) and reports the status after the run. */
  async syncNow(): Promise<SyncStatus> {
    await this.scheduler.runNow();
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

  /** A decision was stored: push it once its undo grace is over. */
  decisionMade(createdMs: number): void {
    this.publishStatus();
    this.scheduler.pushDueAt(createdMs + this.o.pushDelayMs);
  }

  /** Session changed (login or logout): reset the backoff and run (a run without a token just reports signed-out). */
  sessionChanged(): void {
    this.failures = 0;
    this.targetsRefreshedMs = Number.NEGATIVE_INFINITY;
    this.offlineSince = null;
    this.lastError = null;
    this.scheduler.clearRetry();
    if (!this.o.hasToken()) this.setState('signed-out');
    void this.scheduler.trigger();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.scheduler.close();
  }

  /** One push-pull-targets round; false when it failed (a retry is scheduled). */
  private async runOnce(): Promise<boolean> {
    if (!this.o.hasToken()) {
      this.setState('signed-out');
      return true;
    }
    let ok = true;
    this.setState('syncing');
    try {
      const pushed = await pushOutbox(this.pushContext, this.flushing);
      if (pushed.retryAtMs !== null) this.scheduler.pushDueAt(pushed.retryAtMs);
      // The live channel makes a run of every colleague's decision: the target list is reference data, asked for
      // on the first run of a session and then every few minutes, not on every run. Before the pull, so whatever the
      // pulled appeals wake (the suggestion worker) finds the targets in place.
      if (this.clock.now() - this.targetsRefreshedMs >= TARGETS_REFRESH_MS || this.o.cache.targets.list().length === 0) {
        await this.refreshTargets();
      }
      await pullChanges({
        cache: this.o.cache, api: this.o.api, events: this.o.events, clock: this.clock, log: this.o.log,
        journal: (level, event, message) => this.journal(level, event, message),
        isClosed: () => this.closed,
        onProgress: (progress) => {
          this.progress = progress;
          this.publishStatus();
        },
      });
      this.failures = 0;
      this.offlineSince = null;
      this.lastError = null;
      this.lastSyncAt = new Date(this.clock.now()).toISOString();
      this.o.cache.meta.set('lastSyncAt', this.lastSyncAt);
      this.scheduler.clearRetry();
      this.progress = null;
      this.setState('online');
    } catch (error) {
      this.progress = null;
      ok = false;
      this.handleFailure(error);
    }
    if (!this.closed) this.scheduleWaitingDecisions();
    return ok;
  }

  /**
   * After a run: wake up when the oldest decision never sent yet is due — including one already due. A push timer
   * can fire a millisecond early by Date.now(); the run it started then found the decision not yet due, and by
   * the end of that run it is: looking only at decisions still inside their grace would strand it until the next
   * poll (a minute while the live channel is up).
   */
  private scheduleWaitingDecisions(): void {
    const oldest = this.o.cache.outbox.oldestUnsentCreatedMs(this.senders().map((sender) => sender.user.id));
    if (oldest !== null) this.scheduler.pushDueAt(oldest + this.o.pushDelayMs);
  }

  private handleFailure(error: unknown): void {
    if (error instanceof ApiFailure && error.kind === 'unauthorized') {
      this.o.log('sync: server answered 401, signing out');
      this.journal('error', 'unauthorized', 'Сессия истекла: требуется вход (для ИТ: код ответа 401)');
      this.lastError = 'Сессия истекла — войдите снова';
      this.offlineSince = null;
      this.scheduler.clearRetry();
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
    const answered = error instanceof ApiFailure && error.status !== null;
    // 407: a proxy between the desk and the server wants its own sign-in — the way there, not the server.
    const cause = !(error instanceof ApiFailure) ? 'desk' : answered && error.status !== 407 ? 'server' : 'network';
    // «since» is since this cause: a server that fails after the network came back is no older than its first error.
    if (cause !== this.offlineCause) this.offlineSince = null;
    this.offlineCause = cause;
    this.offlineSince ??= new Date(this.clock.now()).toISOString();
    this.lastError = error instanceof ApiFailure ? error.message : 'Внутренняя ошибка синхронизации';
    const retryAfterMs = error instanceof ApiFailure ? error.retryAfterMs : null;
    // The answer's status and code for IT (what to look for in the server's log), not only its kind.
    const forIt = answered ? ` (для ИТ: HTTP ${error.status}${error.code === null ? '' : ` ${error.code}`})` : '';
    this.journal('error', error instanceof ApiFailure ? error.kind : 'internal', this.lastError + forIt);
    this.scheduleRetry(retryAfterMs);
    this.setState('offline');
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.publishStatus();
  }

  private scheduleRetry(retryAfterMs: number | null = null): void {
    if (this.closed) return;
    // The server's Retry-After is a floor, never shortened by our own (jittered) backoff.
    const delay = Math.max(backoffDelayMs(this.failures, this.o.random), retryAfterMs ?? 0);
    this.o.log(`sync: offline, retry ${this.failures} in ${delay} ms`);
    // «2,1 с», never «2.1 с» (a helper's trial of 5 December): the figure as every other one the desk shows.
    this.journal('warn', 'retry', `Повтор №${this.failures} через ${formatNumberRu(delay / 1000)} с` +
      (retryAfterMs !== null ? ` — сервер просил подождать (для ИТ: Retry-After ${Math.round(retryAfterMs / 1000)} с)` : ''));
    this.scheduler.retryIn(delay);
  }

  /**
   * With a cached list, a failed refresh (a newer server's target kind off our contract, a 5xx) is logged and the run
   * goes on to pull: reference data must not stop colleagues' decisions from arriving. Without one it fails the run.
   */
  private async refreshTargets(): Promise<void> {
    try {
      const { targets } = await this.o.api.targets();
      this.o.cache.targets.replace(targets);
      this.targetsRefreshedMs = this.clock.now();
    } catch (error) {
      const unauthorized = error instanceof ApiFailure && error.kind === 'unauthorized';
      if (unauthorized || this.o.cache.targets.list().length === 0) throw error;
      this.targetsRefreshedMs = this.clock.now(); // tried: the next attempt waits its turn like a success
      this.o.log(`sync: targets not refreshed, the cached list stays: ${error instanceof Error ? error.message : String(error)}`);
      this.journal('warn', 'targets', 'Список адресатов не обновлён: используется сохранённый');
    }
  }
}
