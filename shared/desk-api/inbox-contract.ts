// Desk API of the inbox: the waiting appeals' ids (surges folded), one appeal, the targets and favourite keys, and
// the operator's decisions with their undo. Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { Appeal, AppealStatus, RejectReason, Source } from '../domain/appeal.js';
import { Target } from '../domain/target.js';
import { ClusterInfo } from './clusters-contract.js';
import { EmptyInput, type MethodTable } from './method-table.js';

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
  /** When its author withdrew it (deleted the post, issue 14 item 6); null or absent: not withdrawn. */
  withdrawnAt: z.string().nullable().optional(),
});
export type InboxRow = z.infer<typeof InboxRow>;

/** A grid row of any list (inbox window, search results): the inbox row plus where the appeal stands. */
export const ListedRow = InboxRow.extend({ status: AppealStatus, targetId: z.string().nullable() });
export type ListedRow = z.infer<typeof ListedRow>;

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

/** A decision stored with its outbox mutation. */
export const DecisionAck = z.object({ mutationId: z.string(), appealId: z.string() });

export const INBOX_METHODS = {
  'targets.list': { input: EmptyInput, output: z.object({ targets: z.array(Target) }) },
  'favorites.get': { input: EmptyInput, output: z.object({ targetIds: z.array(z.string()).max(FAVORITE_SLOTS) }) },
  /**
   * The signed-in operator's own list (#13 item 5), slot 1 first, '' for an empty slot between chosen ones (slot
   * numbers are the digit keys: clearing one never moves the others). Refused while IT's policy locks the list.
   */
  'favorites.set': {
    input: z.object({ targetIds: z.array(z.union([Identifier, z.literal('')])).max(FAVORITE_SLOTS) }).strict(),
    output: z.object({ targetIds: z.array(z.string()).max(FAVORITE_SLOTS) }),
  },
  /**
   * The machine's list from IT's policy, put in place by the shell at every start (null: the policy has none):
   * the default of every operator without a list of their own; `locked`, over everyone's own. Shell-only
   * (SHELL_ONLY_METHODS): a page, an operator's DevTools included, can never call it.
   */
  'favorites.setMachine': {
    input: z.object({ targetIds: z.array(Identifier).max(FAVORITE_SLOTS).nullable(), locked: z.boolean() }).strict(),
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
    input: EmptyInput,
    // appealIds: every appeal taken back when the decision was a whole cluster's (#6).
    output: z.object({ appealId: z.string(), appealIds: z.array(z.string()).optional() }),
  },
} as const satisfies MethodTable;

export const INBOX_EVENTS = {
  /** Appeals whose local view changed; an empty list means "many: reload what you show". */
  'appeals.changed': z.object({ ids: z.array(z.string()) }),
  /** The favourites of whoever is signed in now changed without the renderer asking (pulled from the server, sign-in). */
  'favorites.changed': z.object({ targetIds: z.array(z.string()).max(FAVORITE_SLOTS) }),
} as const;
