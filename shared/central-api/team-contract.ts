// Team mode on the central API (issue 9): holds (soft claims on the appeals a desk is showing), presence (who of the
// shift is connected) and the live channel (server-sent events telling desks at once that appeals, holds or presence
// changed). Holds are advice: they never block a decision, and the server keeps them in memory only, so a restart
// leaves no stale lock behind.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { Role } from '../domain/user.js';
import { wellFormedStrings } from './well-formed-text.js';

/** A hold lasts this long unless renewed; desks renew well before (every third of it) while the appeal stays shown. */
export const HOLD_LEASE_MS = 90_000;
/** One desk holds its selection (a cluster's members) plus its decisions still inside the undo grace. */
export const MAX_HELD_APPEALS = 200;
/** The live channel sends a comment line this often, so both ends can tell a dead connection from a quiet one. */
export const LIVE_HEARTBEAT_MS = 15_000;

const AppealId = Identifier;
const IsoTime = z.iso.datetime({ offset: true });

/**
 * PUT /holds: this session now holds exactly these appeals (an empty list releases all) and the lease restarts.
 * `deciding`: those of them this desk has decided, the decision still inside its undo grace (not sent yet): colleagues
 * see «решено» rather than «смотрит» at once, seconds before the decision itself reaches the server. Older desks
 * send no `deciding`; ids not in `appealIds` are ignored.
 */
export const HoldsRequest = wellFormedStrings(z.object({
  appealIds: z.array(AppealId).max(MAX_HELD_APPEALS),
  deciding: z.array(AppealId).max(MAX_HELD_APPEALS).optional(),
}).strict());
export type HoldsRequest = z.infer<typeof HoldsRequest>;

export const Holder = z.object({ id: z.string().min(1).max(100), name: z.string().max(200) });
export type Holder = z.infer<typeof Holder>;

/** `deciding`: the holder has decided it and the decision is on its way (HoldsRequest); absent while they only read it. */
export const TeamHold = z.object({ appealId: AppealId, since: IsoTime, expiresAt: IsoTime, deciding: z.literal(true).optional() });
export type TeamHold = z.infer<typeof TeamHold>;

/** One person of the shift: connected (live channel open) and/or holding appeals. */
export const TeamMember = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200),
  role: Role,
  /** When the person's first open live connection was made; null = holds without a live connection (polling desk). */
  onlineSince: IsoTime.nullable(),
  holds: z.array(TeamHold),
});
export type TeamMember = z.infer<typeof TeamMember>;

/** Everyone of the shift as the server sees them now (a small list: a ЦУР shift is 3–20 people). */
export const TeamSnapshot = z.object({ at: IsoTime, members: z.array(TeamMember) });
export type TeamSnapshot = z.infer<typeof TeamSnapshot>;

export const HoldsResponse = z.object({
  /** The appeals of the request this session now holds. */
  granted: z.array(AppealId),
  /** The appeals of the request someone else held first: the desk moves on, or shows who is reading it. */
  taken: z.array(z.object({ appealId: AppealId, holder: Holder, since: IsoTime })),
  leaseMs: z.number().int().positive(),
  team: TeamSnapshot,
});
export type HoldsResponse = z.infer<typeof HoldsResponse>;

export const TeamResponse = z.object({ team: TeamSnapshot });
export type TeamResponse = z.infer<typeof TeamResponse>;

/** GET /live?cursor=: the desk's change cursor; when the server's head is past it, a `changes` event comes at once. */
export const LiveQuery = wellFormedStrings(z.object({ cursor: z.string().regex(/^\d{1,18}$/).optional() }));
export type LiveQuery = z.infer<typeof LiveQuery>;

/**
 * The events of the live channel (`text/event-stream`: `event: <name>` + `data: <json>`), each checked by the desk.
 * Appeal data never travels here: `changes` only says that the desk should pull /changes.
 */
export const LIVE_EVENTS = {
  /** First event of every connection. */
  hello: z.object({ head: z.string().regex(/^\d{1,18}$/), leaseMs: z.number().int().positive(),
    heartbeatMs: z.number().int().positive(), team: TeamSnapshot }),
  /** Appeals changed up to `head` (the newest change sequence): pull. */
  changes: z.object({ head: z.string().regex(/^\d{1,18}$/) }),
  /** Holds or presence changed. */
  team: TeamSnapshot,
  /** The server closes the channel: `unauthorized` (session expired or revoked) or `shutdown`. */
  bye: z.object({ code: z.enum(['unauthorized', 'shutdown']), message: z.string() }),
} as const;
export type LiveEventName = keyof typeof LIVE_EVENTS;
export type LiveEvent = { [K in LiveEventName]: { event: K; data: z.infer<(typeof LIVE_EVENTS)[K]> } }[LiveEventName];
