// Team mode on the desk (#9): the live channel, this desk's holds and the shift as the server last described it,
// turned into what the UI needs — who holds which waiting appeal (a surge cluster counts as held when any member is),
// who is online, the channel's state — and the `team.*` desk methods. Offline, holds and presence say nothing; once the
// channel has been lost a while, the queue is shared out among the shift (offline-share.ts). All of it is advice and
// never stands in the way of a decision.
import type { TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import type { User } from '../../../shared/domain/user.js';
import type { HeldBy, HoldOutcome, LiveState, TeamView } from '../../../shared/desk-api/team-contract.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { CentralApiClient } from '../central-api-client.js';
import { ClusterStore } from '../clusters/cluster-store.js';
import type { DeskEventHub } from '../desk-events.js';
import { HoldKeeper } from './hold-keeper.js';
import { LiveChannel } from './live-channel.js';

export interface TeamServiceOptions {
  cache: LocalCache;
  api: CentralApiClient;
  events: DeskEventHub;
  log: (line: string) => void;
  /** The signed-in user (token stored and user cached), or null. */
  user: () => User | null;
  /** Start a sync run now (a change was announced, or the server refused the session); resolves when it is done. */
  triggerSync: () => Promise<void>;
  /** The live channel's state changed (the sync status shows it; 'connected' also proves the server reachable). */
  onLiveState: (state: LiveState) => void;
  /** Tests: faster heartbeat watchdog, shorter hold lease. */
  silenceMs?: number;
  holdLeaseMs?: number;
  random?: () => number;
}

/** The `team.*` desk methods (typed here, not through desk-handlers, which spreads them: no import circle). */
export interface TeamHandlers {
  'team.get': (input: Record<string, never>) => TeamView;
  'team.hold': (input: { appealId: string | null }) => Promise<HoldOutcome>;
  'team.present': (input: { present: boolean }) => Promise<{ present: boolean }>;
}

export interface TeamService {
  handlers: TeamHandlers;
  live: () => LiveState;
  /** Sign-in or sign-out happened: connect or disconnect, and start or forget the holds. */
  sessionChanged(): void;
  /** The outbox changed (a decision stored, sent or undone): the held set follows it. */
  pendingChanged(): void;
  /** A sync run just reached the server: a live channel waiting out its backoff reconnects now. */
  serverReachable(): void;
  /** Stops holding and leaves the live channel; waits (≤ CLOSE_HOLD_WAIT_MS) for a hold request already sent. */
  close(): Promise<void>;
}

/**
 * The server drops a session's holds when its live channel goes, not a hold that reaches it after: one asked for just
 * before the desk closed (the selection rests 120 ms first) then stood for the whole lease, «смотрит …» on a desk
 * that was gone. Closing lets that request land first, at most this long.
 */
const CLOSE_HOLD_WAIT_MS = 1_000;

/**
 * How long the channel stays down before the queue is shared out: a proxy that cuts long-lived connections every few
 * minutes, or a blip, is over within a reconnect, and must not reorder every desk's list and say so twice.
 */
export const SHARE_AFTER_MS = 5_000;

/** Longest a hold that just ended stays shown while the pull a `changes` event started is still running. */
const MAX_CARRY_MS = 1_000;

/** The change cursor the cache stored with its last pulled page, or null before the first pull. */
function storedCursor(cache: LocalCache): string | null {
  const cursor = cache.meta.get('cursor');
  return typeof cursor === 'string' && /^\d+$/.test(cursor) ? cursor : null;
}

export function createTeamService(o: TeamServiceOptions): TeamService {
  const { cache, events } = o;
  const clusters = new ClusterStore(cache.db);
  let snapshot: TeamSnapshot | null = null;
  /**
   * The operators online when the channel last went (offline-share.ts): who the queue is shared among until it is
   * back. Null while connected, after a sign-in or out, and when the desk started without the channel.
   */
  let shiftAtDrop: { id: string; name: string; holds: string[] }[] | null = null;
  /** Set once the channel has been down SHARE_AFTER_MS: only then is the queue shared out (and published). */
  let shareStarted = false;
  let shareTimer: ReturnType<typeof setTimeout> | null = null;
  const stopShare = (): void => {
    shiftAtDrop = null;
    shareStarted = false;
    if (shareTimer !== null) clearTimeout(shareTimer);
    shareTimer = null;
  };
  /**
   * The share begins. What the desk has on screen now is its own, whatever the hash says: it may have been selected
   * after the channel went (the server never heard of it), and in a colleague's share it would jump to the list's end
   * and the next decision would start from the bottom of the desk's own (a second read of 6 December).
   */
  const startShare = (): void => {
    shareTimer = null;
    const me = o.user()?.id ?? null;
    if (shiftAtDrop === null || me === null) return;
    const onScreen = selected === null ? [] : withClusterMembers(selected);
    shiftAtDrop = shiftAtDrop.map((member) => (member.id === me
      ? { ...member, holds: [...new Set([...onScreen, ...member.holds])].slice(0, 10_000) }
      : { ...member, holds: member.holds.filter((id) => !onScreen.includes(id)) }));
    shareStarted = true;
    publish();
  };
  let lastPublished = '';

  /**
   * An appeal and, when it belongs to a surge cluster, every waiting member of it — the appeal itself first, so a cap
   * on the held set (a cluster can be large) never drops the one the operator is looking at.
   */
  const withClusterMembers = (appealId: string): string[] => {
    const clusterId = clusters.clusterIdOf(appealId);
    if (clusterId === null) return [appealId];
    return [appealId, ...clusters.waitingMembers(clusterId).filter((id) => id !== appealId)];
  };

  function view(): TeamView {
    const me = o.user()?.id ?? null;
    const heldByOthers: Record<string, HeldBy> = {};
    const members = (snapshot?.members ?? []).map((member) => ({
      id: member.id, name: member.name, role: member.role, onlineSince: member.onlineSince,
      holds: member.holds.map((hold) => ({ appealId: hold.appealId, since: hold.since, excerpt: cache.appeals.excerpt(hold.appealId),
        ...(hold.deciding ? { deciding: true as const } : {}) })),
    }));
    for (const member of snapshot?.members ?? []) {
      if (member.id === me) continue;
      for (const hold of member.holds) {
        const by: HeldBy = { id: member.id, name: member.name, since: hold.since, ...(hold.deciding ? { deciding: true as const } : {}) };
        for (const id of withClusterMembers(hold.appealId)) heldByOthers[id] ??= by;
      }
    }
    const share = shareStarted && shiftAtDrop !== null && shiftAtDrop.length >= 2 && shiftAtDrop.some((member) => member.id === me)
      ? shiftAtDrop : null;
    return { me, members, heldByOthers, ...(share ? { offlineShare: share } : {}) };
  }

  // The pull a `changes` event started, while it runs.
  let pulling: Promise<void> | null = null;
  const pullNow = (): void => {
    const run = o.triggerSync();
    pulling = run;
    void run.finally(() => {
      if (pulling === run) pulling = null;
    });
  };

  // Coalesced per tick: a hold answer and a team event arriving together make one UI update.
  let publishQueued = false;
  // A colleague's decision frees its appeal in the same breath as it changes it. While the pull that brings the
  // change runs, a hold that just ended stays shown (a second at most), so the appeal never looks free to an idle desk
  // before it leaves the list; new holds are shown at once.
  let shownHeld: Record<string, HeldBy> = {};
  const endedAt = new Map<string, number>();
  let recheck: NodeJS.Timeout | null = null;
  function publish(): void {
    if (publishQueued) return;
    publishQueued = true;
    queueMicrotask(() => {
      publishQueued = false;
      const next = view();
      const nowMs = Date.now();
      const carried = new Set<string>();
      for (const [id, by] of Object.entries(shownHeld)) {
        if (next.heldByOthers[id] !== undefined) continue;
        const ended = endedAt.get(id) ?? nowMs;
        endedAt.set(id, ended);
        if (pulling !== null && nowMs - ended < MAX_CARRY_MS) {
          next.heldByOthers[id] = by;
          carried.add(id);
        }
      }
      for (const id of [...endedAt.keys()]) if (!carried.has(id)) endedAt.delete(id);
      shownHeld = next.heldByOthers;
      if (carried.size > 0) publishWhenPulled();
      const key = JSON.stringify(next);
      if (key === lastPublished) return;
      lastPublished = key;
      events.emit('team.changed', next);
    });
  }
  function publishWhenPulled(): void {
    if (recheck !== null) return;
    const pull = pulling;
    recheck = setTimeout(() => {
      recheck = null;
      publish();
    }, MAX_CARRY_MS);
    recheck.unref();
    void pull?.then(() => {
      if (recheck !== null) clearTimeout(recheck);
      recheck = null;
      publish();
    });
  }

  const keeper = new HoldKeeper({
    api: o.api,
    active: () => o.user() !== null,
    pendingIds: () => [...cache.outbox.pendingAppealIds()],
    onResponse: (response) => {
      // Off the channel nothing would ever clear these marks again: the answer's `taken` still moves the desk on.
      if (live.current !== 'connected') return;
      snapshot = response.team;
      publish();
    },
    log: o.log,
    ...(o.holdLeaseMs !== undefined ? { leaseMs: o.holdLeaseMs } : {}),
  });

  const live: LiveChannel = new LiveChannel({
    api: o.api,
    cursor: () => storedCursor(cache),
    onHead: (head) => {
      const cursor = storedCursor(cache);
      if (cursor === null || BigInt(head) > BigInt(cursor)) pullNow();
    },
    onTeam: (team) => {
      const before = snapshot;
      snapshot = team;
      // A colleague let go of what this desk wants (they undid a decision that had taken this reader's hold over,
      // or moved on): hold it again now, not at the next renewal up to a third of the lease later.
      if (before !== null && keeper.wantsAny(releasedByColleagues(before, team, o.user()?.id ?? null))) keeper.resend();
      publish();
    },
    onUnauthorized: () => void o.triggerSync(),
    onState: (state) => {
      // Back on the channel after a gap: the server may have dropped our holds with the old connection.
      if (state === 'connected' || state === 'off') {
        // Back, or stopped on purpose (sign-out, a locked screen, closing, the session refused): nothing to share.
        if (state === 'connected') keeper.resend();
        stopShare();
      } else if (state === 'down' && snapshot !== null) {
        // Lost: who was on shift is kept, to share the queue out among them (leads decide from their own screens; only
        // operators take the inbox in turn).
        stopShare();
        shiftAtDrop = snapshot.members.filter((member) => member.onlineSince !== null && member.role === 'operator')
          .map((member) => ({ id: member.id, name: member.name,
            holds: member.holds.flatMap((hold) => withClusterMembers(hold.appealId)).slice(0, 10_000) }));
        shareTimer = setTimeout(startShare, SHARE_AFTER_MS);
        shareTimer.unref();
      }
      // Off the channel, what colleagues hold is unknown: no stale marks.
      if (state !== 'connected') snapshot = null;
      o.onLiveState(state);
      publish();
    },
    log: o.log,
    ...(o.silenceMs !== undefined ? { silenceMs: o.silenceMs } : {}),
    ...(o.random !== undefined ? { random: o.random } : {}),
  });

  /** The appeal the page last asked to hold: held again when the desk is back (team.present), unasked. */
  let selected: string | null = null;

  async function hold(appealId: string | null): Promise<HoldOutcome> {
    selected = appealId;
    if (appealId === null) {
      void keeper.select([]);
      return { state: 'released' };
    }
    if (o.user() === null) return { state: 'offline' };
    const ids = withClusterMembers(appealId);
    const answer = await keeper.select(ids);
    if (answer === 'offline' || answer === 'superseded') return { state: answer };
    const taken = answer.taken.find((t) => ids.includes(t.appealId));
    if (taken) return { state: 'taken', holder: { id: taken.holder.id, name: taken.holder.name, since: taken.since } };
    if (answer.granted.includes(appealId)) return { state: 'mine' };
    // Neither given nor taken: the server has it decided already; the pull that brings that is started here.
    pullNow();
    return { state: 'decided' };
  }

  /** Someone is at the desk (team.present): off, the desk stays out of the shift's presence and holds nothing. */
  let present = true;

  /**
   * Holds stopped, then the channel left once a hold request already sent has landed (≤ CLOSE_HOLD_WAIT_MS). `away`: for
   * team.present — someone back meanwhile (a lock and unlock within the second) has rejoined, so the channel stays.
   */
  async function leave(away = false): Promise<void> {
    keeper.stop();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([keeper.settled(), new Promise<void>((resolve) => { timer = setTimeout(resolve, CLOSE_HOLD_WAIT_MS); })]);
    clearTimeout(timer);
    if (away && present) return;
    live.stop();
  }

  function sessionChanged(): void {
    // Signed out: the shift the queue was shared among is no business of whoever signs in next. Kept across a locked
    // screen, which changes nothing about who was on shift.
    if (o.user() === null) stopShare();
    if (o.user() !== null && present) {
      live.start();
      keeper.restart();
    } else {
      live.stop();
      keeper.stop();
      snapshot = null;
    }
    publish();
  }

  async function setPresent(next: boolean): Promise<{ present: boolean }> {
    if (next === present) return { present };
    present = next;
    if (present) {
      sessionChanged();
      // The screen is unlocked on the same appeal: the page asks nothing new, so its hold is taken up here.
      if (selected !== null && o.user() !== null) void hold(selected);
    } else {
      await leave(true);
      // Still away (back meanwhile, team.present true has already joined and held again).
      if (!present) {
        snapshot = null;
        publish();
      }
    }
    return { present };
  }

  if (o.user() !== null) live.start();

  return {
    handlers: {
      'team.get': () => view(),
      'team.hold': ({ appealId }) => {
        if (present) return hold(appealId);
        selected = appealId;
        return Promise.resolve({ state: 'offline' as const });
      },
      'team.present': ({ present: next }) => setPresent(next),
    },
    live: () => live.current,
    sessionChanged,
    pendingChanged: () => keeper.pendingChanged(),
    serverReachable: () => { if (present) live.retryNow(); },
    close: () => {
      const left = leave(); // stops the channel: its 'off' ends any share, and its timer with it
      stopShare();
      return left;
    },
  };
}

/** Appeals a colleague (not `me`) held in `before` that nobody holds in `after`. */
export function releasedByColleagues(before: TeamSnapshot, after: TeamSnapshot, me: string | null): Set<string> {
  const held = new Set(after.members.flatMap((member) => member.holds.map((hold) => hold.appealId)));
  const released = new Set<string>();
  for (const member of before.members) {
    if (member.id === me) continue;
    for (const hold of member.holds) if (!held.has(hold.appealId)) released.add(hold.appealId);
  }
  return released;
}
