// Team mode wired together: the hold registry, the live hub and the team snapshot they share, plus the hooks the
// rest of the server calls (appeals changed, decisions applied, session ended) and the hold request brake.
import type { Auth } from '../auth.js';
import type { CentralStore } from '../store/central-store.js';
import { createTokenBuckets, DEFAULT_HOLD_LIMITS, type TokenBucketLimits } from '../token-bucket.js';
import { createHoldRegistry } from './hold-registry.js';
import { createLiveHub, type LiveLimits } from './live-hub.js';
import { buildTeamSnapshot } from './team-snapshot.js';

export interface TeamModeOptions {
  store: CentralStore;
  auth: Auth;
  now: () => number;
  leaseMs?: number;
  heartbeatMs?: number;
  liveLimits?: LiveLimits;
  holdLimits?: TokenBucketLimits;
  log?: (line: string) => void;
}

export function createTeamMode(opts: TeamModeOptions) {
  const { store, auth, now } = opts;
  const registry = createHoldRegistry({
    now,
    ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}),
    onChange: () => hub.teamChanged(),
  });
  const hub = createLiveHub({
    now,
    leaseMs: registry.leaseMs,
    ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(opts.liveLimits !== undefined ? { limits: opts.liveLimits } : {}),
    ...(opts.log !== undefined ? { log: opts.log } : {}),
    head: () => store.headSeq(),
    team: (online) => buildTeamSnapshot(registry.holds(), online, now()),
    sessionValid: async (sessionKey) => (await auth.userFromSessionKey(sessionKey)) !== null,
    // Holds end on disconnect: a desk that went away is not reading anything.
    onSessionGone: (sessionKey) => registry.releaseSession(sessionKey),
  });
  const holdRequests = createTokenBuckets(opts.holdLimits ?? DEFAULT_HOLD_LIMITS, now);

  return {
    registry,
    hub,
    holdRequests,
    /** The team as every desk sees it now. */
    snapshot: () => buildTeamSnapshot(registry.holds(), hub.presence(), now()),

    /** Appeals were ingested: live desks pull. */
    appealsChanged(): void {
      hub.changesCommitted();
    },
    /** Decisions on these appeals were applied: their holds end, and live desks pull. */
    decisionsApplied(appealIds: readonly string[]): void {
      // `changes` goes out before the `team` event that frees these appeals, so a desk starts its pull first and
      // never shows a just-decided appeal as free in between.
      hub.changesCommitted();
      registry.releaseAppeals(appealIds);
    },
    /** The session signed out: its holds end and its live connections get `bye`. */
    sessionEnded(sessionKey: string): void {
      registry.releaseSession(sessionKey);
      holdRequests.forget(sessionKey);
      hub.closeSession(sessionKey);
    },

    async close(): Promise<void> {
      await hub.close();
      registry.close();
    },
  };
}

export type TeamMode = ReturnType<typeof createTeamMode>;
