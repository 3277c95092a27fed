// The platforms' webhooks, under /api/v1/connectors/{platform}/…: outside the desks' contract table (no bearer token:
// each platform proves itself its own way, VK by the `secret` in every event), so the server hands these paths here
// before the route table. One module per platform; failures leave as ApiError bodies like the rest of the API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { failureOf } from '../failure-status.js';
import { HttpError, sendError } from '../http-io.js';
import type { CentralStore } from '../store/central-store.js';
import type { ConnectorsConfig } from './connectors-config.js';
import { vkCallbackHandler } from './vk/vk-callback.js';
import { createVkUserNames } from './vk/vk-user-names.js';

export const CONNECTORS_PREFIX = `${API_PREFIX}/connectors/`;

export interface ConnectorRoutesOptions {
  config: ConnectorsConfig;
  store: CentralStore;
  log: (line: string) => void;
  /** After a commit that wrote an appeal: live desks pull. */
  onChanged: (head: number) => Promise<void> | void;
  /** Tests only: a fake VK API on loopback instead of https://api.vk.com, and its time limit. */
  vkApiUrl?: string;
  vkLookupTimeoutMs?: number;
}

/** One line per platform at start: what is served, and what is configured but not served yet. */
export function describeConnectors(config: ConnectorsConfig): string[] {
  const lines: string[] = [];
  if (config.vk.length > 0) {
    lines.push(`connectors: vk: ${config.vk.map((p) => `${p.groupId} (${p.channel.name})`).join(', ')} at ${CONNECTORS_PREFIX}vk/{groupId}`);
  }
  if (config.telegram.length > 0) lines.push(`connectors: telegram: ${config.telegram.length} bot(s) configured, not served yet (next step)`);
  if (config.ok.length > 0) lines.push(`connectors: ok: ${config.ok.length} group(s) configured, not served yet (next step)`);
  if (lines.length === 0) lines.push(`connectors: ${config.file} lists no pages`);
  return lines;
}

export function createConnectorRoutes(opts: ConnectorRoutesOptions) {
  const { log } = opts;
  const vk = vkCallbackHandler(opts.config.vk, {
    store: opts.store, log, onChanged: opts.onChanged,
    names: createVkUserNames({
      log,
      ...(opts.vkApiUrl !== undefined ? { apiUrl: opts.vkApiUrl } : {}),
      ...(opts.vkLookupTimeoutMs !== undefined ? { timeoutMs: opts.vkLookupTimeoutMs } : {}),
    }),
  });

  return {
    /** Whether this request (its raw target) is a connector's. */
    handles: (rawUrl: string | undefined): boolean => rawUrl?.startsWith(CONNECTORS_PREFIX) === true,
    async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
      let pathname = CONNECTORS_PREFIX;
      try {
        pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        const [platform, id, ...rest] = pathname.slice(CONNECTORS_PREFIX.length).split('/');
        if (platform === 'vk' && id !== undefined && rest.length === 0) {
          await vk(req, res, id);
          return;
        }
        throw new HttpError(404, 'not_found', 'Нет такого адреса коннектора');
      } catch (err) {
        const { error, logLine } = failureOf(err, `${req.method} ${pathname}`);
        if (logLine !== null) log(logLine);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendError(res, error, { ...error.headers, ...(error.status === 413 ? { connection: 'close' } : {}) });
      }
    },
  };
}

export type ConnectorRoutes = ReturnType<typeof createConnectorRoutes>;
