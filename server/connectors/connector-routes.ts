// The platforms' webhooks, under /api/v1/connectors/{platform}/…: outside the desks' contract table (no bearer token:
// each platform proves itself its own way, VK by the `secret` in every event), so the server hands these paths here
// before the route table. One module per platform; failures leave as ApiError bodies like the rest of the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth } from '../auth.js';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { failureOf } from '../failure-status.js';
import { HttpError, sendError } from '../http-io.js';
import type { CentralStore } from '../store/central-store.js';
import type { ConnectorsConfig } from './connectors-config.js';
import { okWebhookHandler } from './ok/ok-webhook.js';
import { posImportHandler } from './pos/pos-route.js';
import { createTelegramIngest } from './telegram/telegram-ingest.js';
import { startTelegramPoller, type TelegramPoller } from './telegram/telegram-polling.js';
import { telegramWebhookHandler } from './telegram/telegram-webhook.js';
import { vkCallbackHandler } from './vk/vk-callback.js';
import { createVkUserNames } from './vk/vk-user-names.js';

export const CONNECTORS_PREFIX = `${API_PREFIX}/connectors/`;

/** One line per refusal kind and address in this long at most: a misconfigured platform or a flood must not drown the log. */
const REFUSAL_LOG_WINDOW_MS = 10_000;

/**
 * A platform's request refused (400 off schema, 404, 405, 413, 415…) as one log line for IT: the platform shows the
 * answer in its own console, if anywhere, and an IT trial of 6 December found invalid JSON and oversized bodies
 * leaving no trace on the server. The wrong-secret refusals are logged by their handlers with the page's name.
 * Repeats within the window are counted and said with the next line.
 */
function refusalLogger(log: (line: string) => void, nowMs: () => number) {
  const last = new Map<string, { at: number; skipped: number }>();
  return (method: string, pathname: string, error: HttpError): void => {
    if (error.status === 403 || error.status >= 500) return;
    // The platform and its page only, each cut short: a path's further segments can be a secret (OK's webhook address
    // with a trailing slash is a 404 with the secret in it), and a scan of random paths must be one key, not many.
    const [platform = '', page = '', ...rest] = pathname.slice(CONNECTORS_PREFIX.length).split('/');
    const request = `${method.slice(0, 10)} ${CONNECTORS_PREFIX}${platform.slice(0, 20)}${page ? `/${page.slice(0, 40)}` : ''}${rest.length > 0 ? '/…' : ''}`;
    const key = `${error.status} ${method.slice(0, 10)} ${platform.slice(0, 20)}`;
    const now = nowMs();
    const seen = last.get(key);
    if (seen && now - seen.at < REFUSAL_LOG_WINDOW_MS) {
      seen.skipped += 1;
      return;
    }
    const more = seen && seen.skipped > 0 ? ` (and ${seen.skipped} more like it since)` : '';
    if (last.size > 1_000) last.clear();
    last.set(key, { at: now, skipped: 0 });
    log(`connector refused: ${request} → ${error.status} ${error.code}: ${error.message.slice(0, 300)}${more}`);
  };
}

export interface ConnectorRoutesOptions {
  config: ConnectorsConfig;
  store: CentralStore;
  log: (line: string) => void;
  /** After a commit that wrote an appeal: live desks pull. */
  onChanged: (head: number) => Promise<void> | void;
  /** How bearer tokens are checked for the ПОС import upload (pos/pos-route.ts); without it that path is not served. */
  auth?: Auth;
  /** The server's clock (the database's on PostgreSQL): a ПОС row dated ahead of it is taken as now, as by POST /appeals. */
  now?: () => number;
  /** Tests only: a fake VK API on loopback instead of https://api.vk.com, and its time limit. */
  vkApiUrl?: string;
  vkLookupTimeoutMs?: number;
  /** Tests only: a fake Bot API on loopback instead of https://api.telegram.org (polling mode), and its waits. */
  telegramApiUrl?: string;
  telegramPoll?: { timeoutS?: number; backoffMinMs?: number; backoffMaxMs?: number };
}

/** One line per platform at start: what is served, and what is configured but not served yet. */
export function describeConnectors(config: ConnectorsConfig): string[] {
  const lines: string[] = [];
  if (config.vk.length > 0) {
    lines.push(`connectors: vk: ${config.vk.map((p) => `${p.groupId} (${p.channel.name})`).join(', ')} at ${CONNECTORS_PREFIX}vk/{groupId}`);
  }
  if (config.telegram.length > 0) {
    lines.push(`connectors: telegram: ${config.telegram.map((b) => `${b.bot} (${b.channel.name}, ${b.mode === 'polling' ? 'polling getUpdates' : 'webhook'})`).join(', ')} at ${CONNECTORS_PREFIX}telegram/{bot}`);
  }
  if (config.ok.length > 0) {
    lines.push(`connectors: ok: ${config.ok.map((g) => `${g.groupId} (${g.channel.name}${g.allowFrom ? `, from ${g.allowFrom.join(' ')}` : ''})`).join(', ')} at ${CONNECTORS_PREFIX}ok/{groupId}/{pathSecret}`);
  }
  if (lines.length === 0) lines.push(`connectors: ${config.file} lists no pages`);
  return lines;
}

export function createConnectorRoutes(opts: ConnectorRoutesOptions) {
  const { log } = opts;
  const logRefusal = refusalLogger(log, () => Date.now());
  const vk = vkCallbackHandler(opts.config.vk, {
    store: opts.store, log, onChanged: opts.onChanged,
    names: createVkUserNames({
      log,
      ...(opts.vkApiUrl !== undefined ? { apiUrl: opts.vkApiUrl } : {}),
      ...(opts.vkLookupTimeoutMs !== undefined ? { timeoutMs: opts.vkLookupTimeoutMs } : {}),
    }),
  });

  const ok = okWebhookHandler(opts.config.ok, { store: opts.store, log, onChanged: opts.onChanged });

  const telegramIngest = createTelegramIngest({ store: opts.store, log, onChanged: opts.onChanged });
  const telegram = telegramWebhookHandler(opts.config.telegram, { ingest: telegramIngest, log });
  let telegramPollers: TelegramPoller[] = [];

  const pos = opts.auth === undefined ? undefined
    : posImportHandler({ store: opts.store, auth: opts.auth, log, onChanged: opts.onChanged, ...(opts.now !== undefined ? { now: opts.now } : {}) });

  return {
    /** Whether this request (its raw target) is a connector's. */
    handles: (rawUrl: string | undefined): boolean => rawUrl?.startsWith(CONNECTORS_PREFIX) === true,
    async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
      let pathname = CONNECTORS_PREFIX;
      try {
        pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        const [platform, id, ...rest] = pathname.slice(CONNECTORS_PREFIX.length).split('/');
        // ПОС is no webhook: a signed-in lead's or connector account's upload of the cabinet's export (bearer token).
        if (platform === 'pos' && id === 'import' && rest.length === 0 && pos !== undefined) {
          await pos(req, res);
          return;
        }
        if (platform === 'vk' && id !== undefined && rest.length === 0) {
          await vk(req, res, id);
          return;
        }
        if (platform === 'telegram' && id !== undefined && rest.length === 0) {
          await telegram(req, res, id);
          return;
        }
        if (platform === 'ok' && id !== undefined && rest.length === 1 && rest[0] !== undefined) {
          // The last segment is the group's secret: a failure's log line names the path without it.
          pathname = `${CONNECTORS_PREFIX}ok/${id}/…`;
          await ok(req, res, id, rest[0]);
          return;
        }
        throw new HttpError(404, 'not_found', 'Нет такого адреса коннектора');
      } catch (err) {
        const { error, logLine } = failureOf(err, `${req.method} ${pathname}`);
        if (logLine !== null) log(logLine);
        else logRefusal(req.method ?? '?', pathname, error);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendError(res, error, { ...error.headers, ...(error.status === 413 ? { connection: 'close' } : {}) });
      }
    },
    /** Starts what runs on its own: getUpdates loops for bots in polling mode (once the server listens). */
    start(): void {
      if (telegramPollers.length > 0) return;
      telegramPollers = opts.config.telegram.filter((b) => b.mode === 'polling').map((b) => startTelegramPoller(b, {
        ingest: telegramIngest, log,
        ...(opts.telegramApiUrl !== undefined ? { apiUrl: opts.telegramApiUrl } : {}),
        ...opts.telegramPoll,
      }));
    },
    /** Stops the loops and waits for an update being stored: call before the store closes. */
    async close(): Promise<void> {
      const stopping = telegramPollers;
      telegramPollers = [];
      await Promise.all(stopping.map((p) => p.stop()));
    },
  };
}

export type ConnectorRoutes = ReturnType<typeof createConnectorRoutes>;
