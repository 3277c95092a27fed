// Desk API handlers for surge clusters (#6, CLUSTER_METHODS): a cluster's members and one decision for a whole
// cluster; for the inbox's handlers, its ids collapsed to one row per cluster and the undo that takes a cluster's
// decision back whole. Clustering itself runs after every change (the appeals a pull stored), a chunk at a time, so a big first sync never blocks the core.
import type { CLUSTER_METHODS } from '../../../shared/desk-api/clusters-contract.js';
import type { SyncStatus } from '../../../shared/desk-api/sync-contract.js';
import type { AfterChangePipeline } from '../after-change.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { DeskEventHub } from '../desk-events.js';
import { requireKnownTarget, requireUser, type UserSource } from '../guards.js';
import type { Handlers } from '../handler-types.js';
import { decideCluster, undoNewestBatch } from './cluster-decisions.js';
import { createClusterKeeper } from './cluster-keeper.js';
import { ClusterStore, type CollapsedIds } from './cluster-store.js';

export interface ClusterContext extends UserSource {
  cache: LocalCache;
  events: DeskEventHub;
  log: (line: string) => void;
  /** Called after decisions are queued (wakes the sync engine). */
  decided: (nowMs: number) => void;
  /** Where clustering of the changed appeals is set as a step (after deadlines, before suggestions). */
  afterChange: Pick<AfterChangePipeline, 'set'>;
}

/** Appeals looked at per step: a pull page's worth, a few tens of milliseconds. */
const STEP = 500;
/** Appeals per background step (a backlog after a first sync): ~15 ms, so a desk call waits at most that long. */
const BACKGROUND_STEP = 50;
const REGROUP_NOTICE_MS = 1_000;
/** inbox.ids looks at up to this many first, so the list it answers is clustered; the rest follow in the background. */
const BEFORE_LIST = 5_000;

export interface ClusterService {
  handlers: Handlers<typeof CLUSTER_METHODS>;
  store: ClusterStore;
  /** The inbox's ids (inbox.ids, an inbox method) one row per cluster, but for the clusters shown expanded. */
  inboxIds(order: 'newest' | 'urgency', expanded: readonly string[]): CollapsedIds;
  /** Takes back `userId`'s newest decision (a cluster's whole); never another operator's. */
  undo(userId: string): { appealId: string; appealIds?: string[] };
}

export function createClusterService(ctx: ClusterContext): ClusterService {
  const { cache, events } = ctx;
  const keeper = createClusterKeeper(cache.db);
  const store = new ClusterStore(cache.db);
  let background: NodeJS.Immediate | null = null;
  const regrouped: string[] = [];
  let regroupTimer: NodeJS.Timeout | null = null;

  const runStep = (limit = STEP): boolean => {
    try {
      const step = keeper.step(limit);
      if (step.changed.length > 0 && background !== null) {
        // Clusters found after the change was announced: the inbox must regroup — told at most once a second,
        // or a backlog worked off in small steps would have the inbox reload after every one of them.
        regrouped.push(...step.changed);
        if (regroupTimer === null) {
          regroupTimer = setTimeout(() => {
            regroupTimer = null;
            const ids = regrouped.splice(0);
            events.emit('appeals.changed', { ids: ids.length > 40 ? [] : ids });
          }, REGROUP_NOTICE_MS);
          regroupTimer.unref();
        }
      }
      return step.more;
    } catch (error) {
      // The cache may be closing or wiped under us; the next change picks up where this stopped.
      ctx.log(`clusters: step failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };
  // A long pull (the first sync of a big inbox: the engine shows progress) is not slowed by clustering each page:
  // the backlog is clustered right after it, and inbox.ids still clusters the first BEFORE_LIST on demand.
  let bulkPull = false;
  const continueLater = () => {
    background ??= setImmediate(function next() {
      if (!bulkPull && runStep(BACKGROUND_STEP)) background = setImmediate(next);
      else background = null;
    });
  };
  events.on('sync.status', (payload) => {
    const status = payload as SyncStatus;
    const was = bulkPull;
    bulkPull = status.state === 'syncing' && status.progress !== null;
    if (was && !bulkPull) continueLater();
  });
  // The pulled page is clustered before anyone reads the list the event announces; a backlog continues later.
  ctx.afterChange.set('clusters', () => {
    if (!bulkPull && background === null && runStep()) continueLater();
  });
  continueLater();

  const drainForList = () => {
    for (let looked = 0; looked < BEFORE_LIST; looked += STEP) if (!runStep()) return;
  };

  return {
    store,
    undo: (userId) => undoNewestBatch(cache, userId),
    inboxIds: (order, expanded) => {
      drainForList();
      return store.collapse(cache.rows.inboxIds(order), new Set(expanded));
    },
    handlers: {
      'clusters.get': ({ appealId }) => {
        const clusterId = store.clusterIdOf(appealId);
        return { clusterId, members: clusterId === null ? [] : store.members(clusterId) };
      },
      'clusters.decide': ({ appealId, decision, memberIds }) => {
        const user = requireUser(ctx);
        if (decision.type === 'route') requireKnownTarget(cache, decision.targetId);
        const nowMs = Date.now();
        const result = decideCluster(cache, store, appealId, decision, { id: user.id, name: user.name }, nowMs, memberIds);
        events.emit('appeals.changed', { ids: result.acks.map((a) => a.appealId) });
        ctx.decided(nowMs);
        return result;
      },
    },
  };
}
