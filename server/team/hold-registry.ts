// Holds (soft claims): which session of which user is reading which appeal, each for a lease that the desk renews.
// In memory only, on purpose: after a restart there is nothing to go stale, desks simply put their holds again.
// Holds are advice; nothing here is consulted when a decision is applied.
import { HOLD_LEASE_MS } from '../../shared/central-api/team-contract.js';
import type { User } from '../../shared/domain/user.js';

export interface Hold {
  appealId: string;
  sessionKey: string;
  user: User;
  /** When this user started holding the appeal (kept across renewals and across the user's own sessions). */
  since: number;
  expiresAt: number;
  /** The holder has decided it; the decision is inside their desk's undo grace (HoldsRequest.deciding). */
  deciding: boolean;
}

export interface TakenAppeal {
  appealId: string;
  holder: { id: string; name: string };
  since: number;
}

export interface HoldRegistryOptions {
  leaseMs?: number;
  now?: () => number;
  /**
   * Called when what colleagues see changes: a hold granted, released, taken over or expired. Not called for a pure
   * renewal (same holder, same since, only a later expiry), which every desk does every half minute.
   */
  onChange?: () => void;
  /** Longest wait between expiry checks while holds exist; expiries are announced at most this late. */
  sweepMs?: number;
}

const DEFAULT_SWEEP_MS = 1000;

export function createHoldRegistry(options: HoldRegistryOptions = {}) {
  const leaseMs = options.leaseMs ?? HOLD_LEASE_MS;
  const now = options.now ?? Date.now;
  const sweepMs = options.sweepMs ?? DEFAULT_SWEEP_MS;
  const onChange = options.onChange ?? (() => {});
  const byAppeal = new Map<string, Hold>();
  const bySession = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const drop = (appealId: string): boolean => {
    const hold = byAppeal.get(appealId);
    if (!hold) return false;
    byAppeal.delete(appealId);
    const ids = bySession.get(hold.sessionKey);
    ids?.delete(appealId);
    if (ids?.size === 0) bySession.delete(hold.sessionKey);
    return true;
  };

  const place = (hold: Hold): void => {
    byAppeal.set(hold.appealId, hold);
    const ids = bySession.get(hold.sessionKey) ?? new Set<string>();
    ids.add(hold.appealId);
    bySession.set(hold.sessionKey, ids);
  };

  /** Drops leases that ran out; true when any did. */
  const expire = (): boolean => {
    const at = now();
    let changed = false;
    for (const hold of [...byAppeal.values()]) {
      if (hold.expiresAt <= at) changed = drop(hold.appealId) || changed;
    }
    return changed;
  };

  // One timer, due at the next expiry but never further than sweepMs away: the clock may be injected (tests) or
  // jump, so the registry looks again regularly instead of trusting one long timeout.
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (closed || byAppeal.size === 0) return;
    let next = Infinity;
    for (const hold of byAppeal.values()) next = Math.min(next, hold.expiresAt);
    timer = setTimeout(sweep, Math.max(0, Math.min(sweepMs, next - now())));
    timer.unref();
  };

  function sweep(): void {
    timer = undefined;
    if (expire()) onChange();
    schedule();
  }

  /** Expires lazily before every read, so no answer ever lists a lapsed hold even if the timer is late. */
  const fresh = (): void => {
    if (expire()) {
      schedule();
      onChange();
    }
  };

  return {
    leaseMs,

    /**
     * This session now holds exactly `appealIds` (those it is given): other holds of the session are released, and
     * the lease of every granted appeal restarts; those also in `deciding` are marked decided (a change of the mark is
     * a change colleagues see). An appeal held by a different user is not granted but reported as
     * taken — unless this session has decided it and the holder has not: a decision outranks a reading, so it takes
     * the hold over, and the reader's desk learns at once that the appeal on its screen is decided (the colleague's
     * decision itself arrives after their undo grace). One held by another session of the same user moves to this
     * session.
     */
    put(sessionKey: string, user: User, appealIds: readonly string[], deciding: readonly string[] = []): { granted: string[]; taken: TakenAppeal[] } {
      fresh();
      const at = now();
      const wanted = [...new Set(appealIds)];
      const decided = new Set(deciding);
      const granted: string[] = [];
      const taken: TakenAppeal[] = [];
      let changed = false;

      const wantedSet = new Set(wanted);
      for (const appealId of [...(bySession.get(sessionKey) ?? [])]) {
        if (!wantedSet.has(appealId)) changed = drop(appealId) || changed;
      }
      for (const appealId of wanted) {
        const current = byAppeal.get(appealId);
        const takesOver = current !== undefined && current.user.id !== user.id && decided.has(appealId) && !current.deciding;
        if (current && current.user.id !== user.id && !takesOver) {
          taken.push({ appealId, holder: { id: current.user.id, name: current.user.name }, since: current.since });
          continue;
        }
        if (takesOver) {
          drop(appealId);
          place({ appealId, sessionKey, user, since: at, expiresAt: at + leaseMs, deciding: true });
          granted.push(appealId);
          changed = true;
          continue;
        }
        // A renewal or a move between the same person's desks keeps `since`: the person has been reading it since then.
        if (current) drop(appealId);
        else changed = true;
        if (current && current.deciding !== decided.has(appealId)) changed = true;
        place({ appealId, sessionKey, user, since: current?.since ?? at, expiresAt: at + leaseMs, deciding: decided.has(appealId) });
        granted.push(appealId);
      }
      schedule();
      if (changed) onChange();
      return { granted, taken };
    },

    /** The session ended (signed out, or its last live connection closed): its holds go. */
    releaseSession(sessionKey: string): void {
      let changed = false;
      for (const appealId of [...(bySession.get(sessionKey) ?? [])]) changed = drop(appealId) || changed;
      if (changed) {
        schedule();
        onChange();
      }
    },

    /** Decisions on these appeals were applied: nobody needs to hold them any more. */
    releaseAppeals(appealIds: readonly string[]): void {
      let changed = false;
      for (const appealId of appealIds) changed = drop(appealId) || changed;
      if (changed) {
        schedule();
        onChange();
      }
    },

    /** Every unexpired hold, oldest first. */
    holds(): Hold[] {
      fresh();
      return [...byAppeal.values()].sort((a, b) => a.since - b.since || a.appealId.localeCompare(b.appealId));
    },

    /** Stops the expiry timer; the registry answers nothing further of interest after this. */
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      byAppeal.clear();
      bySession.clear();
    },
  };
}

export type HoldRegistry = ReturnType<typeof createHoldRegistry>;
