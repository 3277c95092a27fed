// The desk API handler map: one function per DESK_METHODS entry, taking the zod-parsed input and returning the
// output (or throwing DeskFailure). The one place that combines the features' handlers (each typed by its own method
// table) and checks the whole against the contract. No feature imports this module. The dispatcher in desk-core.ts
// is the only caller.
import type { AfterChangePipeline } from './after-change.js';
import type { LocalCache } from './cache/local-cache.js';
import type { CentralApiClient } from './central-api-client.js';
import { createClusterService } from './clusters/cluster-handlers.js';
import { currentSession } from './current-session.js';
import type { DeskEventHub } from './desk-events.js';
import { createFavorites } from './favorites.js';
import type { UserSource } from './guards.js';
import type { HandoverSessions } from './handover.js';
import type { DeadlineConfig } from './lead/deadline-config.js';
import type { DeskHandlers } from './handler-types.js';
import { createInboxHandlers } from './inbox/inbox-handlers.js';
import { createKeymapHandlers } from './keymap/keymap-handlers.js';
import { createLeadHandlers } from './lead/lead-handlers.js';
import { createRoutingHandlers } from './routing/routing-handlers.js';
import type { SuggestionService } from './routing/suggestion-service.js';
import { createSearchHandlers } from './search/search-handlers.js';
import type { SearchIndexKeeper } from './search/search-index-keeper.js';
import { createSessionHandlers } from './session/session-handlers.js';
import { createSyncHandlers } from './sync/sync-handlers.js';
import type { SyncEngine } from './sync-engine.js';
import type { SyncLog } from './sync-log.js';
import type { TokenStore } from './token-store.js';
import type { TeamService } from './team/team-service.js';

export type { DeskHandlers } from './handler-types.js';
export { cachedUser, currentSession } from './current-session.js';

export interface HandlerContext {
  cache: LocalCache;
  api: CentralApiClient;
  engine: SyncEngine;
  events: DeskEventHub;
  tokenStore: TokenStore;
  apiUrl: string;
  demo: boolean;
  log: (line: string) => void;
  /** Sync log for the «Журнал синхронизации» section; absent = an empty log. */
  syncLog?: SyncLog;
  /** Routing suggestions computed by the training worker; absent = none. */
  suggestions?: SuggestionService;
  /** Team mode (#9): holds, presence, the live channel. */
  team: TeamService;
  /** Previous operators' sessions kept for their own queued decisions (shift handover, #12). */
  handover: HandoverSessions;
  /** deadlines.json as read at start: the lead's deadline rules and calendar. */
  deadlines: DeadlineConfig;
  /** The centre's clock (that calendar's offset): search days, statistics and the renderer's times (day-bounds.ts). */
  utcOffsetMinutes: number;
  /** Where the lead's deadlines and the clusters set their after-change steps (after-change.ts). */
  afterChange: AfterChangePipeline;
  /** The search index's pass after a long pull, which a search waits for. */
  searchIndex: Pick<SearchIndexKeeper, 'caughtUp'>;
}

export function createDeskHandlers(ctx: HandlerContext): DeskHandlers {
  const { cache, engine, events } = ctx;

  // Who the features' guards see as signed in: the live session, not meta.user alone (after a 401 the cached user
  // stays but the token is gone).
  const signedIn: UserSource = { user: () => currentSession(ctx).user };
  const decided = (nowMs: number) => engine.decisionMade(nowMs);

  // Surge clusters (#6): the inbox's ids one row per cluster, a cluster decided with one key and undone whole.
  const clusters = createClusterService({ cache, events, log: ctx.log, decided, afterChange: ctx.afterChange, ...signedIn });

  return {
    ...createSessionHandlers(ctx),
    ...createInboxHandlers({ cache, events, clusters, decided, outboxChanged: () => engine.publishStatus(), ...signedIn,
      favorites: createFavorites({ cache, api: ctx.api, events, log: ctx.log, ...signedIn }) }),
    ...createSearchHandlers(cache, ctx.utcOffsetMinutes, ctx.searchIndex),
    ...createSyncHandlers({ cache, events, engine, syncLog: ctx.syncLog, ...signedIn }),
    ...createLeadHandlers({ cache, events, log: ctx.log, decided, deadlines: ctx.deadlines, afterChange: ctx.afterChange, ...signedIn }),
    ...createRoutingHandlers(ctx.suggestions),
    ...clusters.handlers,
    ...ctx.team.handlers,
    ...createKeymapHandlers({ cache, ...signedIn }),
  } satisfies DeskHandlers;
}
