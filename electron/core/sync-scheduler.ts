// When the sync engine runs: one run at a time (a trigger during a run asks for exactly one more), a push timer for
// the earliest decision whose undo grace ends, a retry timer while backing off, and the interval poll (slowed to a
// safety net while the live channel announces changes). What a run does is the engine's; time comes from a Clock.
import type { Clock } from './clock.js';

/** While the live channel is connected, the interval still pulls this often (a missed event cannot strand a desk). */
export const LIVE_SAFETY_POLL_MS = 60_000;

export interface SyncSchedulerOptions {
  clock: Clock;
  /** One run; false when it failed (the engine has then asked for a retry with retryIn). */
  run: () => Promise<boolean>;
  intervalMs: number;
  liveConnected: () => boolean;
}

interface Timer { dueMs: number; cancel: () => void }

export class SyncScheduler {
  private readonly o: SyncSchedulerOptions;
  private running: Promise<void> | null = null;
  private rerun = false;
  private closed = false;
  private push: Timer | null = null;
  private retry: Timer | null = null;
  private interval: (() => void) | null = null;
  private lastRunStartMs = Number.NEGATIVE_INFINITY;

  constructor(options: SyncSchedulerOptions) {
    this.o = options;
  }

  start(): void {
    this.scheduleInterval();
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

  /** A live announcement: run now, unless backing off (the retry timer decides then, so news cannot skip backoff). */
  nudge(): Promise<void> {
    if (this.retry !== null) return this.running ?? Promise.resolve();
    return this.trigger();
  }

  /**
   * The server was just reached another way (the live channel connected): a pending retry runs now — the backoff
   * waits out an unreachable server, and this one answers. No retry pending: nothing to do.
   */
  reachable(): void {
    if (this.retry === null || this.closed) return;
    this.clearRetry();
    void this.trigger();
  }

  /** The operator asked: let a run already in flight finish, then run once more, backoff or not. */
  async runNow(): Promise<void> {
    if (this.running) await this.running;
    this.clearRetry();
    await this.trigger();
  }

  /**
   * Run at `dueMs` (a decision's undo grace ends then). The earliest due time wins: a later decision never postpones
   * an earlier one, and a due time already past runs at once.
   */
  pushDueAt(dueMs: number): void {
    if (this.closed || (this.push !== null && this.push.dueMs <= dueMs)) return;
    this.push?.cancel();
    const timer: Timer = {
      dueMs,
      cancel: this.o.clock.after(dueMs - this.o.clock.now(), () => {
        if (this.push === timer) this.push = null;
        // While backing off, the retry timer decides; the run it starts pushes whatever is due by then.
        if (this.retry === null) void this.trigger();
      }),
    };
    this.push = timer;
  }

  retryIn(delayMs: number): void {
    if (this.closed) return;
    this.clearRetry();
    const timer: Timer = {
      dueMs: this.o.clock.now() + delayMs,
      cancel: this.o.clock.after(delayMs, () => {
        if (this.retry === timer) this.retry = null;
        void this.trigger();
      }),
    };
    this.retry = timer;
  }

  clearRetry(): void {
    this.retry?.cancel();
    this.retry = null;
  }

  /** When the pending retry fires (ms since the epoch), or null when not backing off. */
  retryAtMs(): number | null {
    return this.retry?.dueMs ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearRetry();
    this.push?.cancel();
    this.push = null;
    this.interval?.();
    this.interval = null;
    await this.running;
  }

  private scheduleInterval(): void {
    if (this.closed) return;
    this.interval = this.o.clock.after(this.o.intervalMs, () => {
      this.scheduleInterval();
      // While backing off, the retry timer decides when to try again: the interval must not defeat the backoff.
      if (this.retry !== null) return;
      if (this.o.liveConnected() && this.o.clock.now() - this.lastRunStartMs < LIVE_SAFETY_POLL_MS) return;
      void this.trigger();
    });
  }

  private async loop(): Promise<void> {
    try {
      let ok = true;
      do {
        this.rerun = false;
        this.lastRunStartMs = this.o.clock.now();
        ok = await this.o.run();
        // After a failure the retry timer decides when to try again: a trigger that arrived during the failing run
        // (a decision, the interval) must not start another attempt at once — that is how a client spins.
      } while (this.rerun && ok && !this.closed);
    } finally {
      this.running = null;
    }
  }
}
