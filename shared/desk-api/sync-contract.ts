// Desk API of synchronisation: the sync status and log, syncing now, and the conflicts the server's answers left
// for the operator. Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { AppealStatus, Decision, RejectReason, UserRef } from '../domain/appeal.js';
import { DecisionAck } from './inbox-contract.js';
import { EmptyInput, type MethodTable } from './method-table.js';
import { LiveState } from './team-contract.js';

/** Decisions taken together: a surge cluster with one key, or a shift lead's selection in a queue. */
export const DecisionBatch = z.enum(['cluster', 'selection']);
export type DecisionBatch = z.infer<typeof DecisionBatch>;

/**
 * The decision Ctrl+Z would take back right now (#13): the newest one of the signed-in operator that has not been
 * handed to the network yet. The undo toast shows exactly this and goes when the core drops it from the status
 * (sent, undone, signed out) — never on a renderer timer. A surge cluster's decision lists every appeal of it.
 */
export const UndoableDecision = z.object({
  mutationIds: z.array(z.string()).min(1),
  appealIds: z.array(z.string()).min(1),
  /** Short excerpt of the (first) appeal's text: citizen text, rendered inert. */
  excerpt: z.string(),
  decision: Decision,
  /** What the appeals were decided as together; null for one appeal decided alone. */
  batch: DecisionBatch.nullable(),
  /** It replaces a decision the server already holds (a lead's re-route): «Перенаправлено», not «Направлено». */
  redecision: z.boolean(),
  decidedAt: z.string(),
  /** When its undo grace ends and the push takes it (ISO); the push may come a little later (offline, a run going). */
  sendAt: z.string(),
  /** The whole undo window (the core's pushDelayMs), for the countdown bar. */
  windowMs: z.number().int().nonnegative(),
});
export type UndoableDecision = z.infer<typeof UndoableDecision>;

export const SyncState = z.enum(['signed-out', 'online', 'syncing', 'offline']);
export type SyncState = z.infer<typeof SyncState>;
export const SyncStatus = z.object({
  state: SyncState,
  /** Decisions stored locally that the server has not acknowledged yet. */
  pending: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  offlineSince: z.string().nullable(),
  /**
   * Why offline: `network` — no answer at all (the network, the server's host, a proxy asking for its own sign-in);
   * `server` — the server answered with an error (its database down, a fault); `desk` — this desk's own fault in a
   * sync. Absent while not offline, and from an older core.
   */
  offlineCause: z.enum(['network', 'server', 'desk']).optional(),
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
  /** Absent when nothing can be undone (#13). */
  undoable: UndoableDecision.optional(),
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
    /** Its author withdrew it (issue 14 item 6): why a decision on the version before was refused. */
    withdrawnAt: z.string().nullable().optional(),
  }),
  detectedAt: z.string(),
});
export type Conflict = z.infer<typeof Conflict>;

export const SYNC_METHODS = {
  'sync.status': { input: EmptyInput, output: SyncStatus },
  'sync.now': { input: EmptyInput, output: SyncStatus },
  'conflicts.list': { input: EmptyInput, output: z.object({ conflicts: z.array(Conflict) }) },
  'conflicts.dismiss': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: EmptyInput },
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
} as const satisfies MethodTable;

export const SYNC_EVENTS = {
  'sync.status': SyncStatus,
  'sync.conflict': Conflict,
} as const;
