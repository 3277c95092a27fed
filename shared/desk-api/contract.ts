// The desk API: the one seam between the UI and the machine. Method name → zod input and output;
// event name → zod payload. Electron IPC and the test harness both carry exactly this. Each feature owns its table
// (<feature>-contract.ts); this module only combines them, so no feature table imports it.
import { z } from 'zod';
import { CLUSTER_METHODS } from './clusters-contract.js';
import { INBOX_EVENTS, INBOX_METHODS } from './inbox-contract.js';
import { KEYS_METHODS } from './keys-contract.js';
import { LEAD_EVENTS, LEAD_METHODS } from './lead-contract.js';
import { ROUTING_EVENTS, ROUTING_METHODS } from './routing-contract.js';
import { SEARCH_METHODS } from './search-contract.js';
import { SESSION_EVENTS, SESSION_METHODS } from './session-contract.js';
import { SYNC_EVENTS, SYNC_METHODS } from './sync-contract.js';
import { TEAM_EVENTS, TEAM_METHODS } from './team-contract.js';

// The shapes each feature table defines, exported from here too (most of the app imports them from the contract).
export { FAVORITE_SLOTS, InboxRow, ListedRow, LocalAppeal } from './inbox-contract.js';
export { MAX_ROWS_PER_CALL } from './search-contract.js';
export { Session } from './session-contract.js';
export { Conflict, SyncLogEntry, SyncState, SyncStatus } from './sync-contract.js';

export const DESK_METHODS = {
  // Session: who is signed in, sign in and out (session-contract.ts).
  ...SESSION_METHODS,
  // Inbox: ids, one appeal, targets and favourites, decisions and undo (inbox-contract.ts).
  ...INBOX_METHODS,
  // The grid's rows, search, saved views (search-contract.ts).
  ...SEARCH_METHODS,
  // Sync status and log, conflicts (sync-contract.ts).
  ...SYNC_METHODS,
  // Shift lead: queues, re-decisions in bulk, statistics, report exports (lead-contract.ts).
  ...LEAD_METHODS,
  // Routing suggestions with reasons, the place found in the text (routing-contract.ts).
  ...ROUTING_METHODS,
  // Surge clusters: members, one decision for the whole cluster (clusters-contract.ts).
  ...CLUSTER_METHODS,
  // Team mode: holds, presence, the live channel (team-contract.ts).
  ...TEAM_METHODS,
  // The operator's remapped shortcuts, kept per operator (keys-contract.ts).
  ...KEYS_METHODS,
} as const;

export const DESK_EVENTS = {
  ...INBOX_EVENTS,
  ...SYNC_EVENTS,
  ...SESSION_EVENTS,
  ...LEAD_EVENTS,
  ...ROUTING_EVENTS,
  ...TEAM_EVENTS,
} as const;

/**
 * Events whose payload is the whole current state (not a change): a listener that connects late needs only the
 * newest. The harness's event stream hands the newest of each to a client as it connects — an 'online' emitted
 * between the page's first sync.status call and its stream being registered would otherwise be lost, and the status
 * bar would say «синхронизация» until the next change (seen as a desk "stuck syncing" for a minute).
 */
export const STATE_EVENTS: ReadonlySet<string> = new Set(['sync.status', 'session.changed', 'team.changed']);

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
  'not_withdrawn', // «Отозвано автором» chosen for an appeal its author did not withdraw (issue 14 item 6)
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

/** Methods only the shell itself calls (Electron main applying IT's policy), never a page: IPC and the harness refuse
 * them, so an operator's DevTools cannot set what the policy owns. */
export const SHELL_ONLY_METHODS: ReadonlySet<DeskMethod> = new Set<DeskMethod>(['favorites.setMachine']);

/** A method a page may call: known, and not the shell's own. */
export function isPageMethod(name: unknown): name is DeskMethod {
  return isDeskMethod(name) && !SHELL_ONLY_METHODS.has(name);
}
export function isDeskEvent(name: unknown): name is DeskEvent {
  return typeof name === 'string' && Object.hasOwn(DESK_EVENTS, name);
}

/** What the preload (or the harness bridge) puts on `window.desk`: two functions, nothing else. */
export interface DeskBridge {
  call(method: string, input: unknown): Promise<DeskResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
