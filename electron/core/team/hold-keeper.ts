// This desk's holds (#9): what the operator is looking at (the selected appeal, a folded cluster's members) plus the
// appeals whose decisions are still inside the undo grace — the hold, not the unsent decision, tells colleagues to
// look elsewhere. One PUT /holds in flight at a time (the newest wish wins), spaced so a held-down arrow key stays
// within the server's rate limit, renewed at a third of the lease. Advice only: a failure here is logged, never shown
// as an error and never in a decision's way.
import { HOLD_LEASE_MS, MAX_HELD_APPEALS, type HoldsResponse } from '../../../shared/central-api/team-contract.js';
import { ApiFailure, type CentralApiClient } from '../central-api-client.js';

/** At most ten requests a second from one desk: the server's refill rate. */
export const MIN_HOLD_GAP_MS = 100;

export type HoldAnswer = HoldsResponse | 'offline' | 'superseded';

export interface HoldKeeperOptions {
  api: CentralApiClient;
  /** Signed in (a token is stored). */
  active: () => boolean;
  /** Appeals with decisions not yet acknowledged by the server, newest first. */
  pendingIds: () => readonly string[];
  onResponse: (response: HoldsResponse) => void;
  log: (line: string) => void;
  leaseMs?: number;
  minGapMs?: number;
}

interface Waiter {
  seq: number;
  resolve: (answer: HoldAnswer) => void;
}

export class HoldKeeper {
  private readonly o: HoldKeeperOptions;
  private selection: readonly string[] = [];
  private selectionSeq = 0;
  private waiters: Waiter[] = [];
  private sending = false;
  private dirty = false;
  private lastSentKey = '';
  private lastSentMs = 0;
  private renewTimer: NodeJS.Timeout | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** After a failed send, outbox changes wait for the renewal timer (a new selection still goes at once). */
  private failedAtMs: number | null = null;
  /** The request in flight, if any (closing waits for it: settled()). */
  private current: Promise<void> | null = null;

  constructor(options: HoldKeeperOptions) {
    this.o = options;
  }

  /** The desk now shows these appeals (empty: nothing). Resolves with the server's answer to this very wish. */
  select(appealIds: readonly string[]): Promise<HoldAnswer> {
    this.selection = appealIds;
    const seq = ++this.selectionSeq;
    for (const waiter of this.waiters.splice(0)) waiter.resolve('superseded');
    return new Promise<HoldAnswer>((resolve) => {
      this.waiters.push({ seq, resolve });
      this.kick();
    });
  }

  /** The pending decisions changed: send again if that changes what this desk holds. */
  pendingChanged(): void {
    // While the server does not answer, every sync retry changes the status: that must not become a hold retry.
    if (this.failedAtMs !== null) return;
    if (HoldKeeper.keyOf(this.wanted()) !== this.lastSentKey) this.kick();
  }

  /** Whether this desk wants to hold any of `appealIds` (its selection or its decisions in the undo grace). */
  wantsAny(appealIds: ReadonlySet<string>): boolean {
    return appealIds.size > 0 && this.wanted().ids.some((id) => appealIds.has(id));
  }

  /** Send the current wish again (the live channel came back, or the server forgot us after a restart). */
  resend(): void {
    this.lastSentKey = '\u0000';
    this.kick();
  }

  /** Signed out or closing: forget everything; the server drops the session's holds with the session. */
  stop(): void {
    this.stopped = true;
    this.selection = [];
    this.lastSentKey = '';
    if (this.renewTimer) clearTimeout(this.renewTimer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.renewTimer = null;
    this.gapTimer = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve('offline');
  }

  /** Signed in again. */
  restart(): void {
    this.stopped = false;
    this.resend();
  }

  /** What this desk holds: its selection and its decisions in grace, those marked decided (colleagues read «решено»). */
  private wanted(): { ids: string[]; deciding: string[] } {
    const ids = new Set(this.selection);
    const deciding: string[] = [];
    for (const id of this.o.pendingIds()) {
      if (ids.size >= MAX_HELD_APPEALS) break;
      ids.add(id);
      deciding.push(id);
    }
    return { ids: [...ids].slice(0, MAX_HELD_APPEALS), deciding };
  }

  private static keyOf(wish: { ids: readonly string[]; deciding: readonly string[] }): string {
    return wish.ids.length === 0 ? '' : `${wish.ids.join('\n')}\u0001${wish.deciding.join('\n')}`;
  }

  private kick(): void {
    this.dirty = true;
    if (this.sending || this.gapTimer !== null || this.stopped) return;
    const wait = this.lastSentMs + (this.o.minGapMs ?? MIN_HOLD_GAP_MS) - Date.now();
    if (wait > 0) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        this.kick();
      }, wait);
      this.gapTimer.unref();
      return;
    }
    const sending = this.send();
    this.current = sending;
    void sending.finally(() => { if (this.current === sending) this.current = null; });
  }

  /** Resolves once no request is in flight. */
  async settled(): Promise<void> {
    while (this.current !== null) await this.current;
  }

  private async send(): Promise<void> {
    this.sending = true;
    this.dirty = false;
    const seq = this.selectionSeq;
    const wish = this.wanted();
    const key = HoldKeeper.keyOf(wish);
    let answer: HoldAnswer = 'offline';
    try {
      if (!this.o.active()) return;
      // Nothing held before and nothing wanted now: no request at all.
      if (key === '' && this.lastSentKey === '') {
        answer = 'offline';
        return;
      }
      this.lastSentMs = Date.now();
      const response = await this.o.api.holds(wish.ids, wish.deciding);
      this.lastSentKey = key;
      this.failedAtMs = null;
      answer = response;
      if (!this.stopped) this.o.onResponse(response);
    } catch (error) {
      // Retried by the renewal timer (or the next selection); a 429 means this desk asked too often — wait it out.
      this.failedAtMs = Date.now();
      const retryAfter = error instanceof ApiFailure ? error.retryAfterMs : null;
      if (retryAfter !== null) this.lastSentMs = Date.now() + retryAfter;
      this.o.log(`holds: not sent: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sending = false;
      for (const waiter of this.waiters.filter((w) => w.seq <= seq)) waiter.resolve(answer);
      this.waiters = this.waiters.filter((w) => w.seq > seq);
      this.scheduleRenewal();
      if (this.dirty && !this.stopped) this.kick();
    }
  }

  /** Holds lapse after the lease: renew at a third of it while anything is held (or retry a failed send). */
  private scheduleRenewal(): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = null;
    if (this.stopped || this.lastSentKey === '' && this.wanted().ids.length === 0) return;
    this.renewTimer = setTimeout(() => {
      this.renewTimer = null;
      this.resend();
    }, Math.floor((this.o.leaseMs ?? HOLD_LEASE_MS) / 3));
    this.renewTimer.unref();
  }
}
