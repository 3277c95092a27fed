// Desk API handlers of synchronisation (SYNC_METHODS): the status, syncing now, the sync log, and the conflicts the
// server's answers left for the operator (dismissed, or worked off by routing again on the server's version).
import type { SYNC_METHODS } from '../../../shared/desk-api/sync-contract.js';
import type { LocalCache } from '../cache/local-cache.js';
import { rerouteAfterConflict } from '../decide-appeal.js';
import type { DeskEventHub } from '../desk-events.js';
import { requireKnownTarget, requireUser, type UserSource } from '../guards.js';
import type { Handlers } from '../handler-types.js';
import type { SyncEngine } from '../sync-engine.js';
import type { SyncLog } from '../sync-log.js';

export interface SyncContext extends UserSource {
  cache: LocalCache;
  events: DeskEventHub;
  engine: Pick<SyncEngine, 'status' | 'syncNow' | 'decisionMade'>;
  /** Sync log for the «Журнал синхронизации» section; absent = an empty log. */
  syncLog?: SyncLog | undefined;
}

export function createSyncHandlers(ctx: SyncContext): Handlers<typeof SYNC_METHODS> {
  const { cache, events, engine } = ctx;
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'sync.log': ({ limit }) => ({ entries: ctx.syncLog?.tail(limit) ?? [], file: ctx.syncLog?.path ?? '' }),

    'conflicts.list': () => ({ conflicts: cache.conflicts.list() }),
    'conflicts.dismiss': ({ id }) => {
      // Idempotent: dismissing twice (a double click) is not an error.
      cache.conflicts.delete(id);
      return {};
    },
    'conflicts.reroute': ({ id, targetId }) => {
      const user = requireUser(ctx);
      requireKnownTarget(cache, targetId);
      const nowMs = Date.now();
      const ack = rerouteAfterConflict(cache, id, { type: 'route', targetId }, user, nowMs);
      events.emit('appeals.changed', { ids: [ack.appealId] });
      engine.decisionMade(nowMs);
      return ack;
    },
  };
}
