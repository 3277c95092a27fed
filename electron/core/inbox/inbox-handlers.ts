// Desk API handlers of the inbox (INBOX_METHODS): the waiting appeals' ids with surges folded, one appeal, the targets
// and favourite keys, the operator's decisions and their undo. Each decision is one SQLite transaction (local state
// and outbox row); the sync engine is woken after it.
import type { INBOX_METHODS } from '../../../shared/desk-api/inbox-contract.js';
import type { SyncStatus } from '../../../shared/desk-api/sync-contract.js';
import type { Decision } from '../../../shared/domain/appeal.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { ClusterService } from '../clusters/cluster-handlers.js';
import { decideAppeal } from '../decide-appeal.js';
import type { DeskEventHub } from '../desk-events.js';
import { DeskFailure } from '../desk-failure.js';
import type { FavoritesService } from '../favorites.js';
import { requireKnownTarget, requireUser, type UserSource } from '../guards.js';
import type { Handlers } from '../handler-types.js';
import { appealDeadlines } from '../lead/appeal-deadlines.js';

export interface InboxContext extends UserSource {
  cache: LocalCache;
  events: DeskEventHub;
  /** Surge clusters (#6): the ids fold them, an appeal names its cluster, an undo takes a cluster's decision back. */
  clusters: ClusterService;
  /** Called after a decision is queued (wakes the sync engine). */
  decided: (nowMs: number) => void;
  /** The outbox changed without a decision (an undo): the sync status republishes its pending count. */
  outboxChanged: () => void;
  /** The digit keys' targets, per operator and synced with the server (favorites.ts). */
  favorites: FavoritesService;
}

/** A late Ctrl+Z (#13): the decision it meant has left the outbox, so there is nothing left to take back. */
const ALREADY_SENT = 'Решение уже отправлено на сервер — отменить нельзя';

export function createInboxHandlers(ctx: InboxContext): Handlers<typeof INBOX_METHODS> {
  const { cache, events, clusters } = ctx;

  // The last decision the sync status offered for undo (whose, which rows), until it is undone. When the outbox is
  // empty by the time Ctrl+Z comes, that decision was sent: say so, not «Нечего отменять».
  let offered: { userId: string; mutationIds: string[] } | null = null;
  events.on('sync.status', (payload) => {
    const { undoable } = payload as SyncStatus;
    const user = ctx.user();
    if (undoable && user) offered = { userId: user.id, mutationIds: undoable.mutationIds };
  });

  const decide = (appealId: string, decision: Decision) => {
    const user = requireUser(ctx);
    if (decision.type === 'route') requireKnownTarget(cache, decision.targetId);
    const nowMs = Date.now();
    const ack = decideAppeal(cache, appealId, decision, { id: user.id, name: user.name }, nowMs);
    events.emit('appeals.changed', { ids: [appealId] });
    ctx.decided(nowMs);
    return ack;
  };

  return {
    'targets.list': () => ({ targets: cache.targets.list() }),

    'favorites.get': () => ({ targetIds: ctx.favorites.get() }),
    'favorites.set': ({ targetIds }) => ({ targetIds: ctx.favorites.set(targetIds) }),
    'favorites.setMachine': ({ targetIds, locked }) => ({ targetIds: ctx.favorites.setMachine(targetIds, locked) }),

    'inbox.list': ({ offset, limit }) => ({ rows: cache.appeals.inbox(offset, limit), total: cache.appeals.inboxCount() }),
    'inbox.ids': ({ order, expanded }) => clusters.inboxIds(order, expanded),

    'appeals.get': ({ id }) => {
      const appeal = cache.appeals.local(id);
      if (!appeal) throw new DeskFailure('not_found', 'Обращение не найдено');
      return { appeal, pending: cache.outbox.forAppeal(id).length > 0, ...appealDeadlines(cache.db, id),
        clusterId: clusters.store.clusterIdOf(id) };
    },

    'appeals.route': ({ appealId, targetId }) => decide(appealId, { type: 'route', targetId }),
    'appeals.reject': ({ appealId, reason }) => decide(appealId, { type: 'reject', reason }),

    'appeals.undo': () => {
      let result: ReturnType<ClusterService['undo']>;
      try {
        // The signed-in operator's own newest decision, a cluster's whole (#6): a previous operator's queued work
        // (shift handover) is never theirs to take back.
        result = clusters.undo(requireUser(ctx).id);
      } catch (error) {
        const sent = offered !== null && offered.userId === ctx.user()?.id
          && offered.mutationIds.every((id) => cache.outbox.get(id) === null);
        if (error instanceof DeskFailure && error.code === 'nothing_to_undo' && sent) {
          throw new DeskFailure('already_sent', ALREADY_SENT);
        }
        throw error;
      }
      offered = null;
      events.emit('appeals.changed', { ids: result.appealIds ?? [result.appealId] });
      ctx.outboxChanged();
      return result;
    },
  };
}
