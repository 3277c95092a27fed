// A real reference server with a Telegram bot configured, a real HTTP client posting updates to it as Telegram does
// (webhook), and a fake Bot API (a real http.createServer on loopback answering getUpdates) for polling mode. Runs on
// SQLite or PostgreSQL like every server-fixture test (TRIAGE_DESK_TEST_ENGINE).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connectorPayload, listenOnLoopback, startConnectorServer, type ConnectorServer } from './connector-server.js';

export const BOT = 'nso_minzdrav_bot';
export const SECRET_TOKEN = 'fixture-Secret_token-9Qx';
export const BOT_TOKEN = '7000000001:AAFixtureBotTokenDoNotLog_x1';
export const GROUP_ID = -1002000000022;
export const CHANNEL = { name: 'Минздрав НСО', url: 'https://t.me/minzdrav_nso' };

type Json = Record<string, unknown>;
/** An update from tests/fixtures/connectors/telegram, parsed (a fresh copy each time). */
export function tgUpdate(name: string): Json & { update_id: number; message?: Json; edited_message?: Json } {
  return connectorPayload<Json & { update_id: number; message?: Json }>('telegram', name);
}

/** A fixture update with other ids and fields (its message merged shallowly). */
export function withMessage(name: string, updateId: number, message: Json): Json {
  const update = tgUpdate(name);
  const key = update.message !== undefined ? 'message' : 'edited_message';
  return { ...update, update_id: updateId, [key]: { ...(update[key] as Json), ...message } };
}

/**
 * An update the fake hands over as `raw` (anything, not even an object) while holding it under `id`, as Telegram holds
 * every update under its id: confirmed by an offset past `id` like any other.
 */
export class OpaqueUpdate {
  constructor(readonly id: number, readonly raw: unknown) {}
}

const idOf = (u: unknown): unknown => (u instanceof OpaqueUpdate ? u.id : (u as { update_id?: unknown } | null)?.update_id);

export interface FakeBotApi {
  url: string;
  /** Every getUpdates request: its query, the path (with the token), when it came, and whether it was cut by the client. */
  calls: { query: URLSearchParams; path: string; at: number; aborted: boolean }[];
  /** Updates Telegram holds for the bot; handed out from the asked offset (confirmed ones are dropped). An OpaqueUpdate is sent as its raw value. */
  pending: unknown[];
  /** Answers to give before any updates, in order (a failure streak): status and body. */
  failures: { status: number; body: string }[];
  /** How long an empty long poll is held (the fake's own cap; the client's `timeout` is recorded, not waited). */
  holdMs: number;
  /** Hands the same batch again, as Telegram does when the offset was never confirmed (a crash in between). */
  replay: boolean;
  close(): Promise<void>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const api: Omit<FakeBotApi, 'url' | 'close'> = { calls: [], pending: [], failures: [], holdMs: 150, replay: false };
  const answer = (res: ServerResponse, status: number, body: string) => {
    if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const call = { query: url.searchParams, path: url.pathname, at: Date.now(), aborted: false };
    res.once('close', () => {
      if (!res.writableFinished) call.aborted = true;
    });
    if (url.pathname !== `/bot${BOT_TOKEN}/getUpdates`) {
      answer(res, 401, JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
      return;
    }
    api.calls.push(call);
    const failure = api.failures.shift();
    if (failure) {
      answer(res, failure.status, failure.body);
      return;
    }
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (!api.replay) {
      // Telegram forgets every update below the offset asked for: it is confirmed.
      api.pending = api.pending.filter((u) => typeof idOf(u) !== 'number' || (idOf(u) as number) >= offset);
    }
    if (api.pending.length > 0) {
      answer(res, 200, JSON.stringify({ ok: true, result: api.pending.map((u) => (u instanceof OpaqueUpdate ? u.raw : u)) }));
      return;
    }
    setTimeout(() => answer(res, 200, JSON.stringify({ ok: true, result: [] })), api.holdMs);
  });
  return Object.assign(api, await listenOnLoopback(server));
}

export interface TelegramFixture extends ConnectorServer {
  api: FakeBotApi;
  /** POSTs an update (or raw text) to the bot's webhook address, with the secret header unless told otherwise. */
  post(update: unknown, opts?: { bot?: string; raw?: string; secret?: string | null; method?: string }): Promise<{ status: number; text: string }>;
  dispose(): Promise<void>;
}

export async function startTelegramFixture(opts: {
  mode?: 'webhook' | 'polling';
  channel?: { name: string; url: string };
  poll?: { timeoutS?: number; backoffMinMs?: number; backoffMaxMs?: number };
  /** Prepares the fake Bot API before the server (and its poller) starts. */
  prepare?: (api: FakeBotApi) => void;
} = {}): Promise<TelegramFixture> {
  const api = await startFakeBotApi();
  opts.prepare?.(api);
  const server = await startConnectorServer({
    telegram: [{
      bot: BOT, channel: opts.channel ?? CHANNEL,
      ...(opts.mode === 'polling' ? { mode: 'polling' } : { secretToken: { env: 'TG_SECRET_MINZDRAV' } }),
      botToken: { env: 'TG_TOKEN_MINZDRAV' },
    }],
  }, {
    env: { TG_SECRET_MINZDRAV: SECRET_TOKEN, TG_TOKEN_MINZDRAV: BOT_TOKEN }, telegramApiUrl: api.url,
    ...(opts.poll !== undefined ? { telegramPoll: opts.poll } : {}),
  });
  const { fx } = server;
  return {
    ...server, api,
    async post(update, { bot = BOT, raw, secret = SECRET_TOKEN, method = 'POST' } = {}) {
      const res = await fetch(`${fx.server.url}/api/v1/connectors/telegram/${bot}`, {
        method,
        headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        ...(method === 'GET' ? {} : { body: raw ?? JSON.stringify(update) }),
      });
      return { status: res.status, text: await res.text() };
    },
    async dispose() {
      await fx.dispose();
      await api.close();
    },
  };
}
