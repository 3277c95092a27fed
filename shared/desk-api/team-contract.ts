// Desk API for team mode (issue 9): what colleagues hold, who of the shift is online, the live channel's state, and
// the hold of this desk's own selection. Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import type { MethodTable } from './method-table.js';
import { Role } from '../domain/user.js';

const AppealId = Identifier;

/** connected: server-sent events flow; connecting: (re)trying; down: polling every 15 s instead; off: signed out. */
export const LiveState = z.enum(['connected', 'connecting', 'down', 'off']);
export type LiveState = z.infer<typeof LiveState>;

/** `deciding`: the colleague has decided it, the decision on its way (their undo grace): «решено», not «смотрит». */
export const HeldBy = z.object({ id: z.string(), name: z.string(), since: z.string(), deciding: z.literal(true).optional() });
export type HeldBy = z.infer<typeof HeldBy>;

export const TeamMemberView = z.object({
  id: z.string(),
  name: z.string(),
  role: Role,
  /** null = not connected live (holds only, or a desk that polls). */
  onlineSince: z.string().nullable(),
  /** What the person holds now; the excerpt comes from this desk's cache (empty when the appeal is not cached). */
  holds: z.array(z.object({ appealId: z.string(), since: z.string(), excerpt: z.string(), deciding: z.literal(true).optional() })),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

/** The live channel's state is in SyncStatus.live (one source); this is who the shift is and what they hold. */
export const TeamView = z.object({
  /** The signed-in user's id (null when signed out), so the UI can tell "me" in the member list. */
  me: z.string().nullable(),
  members: z.array(TeamMemberView),
  /**
   * Appeals held by someone else → who and since. A surge cluster counts as held when any member is: every member
   * of such a cluster is listed, so whichever member stands for it in the inbox is found here.
   */
  heldByOthers: z.record(z.string(), HeldBy),
  /**
   * While the live channel is down: the operators who were on shift when it went, this desk's user among them, two or
   * more. The waiting appeals are shared out among them (shared/team/offline-share.ts) until it is back. Absent
   * otherwise, and from an older core.
   */
  offlineShare: z.array(z.object({
    id: z.string(), name: z.string(),
    /** What the operator was reading as the channel went (a surge cluster whole): theirs, whatever the hash says. */
    holds: z.array(z.string()).max(10_000),
  })).min(2).max(200).optional(),
});
export type TeamView = z.infer<typeof TeamView>;

export const HoldOutcome = z.object({
  /**
   * mine: the server gave this desk the hold; taken: someone else held it first (holder says who); decided: the
   * server no longer has it waiting (a colleague's decision this desk has not pulled yet: a pull is on its way);
   * offline: no answer from the server (advice only: nothing is blocked); released: nothing selected;
   * superseded: a newer selection was sent before this one was answered.
   */
  state: z.enum(['mine', 'taken', 'decided', 'offline', 'released', 'superseded']),
  holder: HeldBy.optional(),
});
export type HoldOutcome = z.infer<typeof HoldOutcome>;

export const TEAM_METHODS = {
  'team.get': { input: z.object({}).strict(), output: TeamView },
  /**
   * The appeal the desk now shows (null: none). The core holds it — with its surge cluster's members — together with
   * the appeals whose decisions have not reached the server yet, and answers whether the server gave the hold.
   */
  'team.hold': { input: z.object({ appealId: AppealId.nullable() }).strict(), output: HoldOutcome },
  /**
   * Whether anyone is at this desk. false: off the shift's presence and its holds (the live channel is left; sync goes
   * on by its timer) — the browser workstation says so when its last tab has been closed a while, as Electron's
   * closed window quits; true (the start): back on the channel, the selection held again when the page asks.
   */
  'team.present': { input: z.object({ present: z.boolean() }).strict(), output: z.object({ present: z.boolean() }) },
} as const satisfies MethodTable;

export const TEAM_EVENTS = {
  'team.changed': TeamView,
} as const;
