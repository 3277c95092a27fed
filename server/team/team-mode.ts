// Team mode wired together: the backplane (holds, and what other API instances share), the live hub and the team
// snapshot they build together, plus the hooks the rest of the server calls (appeals changed, decisions applied,
// session ended) and the hold request brake.
import type { Auth } from '../auth.js';
import type { CentralStore } from '../store/central-store.js';
import type { PostgresStore } from '../store/postgres-store.js';
import { createTokenBuckets, DEFAULT_HOLD_LIMITS, type TokenBucketLimits } from '../token-bucket.js';
import { HOLD_LEASE_MS } from '../../shared/central-api/team-contract.js';
import type { User } from '../../shared/domain/user.js';
import { createLiveHub, type LiveHub, type LiveLimits } from './live-hub.js';
import { createPostgresBackplane } from './postgres-backplane.js';
import { createMemoryBackplane, type BackplaneEvents, type TeamBackplane } from './team-backplane.js';
import { buildTeamSnapshot, mergePresence } from './team-snapshot.js';

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

export async function createTeamMode(opts: TeamModeOptions) {
  const { store, auth, now } = opts;
  const log = opts.log ?? (() => {});
  const fail = (what: string) => (err: unknown) => log(`team: ${what} failed: ${(err as Error).message}`);
  // The hub exists only after the backplane, which calls back into it: the events go through this late binding.
  const bound: { hub?: LiveHub } = {};
  const events: BackplaneEvents = {
    teamChanged: () => bound.hub?.teamChanged(),
    changesCommitted: (head) => bound.hub?.changesCommitted(head),
    sessionEnded: (sessionKey) => bound.hub?.closeSession(sessionKey),
  };
  const leaseMs = opts.leaseMs ?? HOLD_LEASE_MS;
  // On PostgreSQL, instances share team mode through the database even when only one runs: another may join.
  const backplane: TeamBackplane = store.engine === 'postgres'
    ? await createPostgresBackplane({ pool: (store as PostgresStore).pool, url: (store as PostgresStore).url, now, leaseMs, events, log })
    : createMemoryBackplane({ now, leaseMs, events });
  const online = (local: ReturnType<LiveHub['presence']>) => mergePresence(local, backplane.remotePresence());

  const liveHub = createLiveHub({
    now,
    leaseMs: backplane.leaseMs,
    ...(opts.heartbeatMs !== undefined ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(opts.liveLimits !== undefined ? { limits: opts.liveLimits } : {}),
    log,
    head: () => store.headSeq(),
    team: (local) => buildTeamSnapshot(backplane.holds(), online(local), now()),
    sessionValid: async (sessionKey) => (await auth.userFromSessionKey(sessionKey)) !== null,
    // Holds end on disconnect: a desk that went away is not reading anything.
    onSessionGone: (sessionKey) => { backplane.sessionLeftHere(sessionKey).catch(fail('releasing a session\'s holds')); },
    onPresenceChanged: () => backplane.publishPresence(liveHub.sessions()),
  });
  bound.hub = liveHub;
  const snapshot = () => buildTeamSnapshot(backplane.holds(), online(liveHub.presence()), now());
  const holdRequests = createTokenBuckets(opts.holdLimits ?? DEFAULT_HOLD_LIMITS, now);

  return {
    hub: liveHub,
    holdRequests,
    leaseMs: backplane.leaseMs,
    /** This session now holds exactly these appeals (team-backplane.ts). */
    putHolds: (sessionKey: string, user: User, appealIds: readonly string[], deciding?: readonly string[]) =>
      backplane.put(sessionKey, user, appealIds, deciding),
    /** The team as every desk sees it now. */
    snapshot,
    /** The team as it stands in the shared store this moment (GET /team, through whichever instance). */
    async currentSnapshot() {
      await backplane.catchUp();
      return snapshot();
    },

    /** Appeals were ingested: live desks pull, here and through the other instances. */
    async appealsChanged(head?: number): Promise<void> {
      liveHub.changesCommitted(head);
      await backplane.announceChanges(head).catch(fail('announcing changes'));
    },
    /**
     * Decisions on these appeals were applied: live desks pull, and the holds end before the request is answered.
     * `changes` goes out before the `team` event that frees these appeals (live-hub.ts waits for it), so a desk starts
     * its pull first and never shows a just-decided appeal as free in between.
     */
    async decisionsApplied(appealIds: readonly string[]): Promise<void> {
      liveHub.changesCommitted();
      await backplane.decisionsApplied(appealIds).catch(fail('announcing decisions and releasing their holds'));
    },
    /** The session signed out: its holds end and its live connections get `bye`, here and on other instances. */
    async sessionEnded(sessionKey: string): Promise<void> {
      holdRequests.forget(sessionKey);
      liveHub.closeSession(sessionKey);
      await backplane.endSession(sessionKey);
    },

    async close(): Promise<void> {
      await liveHub.close();
      await backplane.close();
    },
  };
}

export type TeamMode = Awaited<ReturnType<typeof createTeamMode>>;
