// What team mode shares between the API instances serving one database: the holds, who is connected live through
// the other instances, and the news the others must pass on to their desks (appeals changed, a session ended).
// One instance (SQLite, or a single PostgreSQL instance in tests) needs nothing shared: the in-memory backplane below
// wraps the hold registry. Several instances on PostgreSQL use postgres-backplane.ts (tables + LISTEN/NOTIFY).
import type { User } from '../../shared/domain/user.js';
import { createHoldRegistry, type Hold, type TakenAppeal } from './hold-registry.js';
import type { Presence } from './team-snapshot.js';

/** One session connected live through this instance, since its earliest open connection here. */
export interface LiveSession {
  sessionKey: string;
  user: User;
  onlineSince: number;
}

/** What the backplane tells its instance; each may come from this instance's own doing or another's. */
export interface BackplaneEvents {
  /** Holds or the presence seen through other instances changed. */
  teamChanged: () => void;
  /** Appeals changed through another instance (committed); `head` is the newest change sequence value then. */
  changesCommitted: (head: number | undefined) => void;
  /** A session signed out through another instance: its live connections here get `bye`. */
  sessionEnded: (sessionKey: string) => void;
}

export interface TeamBackplane {
  readonly leaseMs: number;
  /**
   * This session now holds exactly `appealIds` (hold-registry.ts's rules): others of its holds are released, an
   * appeal held by another user is reported taken, one held by the same user's other session moves here.
   */
  put(sessionKey: string, user: User, appealIds: readonly string[], deciding?: readonly string[]): Promise<{ granted: string[]; taken: TakenAppeal[] }>;
  /** The session signed out: its holds end everywhere, and the other instances close its live connections. */
  endSession(sessionKey: string): Promise<void>;
  /** The session's last live connection through this instance closed: its holds end unless it is live elsewhere. */
  sessionLeftHere(sessionKey: string): Promise<void>;
  /**
   * Decisions on these appeals were applied (committed): the other instances tell their desks to pull, then nobody
   * holds them any more — in that order, so no desk sees a decided appeal freed before it pulls.
   */
  decisionsApplied(appealIds: readonly string[]): Promise<void>;
  /** Appeals changed through this instance (committed): the other instances tell their desks to pull. */
  announceChanges(head: number | undefined): Promise<void>;
  /** Every unexpired hold as last known here, oldest first. */
  holds(): Hold[];
  /** Brings what holds() and remotePresence() know up to date now (GET /team answers what is, not what was). */
  catchUp(): Promise<void>;
  /** People connected live through the other instances. */
  remotePresence(): Presence[];
  /** The sessions connected live through this instance now (after a connect or a disconnect). */
  publishPresence(sessions: readonly LiveSession[]): void;
  close(): Promise<void>;
}

export interface MemoryBackplaneOptions {
  now: () => number;
  leaseMs?: number;
  events: BackplaneEvents;
}

/** The single-instance backplane: the in-memory hold registry, nobody else to tell. */
export function createMemoryBackplane(options: MemoryBackplaneOptions): TeamBackplane {
  const registry = createHoldRegistry({
    now: options.now,
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    onChange: () => options.events.teamChanged(),
  });
  return {
    leaseMs: registry.leaseMs,
    put: async (sessionKey, user, appealIds, deciding) => registry.put(sessionKey, user, appealIds, deciding),
    endSession: async (sessionKey) => registry.releaseSession(sessionKey),
    sessionLeftHere: async (sessionKey) => registry.releaseSession(sessionKey),
    decisionsApplied: async (appealIds) => registry.releaseAppeals(appealIds),
    announceChanges: async () => {},
    holds: () => registry.holds(),
    catchUp: async () => {},
    remotePresence: () => [],
    publishPresence: () => {},
    close: async () => registry.close(),
  };
}
