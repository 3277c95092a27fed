// The route table: ENDPOINTS from the contract → auth, role check, zod-validated input → handler → response
// checked against the contract's schema. Every failure leaves as an ApiError body with a fitting status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { API_PREFIX, ENDPOINTS } from '../shared/central-api/contract.js';
import type { User } from '../shared/domain/user.js';
import type { Auth } from './auth.js';
import { HttpError, readJsonBody, sendError, sendJson } from './http-io.js';

type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;

type InputOf<E> = E extends { body: z.ZodType } ? z.output<E['body']>
  : E extends { query: z.ZodType } ? z.output<E['query']> : undefined;
type OutputOf<E> = E extends { response: z.ZodType } ? z.input<E['response']> : never;
type UserOf<E> = E extends { auth: null } ? null : User;

/** Facts about the request a handler may need beyond its input (the login rate limit keys on the address). */
export interface RequestMeta {
  address: string;
  /** The Authorization header as sent (DELETE /session revokes that very token). */
  authorization: string | undefined;
}

/** One handler per contract endpoint; input is already validated, the user already authorised. */
export type Handlers = {
  [K in EndpointName]: (input: InputOf<Endpoints[K]>, user: UserOf<Endpoints[K]>, meta: RequestMeta) =>
    OutputOf<Endpoints[K]> | Promise<OutputOf<Endpoints[K]>>;
};

/** Extra unauthenticated GET routes outside the contract table (health, openapi.json). */
export type PlainRoutes = Record<string, () => unknown>;

interface RouteSpec {
  method: string;
  auth: readonly string[] | null;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
}

function describeIssues(error: z.ZodError): string {
  const text = z.prettifyError(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}

export function createRouter(opts: { auth: Auth; handlers: Handlers; plain: PlainRoutes; log: (line: string) => void }) {
  const { auth, handlers, plain, log } = opts;
  // One path may serve several methods (POST and DELETE /session): path → method → endpoint.
  const byPath = new Map<string, Map<string, { name: EndpointName; spec: RouteSpec }>>();
  for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
    const spec = ENDPOINTS[name] as RouteSpec;
    const path = API_PREFIX + ENDPOINTS[name].path;
    const methods = byPath.get(path) ?? new Map<string, { name: EndpointName; spec: RouteSpec }>();
    methods.set(spec.method, { name, spec });
    byPath.set(path, methods);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';

    const plainRoute = plain[url.pathname];
    if (plainRoute) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса');
      }
      sendJson(res, 200, plainRoute());
      return;
    }

    const methods = byPath.get(url.pathname);
    if (!methods) throw new HttpError(404, 'not_found', 'Нет такого адреса API');
    const route = methods.get(method);
    if (!route) throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса');
    const { name, spec } = route;

    // Authenticate before reading any body, so anonymous clients cannot make the server buffer megabytes.
    let user: User | null = null;
    if (spec.auth !== null) {
      user = auth.userFromHeader(req.headers.authorization);
      if (!user) throw new HttpError(401, 'unauthorized', 'Нужен вход: токен отсутствует или недействителен');
      if (!spec.auth.includes(user.role)) {
        throw new HttpError(403, 'forbidden', 'Недостаточно прав для этого действия');
      }
    }

    let input: unknown = undefined;
    const schema = spec.body ?? spec.query;
    if (schema) {
      const raw = spec.body ? await readJsonBody(req) : Object.fromEntries(url.searchParams);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw new HttpError(400, 'invalid_request', `Некорректный запрос: ${describeIssues(parsed.error)}`);
      }
      input = parsed.data;
    }

    const handler = handlers[name] as (input: unknown, user: User | null, meta: RequestMeta) => unknown;
    const output = await handler(input, user,
      { address: req.socket.remoteAddress ?? 'unknown', authorization: req.headers.authorization });
    // The contract is the promise to clients: a response that does not match it is a server bug, not data.
    const checked = spec.response.safeParse(output);
    if (!checked.success) {
      log(`contract violation in ${name} response: ${describeIssues(checked.error)}`);
      throw new HttpError(500, 'internal', 'Внутренняя ошибка сервера');
    }
    sendJson(res, 200, output);
  }

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await handle(req, res);
    } catch (err) {
      const error = err instanceof HttpError ? err : new HttpError(500, 'internal', 'Внутренняя ошибка сервера');
      if (!(err instanceof HttpError)) log(`internal error on ${req.method} ${req.url}: ${String((err as Error)?.stack ?? err)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const headers: Record<string, string> = { ...error.headers, ...(error.status === 413 ? { connection: 'close' } : {}) };
      if (error.status === 405) headers.allow = allowedMethod(req.url, byPath, plain);
      sendError(res, error, headers);
    }
  };
}

function allowedMethod(rawUrl: string | undefined, byPath: Map<string, Map<string, unknown>>, plain: PlainRoutes): string {
  const path = new URL(rawUrl ?? '/', 'http://localhost').pathname;
  return plain[path] ? 'GET, HEAD' : [...(byPath.get(path)?.keys() ?? ['GET'])].join(', ');
}
