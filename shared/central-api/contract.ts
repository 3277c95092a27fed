// The central API contract (JSON over HTTP, bearer token): one zod schema per request and response.
// The reference server validates with it, the client parses with it, and the OpenAPI document is derived from it.
import { z } from 'zod';
import { Appeal, Attachment, RejectReason, Source } from '../domain/appeal.js';
import { Target } from '../domain/target.js';
import { User } from '../domain/user.js';
import { Preferences } from './preferences-contract.js';
import { HoldsRequest, HoldsResponse, LIVE_EVENTS, LiveQuery, TeamResponse } from './team-contract.js';
import { wellFormedStrings } from './well-formed-text.js';

export const API_PREFIX = '/api/v1';

/** Every error body the server sends; `code` is stable, `message` is for logs and people. */
export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ApiError = z.infer<typeof ApiError>;

export const SessionRequest = wellFormedStrings(z.object({
  login: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
}));
export type SessionRequest = z.infer<typeof SessionRequest>;
export const SessionResponse = z.object({ token: z.string().min(16), user: User });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** DELETE /session: the bearer token is revoked; answered the same when it was already gone. */
export const SignOutResponse = z.object({ ok: z.literal(true) });
export type SignOutResponse = z.infer<typeof SignOutResponse>;

export const TargetsResponse = z.object({ targets: z.array(Target) });
export type TargetsResponse = z.infer<typeof TargetsResponse>;

export const MAX_CHANGES_LIMIT = 1000;
export const ChangesQuery = wellFormedStrings(z.object({
  /** Opaque to clients: the server's change sequence after which to start. Absent = from the start. */
  cursor: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_CHANGES_LIMIT).default(500),
}));
export type ChangesQuery = z.infer<typeof ChangesQuery>;
export const ChangesResponse = z.object({
  appeals: z.array(Appeal),
  cursor: z.string().regex(/^\d{1,18}$/),
  hasMore: z.boolean(),
  /** Optional (older servers omit it): changes still to pull after this page — the progress of a first sync. */
  remaining: z.number().int().nonnegative().optional(),
  /** Optional: the server's newest change sequence. Below the client's cursor = restored from an older backup. */
  head: z.string().regex(/^\d{1,18}$/).optional(),
});
export type ChangesResponse = z.infer<typeof ChangesResponse>;

const MutationBase = {
  /**
   * Idempotency id chosen by the client (ULID); a re-sent id is answered `duplicate` and changes nothing. The same id
   * with another appeal or content is answered `invalid` (`mutation_id_reused`).
   */
  id: z.string().min(10).max(64),
  appealId: z.string().min(1).max(100),
  /** The appeal version the operator saw; any other current version makes the mutation a `conflict`. */
  baseVersion: z.number().int().positive(),
  createdAt: z.iso.datetime({ offset: true }),
};
export const Mutation = z.discriminatedUnion('type', [
  z.object({ ...MutationBase, type: z.literal('route'), targetId: z.string().min(1).max(100) }),
  z.object({ ...MutationBase, type: z.literal('reject'), reason: RejectReason }),
]);
export type Mutation = z.infer<typeof Mutation>;

export const MAX_MUTATIONS_PER_REQUEST = 200;
export const MutationsRequest = wellFormedStrings(
  z.object({ mutations: z.array(Mutation).min(1).max(MAX_MUTATIONS_PER_REQUEST) }));
export type MutationsRequest = z.infer<typeof MutationsRequest>;

export const MutationStatus = z.enum(['applied', 'duplicate', 'conflict', 'invalid']);
export type MutationStatus = z.infer<typeof MutationStatus>;
export const MutationResult = z.object({
  id: z.string(),
  status: MutationStatus,
  /** The appeal as it now stands on the server (always present for applied, duplicate and conflict). */
  appeal: Appeal.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;
export const MutationsResponse = z.object({ results: z.array(MutationResult) });
export type MutationsResponse = z.infer<typeof MutationsResponse>;

/** What a connector (VK, OK, Telegram, Gosuslugi) sends: the server assigns status, version and change order. */
export const IncomingAppeal = z.object({
  id: z.string().min(1).max(100),
  source: Source,
  channel: Appeal.shape.channel,
  author: Appeal.shape.author,
  text: Appeal.shape.text,
  attachments: z.array(Attachment).max(100).default([]),
  receivedAt: Appeal.shape.receivedAt,
});
export type IncomingAppeal = z.infer<typeof IncomingAppeal>;
export const IngestRequest = wellFormedStrings(z.object({ appeals: z.array(IncomingAppeal).min(1).max(1000) }));
export type IngestRequest = z.infer<typeof IngestRequest>;
export const IngestResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  /**
   * Ids of the appeals sent whose receivedAt lay ahead of the server's clock by more than RECEIVED_AHEAD_TOLERANCE_MS
   * (server/received-ahead.ts; the ПОС import follows it too), a connector's clock off: a new one is stored as
   * received now instead, or it would sit atop every inbox for days; a duplicate among them keeps the time stored
   * with it first.
   */
  receivedNow: z.array(z.string()).optional(),
});
export type IngestResponse = z.infer<typeof IngestResponse>;

const KiB = 1024;
/**
 * Body caps (bytes), refused from Content-Length before a byte is read or parsed. Each admits the largest valid request
 * even with every character JSON-escaped (`\uXXXX`: 6 bytes per UTF-16 unit); tests/node/server/body-caps checks it.
 */
export const MAX_BODY_BYTES = {
  /** login ≤ 100 and password ≤ 200 units: under 2 KB escaped. */
  session: 4 * KiB,
  /** MAX_MUTATIONS_PER_REQUEST mutations, ids ≤ 64 + 100 + 100 units each: under 350 KB escaped. */
  mutations: 512 * KiB,
  /** One appeal at every maximum (text, 100 attachments) is under 2.5 MB escaped; connectors split larger batches. */
  ingest: 5 * 1024 * KiB,
  /** MAX_HELD_APPEALS (team-contract) ids of ≤ 100 units: under 125 KB escaped. */
  holds: 128 * KiB,
  /** Nine ids of ≤ 100 units: under 6 KB escaped. */
  preferences: 8 * KiB,
} as const;

/**
 * The endpoint table; the OpenAPI document and the route registry both read it. Every endpoint with a `body` has its
 * `maxBodyBytes` and takes `Content-Type: application/json` only (a cross-site form cannot send that without a CORS
 * preflight, which the server never answers).
 */
export const ENDPOINTS = {
  session: { method: 'POST', path: '/session', auth: null, body: SessionRequest, maxBodyBytes: MAX_BODY_BYTES.session,
    response: SessionResponse, summary: 'Sign in with login and password; returns a bearer token' },
  targets: { method: 'GET', path: '/targets', auth: ['operator', 'lead', 'connector'], response: TargetsResponse,
    summary: 'Routing targets: ministries, municipalities, other bodies' },
  changes: { method: 'GET', path: '/changes', auth: ['operator', 'lead'], query: ChangesQuery,
    response: ChangesResponse, summary: 'Appeals changed after the cursor, in server change order' },
  mutations: { method: 'POST', path: '/mutations', auth: ['operator', 'lead'], body: MutationsRequest,
    maxBodyBytes: MAX_BODY_BYTES.mutations, response: MutationsResponse,
    summary: 'Apply operator decisions idempotently; conflicts carry the current appeal' },
  ingest: { method: 'POST', path: '/appeals', auth: ['connector'], body: IngestRequest,
    maxBodyBytes: MAX_BODY_BYTES.ingest, response: IngestResponse,
    summary: 'Ingest new appeals from the social-network and Gosuslugi connectors' },
  holds: { method: 'PUT', path: '/holds', auth: ['operator', 'lead'], body: HoldsRequest,
    maxBodyBytes: MAX_BODY_BYTES.holds, response: HoldsResponse,
    summary: 'Team mode: this session now holds exactly these appeals (soft claims, 90 s lease; advice, never a lock)' },
  team: { method: 'GET', path: '/team', auth: ['operator', 'lead'], response: TeamResponse,
    summary: 'Team mode: who of the shift is connected and what each holds' },
  preferences: { method: 'GET', path: '/me/preferences', auth: ['operator', 'lead'], response: Preferences,
    summary: "The signed-in operator's own preferences (favourite targets for the digit keys); null where never set" },
  savePreferences: { method: 'PUT', path: '/me/preferences', auth: ['operator', 'lead'], body: Preferences,
    maxBodyBytes: MAX_BODY_BYTES.preferences, response: Preferences,
    summary: "Replace the signed-in operator's own preferences" },
  // Last: the role walk in tests revokes each token only after every other endpoint.
  // goneTokenAnswered: a well-formed bearer token that is already revoked or expired is answered 200 as well.
  signOut: { method: 'DELETE', path: '/session', auth: ['operator', 'lead', 'connector'], goneTokenAnswered: true,
    response: SignOutResponse, summary: 'Sign out: revoke this bearer token (sessions also expire 12 h after sign-in)' },
} as const;

/** Streaming endpoints (server-sent events): described in OpenAPI, served outside the JSON route table. */
export const STREAMS = {
  live: { method: 'GET', path: '/live', auth: ['operator', 'lead'], query: LiveQuery, events: LIVE_EVENTS,
    summary: 'Team mode live channel (text/event-stream): hello, changes {head}, team, bye; heartbeat comments' },
} as const;
