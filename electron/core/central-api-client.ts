// HTTP client for the central API: bearer token, a timeout per request, and every response parsed with the shared
// zod schema. Anything off-contract becomes an ApiFailure (with one log line) before any of it is used.
import type { z } from 'zod';
import {
  API_PREFIX,
  ApiError,
  ChangesResponse,
  MutationsResponse,
  SessionResponse,
  SignOutResponse,
  TargetsResponse,
  type Mutation,
  type SessionRequest,
} from '../../shared/central-api/contract.js';
import { Preferences } from '../../shared/central-api/preferences-contract.js';
import { HoldsResponse } from '../../shared/central-api/team-contract.js';

export type ApiFailureKind =
  | 'unreachable' // connection refused, DNS, timeout
  | 'unauthorized' // 401: token missing, expired or wrong login
  | 'rejected' // other 4xx
  | 'server_error' // 5xx
  | 'bad_response'; // 2xx whose body does not match the contract

export class ApiFailure extends Error {
  readonly kind: ApiFailureKind;
  readonly status: number | null;
  /** The server's Retry-After (429/503), in ms; the engine waits at least this long. */
  readonly retryAfterMs: number | null;
  /** The server's stable error code (`storage_unavailable`…), for IT in the sync log; null when it sent none. */
  readonly code: string | null;
  constructor(kind: ApiFailureKind, message: string, status: number | null = null, retryAfterMs: number | null = null,
    code: string | null = null) {
    super(message);
    this.name = 'ApiFailure';
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
    this.code = code;
  }
}

/** A Retry-After longer than this is capped: a misconfigured proxy must not park the desk for a day. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

export interface CentralApiClientOptions {
  apiUrl: string;
  timeoutMs: number;
  token: () => string | null;
  log: (line: string) => void;
  /** The Electron shell passes net.fetch: the session's proxy and certificate checks (policy) then apply. */
  fetch?: typeof fetch;
}

export interface CentralApiClient {
  login(request: SessionRequest): Promise<SessionResponse>;
  targets(): Promise<TargetsResponse>;
  changes(cursor: string | null, limit: number): Promise<ChangesResponse>;
  /** POST /mutations under the current session, or under `token` (a previous operator's parked session, #12). */
  mutations(mutations: Mutation[], token?: string): Promise<MutationsResponse>;
  /** DELETE /session: revokes the current token on the server (sign-out calls it best-effort). */
  signOut(): Promise<SignOutResponse>;
  /** PUT /holds: this session now holds exactly these appeals (team mode, #9), `deciding` those decided (in grace). */
  holds(appealIds: readonly string[], deciding?: readonly string[]): Promise<HoldsResponse>;
  /** GET / PUT /me/preferences: the signed-in operator's own favourite targets on the server (#13 item 5). */
  preferences(): Promise<Preferences>;
  savePreferences(preferences: Preferences): Promise<Preferences>;
  /**
   * GET /live: the team live channel as an open server-sent-events response (its body not yet read). No timeout:
   * the stream lives until `signal` aborts it; a refusal is an ApiFailure like any other request's.
   */
  openLive(cursor: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}

/**
 * Applied and conflict results must carry the appeal: without it the local view could not be set safely. A bare
 * duplicate is tolerated (the server may no longer hold the appeal); the next pull brings its state.
 */
const CompleteMutationsResponse = MutationsResponse.superRefine((body, ctx) => {
  body.results.forEach((result, index) => {
    if ((result.status === 'applied' || result.status === 'conflict') && !result.appeal) {
      ctx.addIssue({ code: 'custom', path: ['results', index, 'appeal'], message: `appeal missing for ${result.status}` });
    }
  });
});

/** Issue paths and messages only: zod messages do not echo values, so no citizen text reaches the log. */
function describeIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/** Network error codes in the words the operator reads (the code itself goes to the core's log for IT). */
const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'сервер не принимает подключения',
  ECONNRESET: 'связь с сервером оборвалась',
  ENOTFOUND: 'адрес сервера не найден',
  EAI_AGAIN: 'адрес сервера не найден',
  ETIMEDOUT: 'нет ответа от сервера',
  EHOSTUNREACH: 'нет сети до сервера',
  ENETUNREACH: 'нет сети',
};

function describeNetworkError(error: unknown, timeoutMs: number): { why: string; detail: string } {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    const why = `нет ответа за ${Math.round(timeoutMs / 1000)} с`;
    return { why, detail: why };
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const detail = cause && typeof cause.code === 'string' ? cause.code
    : error instanceof Error ? error.message : String(error);
  return { why: NETWORK_REASONS[detail] ?? 'нет связи с сервером', detail };
}

export function createCentralApiClient(options: CentralApiClientOptions): CentralApiClient {
  const base = options.apiUrl.replace(/\/+$/, '') + API_PREFIX;

  /** An HTTP error answer as an ApiFailure (one log line, no body text beyond the stable error code). */
  function failureOf(response: Response, text: string, label: string): ApiFailure {
    const parsedError = ApiError.safeParse(safeJson(text));
    const code = parsedError.success ? parsedError.data.error.code : null;
    options.log(`api: ${label} → HTTP ${response.status} (${code ?? 'unknown'})`);
    if (response.status === 401) return new ApiFailure('unauthorized', 'Требуется вход в систему', 401, null, code);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status === 429) {
      return new ApiFailure('server_error', 'Сервер перегружен, повтор позже', 429, retryAfterMs, code);
    }
    if (response.status >= 500) {
      // The server is up but its database is not (PostgreSQL restarting, failing over): said as such, so IT looks
      // at the database and not at the network (an IT trial of 6 December read «Нет связи» through a PG outage).
      const message = code === 'storage_unavailable' ? 'База данных сервера недоступна, повтор позже'
        : 'Ошибка на сервере, повтор позже';
      return new ApiFailure('server_error', message, response.status, retryAfterMs, code);
    }
    return new ApiFailure('rejected', 'Сервер отклонил запрос', response.status, null, code);
  }

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S,
    body: unknown,
    auth: boolean,
    tokenOverride?: string,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) {
      const token = tokenOverride ?? options.token();
      if (!token) throw new ApiFailure('unauthorized', 'Нет входа в систему', 401);
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const label = `${method} ${path.split('?')[0] ?? path}`;
    let response: Response;
    let text: string;
    try {
      response = await (options.fetch ?? fetch)(base + path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const { why, detail } = describeNetworkError(error, options.timeoutMs);
      options.log(`api: ${label} unreachable: ${detail}`);
      throw new ApiFailure('unreachable', `Сервер недоступен: ${why}`);
    }
    if (!response.ok) throw failureOf(response, text, label);
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) {
      options.log(`api: ${label} → off-contract response rejected: ${describeIssues(parsed.error)}`);
      throw new ApiFailure('bad_response', 'Сервер прислал ответ не по протоколу; данные не приняты', response.status);
    }
    return parsed.data;
  }

  return {
    login: (body) => request('POST', '/session', SessionResponse, body, false),
    targets: () => request('GET', '/targets', TargetsResponse, undefined, true),
    changes: (cursor, limit) => {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return request('GET', `/changes?${query.toString()}`, ChangesResponse, undefined, true);
    },
    mutations: (mutations, token) => request('POST', '/mutations', CompleteMutationsResponse, { mutations }, true, token),
    signOut: () => request('DELETE', '/session', SignOutResponse, undefined, true),
    holds: (appealIds, deciding = []) => request('PUT', '/holds', HoldsResponse,
      deciding.length > 0 ? { appealIds, deciding } : { appealIds }, true),
    preferences: () => request('GET', '/me/preferences', Preferences, undefined, true),
    savePreferences: (preferences) => request('PUT', '/me/preferences', Preferences, preferences, true),
    async openLive(cursor, signal) {
      const token = options.token();
      if (!token) throw new ApiFailure('unauthorized', 'Нет входа в систему', 401);
      const query = cursor === null ? '' : `?${new URLSearchParams({ cursor }).toString()}`;
      // Only the wait for the answer's head is bounded (the stream itself lives on): a server that never answers is
      // given up like any other; the caller's signal ends the stream later.
      const connect = new AbortController();
      const stopWaiting = setTimeout(() => connect.abort(new DOMException('timeout', 'TimeoutError')), options.timeoutMs);
      const forward = () => connect.abort(signal.reason);
      signal.addEventListener('abort', forward, { once: true });
      let response: Response;
      try {
        response = await (options.fetch ?? fetch)(`${base}/live${query}`, {
          method: 'GET', headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, signal: connect.signal,
        });
      } catch (error) {
        signal.removeEventListener('abort', forward);
        const { why, detail } = describeNetworkError(connect.signal.reason ?? error, options.timeoutMs);
        options.log(`api: GET /live unreachable: ${detail}`);
        throw new ApiFailure('unreachable', `Сервер недоступен: ${why}`);
      } finally {
        clearTimeout(stopWaiting);
      }
      if (!response.ok) throw failureOf(response, await response.text().catch(() => ''), 'GET /live');
      if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream') || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        throw new ApiFailure('bad_response', 'Сервер не поддерживает живой канал', response.status);
      }
      return response.body;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
