// The route table: ENDPOINTS from the contract → auth, role check, JSON content type and the endpoint's body cap,
// zod-validated input → handler → response checked against the contract's schema. Every failure leaves as an
// ApiError body with a fitting status.
// STREAMS (server-sent events) pass the same auth, role and query checks, then their handler owns the response.
// Items a handler read back from the store as stored JSON (sendsStoredJson) are checked like any other part of the
// response, then sent as those bytes instead of being serialised again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { API_PREFIX, ENDPOINTS, STREAMS } from '../shared/central-api/contract.js';
import type { User } from '../shared/domain/user.js';
import { sessionKeyFromHeader, type Auth } from './auth.js';
import { failureOf } from './failure-status.js';
import { HttpError, readJsonBody, requireJsonContentType, sendError, sendJson } from './http-io.js';
import { describeIssues, RUSSIAN_ISSUES } from '../shared/text/issue-text.js';

type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

type InputOf<E> = E extends { body: z.ZodType } ? z.output<E['body']>
  : E extends { query: z.ZodType } ? z.output<E['query']> : undefined;
type OutputOf<E> = E extends { response: z.ZodType } ? z.input<E['response']> : never;
type UserOf<E> = E extends { auth: null } ? null : E extends { goneTokenAnswered: true } ? User | null : User;

/** Facts about the request a handler may need beyond its input (the login rate limit keys on the address). */
export interface RequestMeta {
  address: string;
  /** The Authorization header as sent (DELETE /session revokes that very token). */
  authorization: string | undefined;
  /** The key of the bearer session (a hash of the token), null without one; per-session state is keyed by it. */
  sessionKey: string | null;
}

/** One handler per contract endpoint; input is already validated, the user already authorised. */
export type Handlers = {
  [K in EndpointName]: (input: InputOf<Endpoints[K]>, user: UserOf<Endpoints[K]>, meta: RequestMeta) =>
    OutputOf<Endpoints[K]> | Promise<OutputOf<Endpoints[K]>>;
};

type Streams = typeof STREAMS;
export type StreamName = keyof Streams;
type QueryOf<S> = S extends { query: z.ZodType } ? z.output<S['query']> : undefined;

/**
 * One handler per contract stream; the user is authorised and the query validated. It owns `res` from then on (it may
 * still throw HttpError before writing anything, e.g. a connection cap).
 */
export type StreamHandlers = {
  [K in StreamName]: (input: QueryOf<Streams[K]>, user: User, meta: RequestMeta & { sessionKey: string },
    req: IncomingMessage, res: ServerResponse) => Promise<void>;
};

/** Extra unauthenticated GET routes outside the contract table (health, openapi.json). */
export type PlainRoutes = Record<string, () => unknown>;

interface RouteSpec {
  method: string;
  auth: readonly string[] | null;
  /** A well-formed bearer token whose session is gone (revoked, expired) reaches the handler with user null. */
  goneTokenAnswered?: true;
  body?: z.ZodType;
  maxBodyBytes?: number;
  query?: z.ZodType;
  response: z.ZodType;
}

interface StreamSpec {
  method: string;
  auth: readonly string[];
  query?: z.ZodType;
}

/** The stored JSON text of each item of a response array, by that array. */
const storedJsonOf = new WeakMap<readonly unknown[], readonly string[]>();

/**
 * Marks `items` as read back from the store: `json[i]` is the stored JSON text that `items[i]` was parsed from. The route
 * table checks the items against the contract as usual, then sends these texts instead of serialising the items again:
 * re-serialising (JSON.stringify, then UTF-8) cost a /changes page more than reading and checking it.
 */
export function sendsStoredJson<T>(items: T[], json: readonly string[]): T[] {
  if (json.length !== items.length) throw new Error(`stored JSON for ${json.length} of ${items.length} items`);
  storedJsonOf.set(items, json);
  return items;
}

/**
 * The response body when `output` has a top-level array marked by sendsStoredJson, else null (then sendJson serialises
 * it). The same JSON value as JSON.stringify(output): each marked item is written as the stored text it was parsed from.
 */
function serialiseStoredJson(output: unknown): Buffer | null {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return null;
  const entries = Object.entries(output);
  if (!entries.some(([, value]) => Array.isArray(value) && storedJsonOf.has(value))) return null;
  // Encoded item by item: one large string (a joined page, JSON.stringify's result) costs several times more to build
  // and to encode than its pieces do.
  const parts: Uint8Array[] = [];
  for (const [key, value] of entries) {
    const items = Array.isArray(value) ? storedJsonOf.get(value) : undefined;
    const start = `${parts.length === 0 ? '{' : ','}${JSON.stringify(key)}:`;
    if (items === undefined) {
      const json = JSON.stringify(value) as string | undefined;
      if (json !== undefined) parts.push(Buffer.from(start + json)); // JSON.stringify leaves out undefined values
      continue;
    }
    parts.push(Buffer.from(`${start}[`));
    items.forEach((json, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(Buffer.from(json));
    });
    parts.push(CLOSE_ARRAY);
  }
  parts.push(CLOSE_OBJECT);
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');
const CLOSE_ARRAY = Buffer.from(']');
const CLOSE_OBJECT = Buffer.from('}');

/** What sendJson (http-io.ts) sends, for a body serialised already. */
function sendSerialised(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function prettyIssues(error: z.ZodError): string {
  const text = z.prettifyError(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

export function createRouter(opts: {
  auth: Auth; handlers: Handlers; streams: StreamHandlers; plain: PlainRoutes; log: (line: string) => void;
}) {
  const { auth, handlers, streams, plain, log } = opts;
  // One path may serve several methods (POST and DELETE /session): path → method → endpoint.
  const byPath = new Map<string, Map<string, { name: EndpointName; spec: RouteSpec }>>();
  for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
    const spec = ENDPOINTS[name] as RouteSpec;
    if (spec.body && !spec.maxBodyBytes) throw new Error(`endpoint ${name} has a body but no maxBodyBytes`);
    const path = API_PREFIX + ENDPOINTS[name].path;
    const methods = byPath.get(path) ?? new Map<string, { name: EndpointName; spec: RouteSpec }>();
    methods.set(spec.method, { name, spec });
    byPath.set(path, methods);
  }
  const streamByPath = new Map<string, { name: StreamName; spec: StreamSpec }>();
  for (const name of Object.keys(STREAMS) as StreamName[]) {
    streamByPath.set(API_PREFIX + STREAMS[name].path, { name, spec: STREAMS[name] as StreamSpec });
  }

  const metaOf = (req: IncomingMessage): RequestMeta => ({
    address: req.socket.remoteAddress ?? 'unknown',
    authorization: req.headers.authorization,
    sessionKey: sessionKeyFromHeader(req.headers.authorization),
  });

  // Authenticate before reading any body, so anonymous clients cannot make the server buffer megabytes.
  const authorise = async (req: IncomingMessage, roles: readonly string[]): Promise<User> => {
    const user = await auth.userFromHeader(req.headers.authorization);
    if (!user) throw unauthorized();
    if (!roles.includes(user.role)) throw new HttpError(403, 'forbidden', 'Недостаточно прав для этого действия');
    return user;
  };

  const validate = (schema: z.ZodType, raw: unknown): unknown => {
    const parsed = schema.safeParse(raw, RUSSIAN_ISSUES);
    if (!parsed.success) {
      throw new HttpError(400, 'invalid_request', `Некорректный запрос: ${describeIssues(parsed.error, 'тело')}`);
    }
    return parsed.data;
  };

  async function handleStream(req: IncomingMessage, res: ServerResponse, url: URL, stream: { name: StreamName; spec: StreamSpec }): Promise<void> {
    if ((req.method ?? 'GET') !== stream.spec.method) {
      throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса');
    }
    const user = await authorise(req, stream.spec.auth);
    const input = stream.spec.query ? validate(stream.spec.query, Object.fromEntries(url.searchParams)) : undefined;
    const meta = metaOf(req);
    if (meta.sessionKey === null) throw unauthorized();
    const handler = streams[stream.name] as (input: unknown, user: User, meta: RequestMeta & { sessionKey: string },
      req: IncomingMessage, res: ServerResponse) => Promise<void>;
    await handler(input, user, { ...meta, sessionKey: meta.sessionKey }, req, res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    const method = req.method ?? 'GET';

    const plainRoute = plain[url.pathname];
    if (plainRoute) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса');
      }
      sendJson(res, 200, plainRoute());
      return;
    }

    const stream = streamByPath.get(url.pathname);
    if (stream) {
      await handleStream(req, res, url, stream);
      return;
    }

    const methods = byPath.get(url.pathname);
    if (!methods) throw new HttpError(404, 'not_found', 'Нет такого адреса API');
    const route = methods.get(method);
    if (!route) throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса');
    const { name, spec } = route;

    // A sign-out with a token already gone is answered like the first one: the token is revoked either way.
    const goneToken = spec.goneTokenAnswered === true && sessionKeyFromHeader(req.headers.authorization) !== null
      && (await auth.userFromHeader(req.headers.authorization)) === null;
    const user = spec.auth === null || goneToken ? null : await authorise(req, spec.auth);
    let input: unknown = undefined;
    if (spec.body) {
      // Both refusals come before a byte of the body is read or parsed (the cap from Content-Length when declared).
      requireJsonContentType(req);
      input = validate(spec.body, await readJsonBody(req, spec.maxBodyBytes ?? 0));
    } else if (spec.query) input = validate(spec.query, Object.fromEntries(url.searchParams));

    const handler = handlers[name] as (input: unknown, user: User | null, meta: RequestMeta) => unknown;
    const output = await handler(input, user, metaOf(req));
    // The contract is the promise to clients: a response that does not match it is a server bug, not data.
    const checked = spec.response.safeParse(output);
    if (!checked.success) {
      log(`contract violation in ${name} response: ${prettyIssues(checked.error)}`);
      throw new HttpError(500, 'internal', 'Внутренняя ошибка сервера');
    }
    const stored = serialiseStoredJson(output);
    if (stored === null) sendJson(res, 200, output);
    else sendSerialised(res, stored);
  }

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await handle(req, res);
    } catch (err) {
      const { error, logLine } = failureOf(err, `${req.method} ${req.url}`);
      if (logLine !== null) log(logLine);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const headers: Record<string, string> = { ...error.headers, ...(error.status === 413 ? { connection: 'close' } : {}) };
      if (error.status === 405) headers.allow = allowedMethod(req.url, byPath, streamByPath, plain);
      sendError(res, error, headers);
    }
  };
}

const unauthorized = () => new HttpError(401, 'unauthorized', 'Нужен вход: токен отсутствует или недействителен');

/** The request target as a URL; a malformed one (`GET http://[bad/…`) is the client's error, not the server's. */
function requestUrl(rawUrl: string | undefined): URL {
  try {
    return new URL(rawUrl ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'invalid_request', 'Некорректный адрес в строке запроса');
  }
}

function allowedMethod(rawUrl: string | undefined, byPath: Map<string, Map<string, unknown>>,
  streamByPath: Map<string, { spec: StreamSpec }>, plain: PlainRoutes): string {
  const path = requestUrl(rawUrl).pathname;
  if (plain[path]) return 'GET, HEAD';
  const stream = streamByPath.get(path);
  if (stream) return stream.spec.method;
  return [...(byPath.get(path)?.keys() ?? ['GET'])].join(', ');
}
