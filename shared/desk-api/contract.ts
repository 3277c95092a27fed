// The desk API: the one seam between the UI and the machine. Method name → zod input and output;
// event name → zod payload. Electron IPC and the test harness both carry exactly this.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { Appeal, AppealStatus, Decision, RejectReason, Source, UserRef } from '../domain/appeal.js';
import { Target } from '../domain/target.js';
import { User } from '../domain/user.js';
import { SavedView, SearchQuery, SearchResult } from '../search/search-query.js';
import { LEAD_EVENTS, LEAD_METHODS } from './lead-contract.js';
import { ClusterInfo, ROUTING_EVENTS, ROUTING_METHODS } from './routing-contract.js';
import { LiveState, TEAM_EVENTS, TEAM_METHODS } from './team-contract.js';

export const FAVORITE_SLOTS = 9;

/** One row of the inbox grid: only what the grid shows, never the whole text. */
export const InboxRow = z.object({
  id: z.string(),
  source: Source,
  channelName: z.string(),
  authorName: z.string(),
  excerpt: z.string(),
  receivedAt: z.string(),
  attachmentCount: z.number().int().nonnegative(),
  /** Routing deadline (working hours, #4a); absent where the row was built without the cache's columns. */
  routeDueAt: z.string().nullable().optional(),
});
export type InboxRow = z.infer<typeof InboxRow>;

/** A grid row of any list (inbox window, search results): the inbox row plus where the appeal stands. */
export const ListedRow = InboxRow.extend({ status: AppealStatus, targetId: z.string().nullable() });
export type ListedRow = z.infer<typeof ListedRow>;

/** Rows are fetched for the visible window only: at most this many ids per call. */
export const MAX_ROWS_PER_CALL = 500;

/** The appeal as this machine sees it: the server's state with pending local decisions applied on top. */
export const LocalAppeal = z.object({
  appeal: Appeal,
  pending: z.boolean(),
  /** Working-hours deadlines computed by the core (#4a). */
  routeDueAt: z.string().nullable().optional(),
  answerDueAt: z.string().nullable().optional(),
  /** The surge cluster it belongs to (#6); null when it stands alone. */
  clusterId: z.string().nullable().optional(),
});
export type LocalAppeal = z.infer<typeof LocalAppeal>;

export const SyncState = z.enum(['signed-out', 'online', 'syncing', 'offline']);
export type SyncState = z.infer<typeof SyncState>;
export const SyncStatus = z.object({
  state: SyncState,
  /** Decisions stored locally that the server has not acknowledged yet. */
  pending: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  offlineSince: z.string().nullable(),
  lastError: z.string().nullable(),
  /** While a pull has many pages to go (first sync of a big backlog): appeals so far / total, rate, time left. */
  progress: z.object({
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    perSecond: z.number().nonnegative(),
    secondsLeft: z.number().nonnegative().nullable(),
  }).nullable().optional(),
  /** Retry scheduled at (ISO) while offline; honours the server's Retry-After. */
  nextRetryAt: z.string().nullable().optional(),
  /**
   * Decisions in the outbox made by other operators of this desk (shift handover): they go out only under their own
   * session — `sending` while it is still valid — or wait for their author to sign in again. Never sent as another.
   */
  waiting: z.array(z.object({ user: UserRef, count: z.number().int().positive(), sending: z.boolean() })).optional(),
  /** Team mode's live channel (#9): connected = colleagues' decisions and holds arrive at once; else polling. */
  live: LiveState.optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** One line of the sync log (no citizen text: counts, codes, ids). */
export const SyncLogEntry = z.object({
  at: z.string(),
  level: z.enum(['info', 'warn', 'error']),
  event: z.string(),
  message: z.string(),
  /** Decisions waiting to be sent at that moment. */
  queue: z.number().int().nonnegative(),
});
export type SyncLogEntry = z.infer<typeof SyncLogEntry>;

export const Conflict = z.object({
  id: z.string(),
  appealId: z.string(),
  excerpt: z.string(),
  local: Decision,
  server: z.object({
    status: AppealStatus,
    targetId: z.string().nullable(),
    rejectReason: RejectReason.nullable(),
    routedBy: UserRef.nullable(),
    routedAt: z.string().nullable(),
  }),
  detectedAt: z.string(),
});
export type Conflict = z.infer<typeof Conflict>;

export const Session = z.object({ user: User.nullable(), apiUrl: z.string(), demo: z.boolean() });
export type Session = z.infer<typeof Session>;

const Empty = z.object({}).strict();
const DecisionAck = z.object({ mutationId: z.string(), appealId: z.string() });

export const DESK_METHODS = {
  'session.get': { input: Empty, output: Session },
  'session.login': {
    input: z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
    output: Session,
  },
  /** Sign out and wipe this machine's citizen data once unsent decisions are sent; 'ask' stops if some cannot be. */
  'session.signOut': {
    /**
     * With the leaving operator's decisions still unsent (or conflicts not looked at): 'ask' reports them, 'discard'
     * drops them, 'keep' leaves the decisions queued under their name, sent under their session once possible.
     */
    input: z.object({ unsent: z.enum(['ask', 'discard', 'keep']).default('ask') }).strict(),
    output: z.object({ outcome: z.enum(['signed-out', 'unsent']), unsent: z.number().int().nonnegative(),
      /** Conflicts not yet looked at (some may come from the sign-out flush itself); they stop 'ask' too. */
      conflicts: z.number().int().nonnegative(), session: Session }),
  },
  'targets.list': { input: Empty, output: z.object({ targets: z.array(Target) }) },
  'favorites.get': { input: Empty, output: z.object({ targetIds: z.array(z.string()).max(FAVORITE_SLOTS) }) },
  'favorites.set': {
    input: z.object({ targetIds: z.array(Identifier).max(FAVORITE_SLOTS) }).strict(),
    output: z.object({ targetIds: z.array(z.string()).max(FAVORITE_SLOTS) }),
  },
  'inbox.list': {
    input: z.object({
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().min(1).max(100_000).default(100_000),
    }).strict(),
    output: z.object({ rows: z.array(InboxRow), total: z.number().int().nonnegative() }),
  },
  'appeals.get': { input: z.object({ id: Identifier }).strict(), output: LocalAppeal },
  /** The ids of waiting appeals in inbox order (newest first): the renderer keeps ids, rows come per window. */
  'inbox.ids': {
    // urgency = nearest routing deadline first (#4a); newest = newest received first.
    input: z.object({
      order: z.enum(['newest', 'urgency']).default('newest'),
      /** Surge clusters (#6) shown member by member; the others are one row each (their first member). */
      expanded: z.array(Identifier).max(1000).default([]),
    }).strict(),
    output: z.object({
      ids: z.array(z.string()),
      /** Per listed id that stands for a cluster of two or more waiting appeals (#6). */
      clusters: z.record(z.string(), ClusterInfo).optional(),
    }) },
  /** Grid rows for these ids (a visible window); unknown ids are left out. */
  'appeals.rows': {
    input: z.object({ ids: z.array(Identifier).max(MAX_ROWS_PER_CALL) }).strict(),
    output: z.object({ rows: z.array(ListedRow) }),
  },
  /** Full-text search with filters over every cached appeal; works offline. */
  'search.query': { input: SearchQuery, output: SearchResult },
  'views.list': { input: Empty, output: z.object({ views: z.array(SavedView) }) },
  /** Saves a search under a name (same name: replaced). */
  'views.save': {
    input: z.object({ name: z.string().trim().min(1).max(100), query: SearchQuery }).strict(),
    output: SavedView,
  },
  'views.delete': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: Empty },
  'appeals.route': {
    input: z.object({ appealId: Identifier, targetId: Identifier }).strict(),
    output: DecisionAck,
  },
  'appeals.reject': {
    input: z.object({ appealId: Identifier, reason: RejectReason }).strict(),
    output: DecisionAck,
  },
  /** Takes back the newest decision that has not reached the server yet. */
  'appeals.undo': {
    input: Empty,
    // appealIds: every appeal taken back when the decision was a whole cluster's (#6).
    output: z.object({ appealId: z.string(), appealIds: z.array(z.string()).optional() }),
  },
  'sync.status': { input: Empty, output: SyncStatus },
  'sync.now': { input: Empty, output: SyncStatus },
  'conflicts.list': { input: Empty, output: z.object({ conflicts: z.array(Conflict) }) },
  'conflicts.dismiss': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: Empty },
  /** Works a conflict off by routing again on top of the server's current version (the conflict is removed). */
  'conflicts.reroute': {
    input: z.object({ id: Identifier, targetId: Identifier }).strict(),
    output: DecisionAck,
  },
  /** The sync log's newest entries and where the file lives (for IT). */
  'sync.log': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict(),
    output: z.object({ entries: z.array(SyncLogEntry), file: z.string() }),
  },
  // Shift lead: queues, re-decisions in bulk, statistics, report exports (lead-contract.ts).
  ...LEAD_METHODS,
  // Routing suggestions with reasons, the place found in the text (routing-contract.ts).
  ...ROUTING_METHODS,
  // Team mode: holds, presence, the live channel (team-contract.ts).
  ...TEAM_METHODS,
} as const;

export const DESK_EVENTS = {
  /** Appeals whose local view changed; an empty list means "many: reload what you show". */
  'appeals.changed': z.object({ ids: z.array(z.string()) }),
  'sync.status': SyncStatus,
  'sync.conflict': Conflict,
  'session.changed': Session,
  ...LEAD_EVENTS,
  ...ROUTING_EVENTS,
  ...TEAM_EVENTS,
} as const;

export type DeskMethod = keyof typeof DESK_METHODS;
export type DeskEvent = keyof typeof DESK_EVENTS;
export type DeskInput<M extends DeskMethod> = z.input<(typeof DESK_METHODS)[M]['input']>;
export type DeskOutput<M extends DeskMethod> = z.output<(typeof DESK_METHODS)[M]['output']>;
export type DeskEventPayload<E extends DeskEvent> = z.output<(typeof DESK_EVENTS)[E]>;

/** Stable error codes; the message that travels with them is Russian and meant for the operator. */
export const DESK_ERROR_CODES = [
  'bad_request', // unknown method or input that does not parse
  'not_signed_in',
  'auth_failed', // wrong login or password
  'unreachable', // central API cannot be reached
  'server_error',
  'not_found',
  'not_pending', // e.g. the appeal was already decided
  'nothing_to_undo',
  'already_sent', // undo after the decision reached the server
  'forbidden', // the signed-in role may not do this (e.g. queues are for the shift lead)
  'disk_full', // the data folder's disk is full: nothing was written, the desk stays online
  'internal',
] as const;
export type DeskErrorCode = (typeof DESK_ERROR_CODES)[number];
export const DeskError = z.object({ code: z.enum(DESK_ERROR_CODES), message: z.string() });
export type DeskError = z.infer<typeof DeskError>;

export type DeskResult<T> = { ok: true; value: T } | { ok: false; error: DeskError };

export function isDeskMethod(name: unknown): name is DeskMethod {
  return typeof name === 'string' && Object.hasOwn(DESK_METHODS, name);
}
export function isDeskEvent(name: unknown): name is DeskEvent {
  return typeof name === 'string' && Object.hasOwn(DESK_EVENTS, name);
}

/** What the preload (or the harness bridge) puts on `window.desk`: two functions, nothing else. */
export interface DeskBridge {
  call(method: string, input: unknown): Promise<DeskResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
