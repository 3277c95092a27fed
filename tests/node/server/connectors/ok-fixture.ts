// A real reference server with an Odnoklassniki group configured (its path secret from the environment, an optional
// allowFrom), and a real HTTP client posting notifications to it as OK does. Runs on SQLite or PostgreSQL like every
// server-fixture test (TRIAGE_DESK_TEST_ENGINE).
import { connectorPayload, startConnectorServer, type ConnectorServer } from './connector-server.js';

export const OK_GROUP_ID = '70000001234567';
export const OK_PATH_SECRET = 'ok-fixture-path-secret-Q7x2Lm9';
export const OK_CHANNEL = { name: 'Минздрав НСО', url: 'https://ok.ru/group/70000001234567' };

/** A notification from tests/fixtures/connectors/ok, parsed (a fresh copy each time). */
export function okEvent(name: string): Record<string, unknown> & { message: Record<string, unknown> } {
  return connectorPayload<Record<string, unknown> & { message: Record<string, unknown> }>('ok', name);
}

export interface OkPostOptions {
  groupId?: string;
  secret?: string;
  raw?: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface OkFixture extends ConnectorServer {
  /** POSTs a notification (or raw text) to /api/v1/connectors/ok/{groupId}/{secret}, the configured ones by default. */
  post(event: unknown, opts?: OkPostOptions): Promise<{ status: number; text: string; contentType: string | null; ms: number }>;
  dispose(): Promise<void>;
}

export async function startOkFixture(opts: { allowFrom?: string[] } = {}): Promise<OkFixture> {
  const server = await startConnectorServer({
    ok: [{
      groupId: OK_GROUP_ID, pathSecret: { env: 'OK_PATH_SECRET_MINZDRAV' },
      ...(opts.allowFrom ? { allowFrom: opts.allowFrom } : {}),
      channel: OK_CHANNEL,
    }],
  }, { env: { OK_PATH_SECRET_MINZDRAV: OK_PATH_SECRET } });
  const { fx } = server;
  return {
    ...server,
    async post(event, { groupId = OK_GROUP_ID, secret = OK_PATH_SECRET, raw, method = 'POST', headers = {} } = {}) {
      const started = performance.now();
      const res = await fetch(`${fx.server.url}/api/v1/connectors/ok/${groupId}/${secret}`, {
        method,
        headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: raw ?? JSON.stringify(event) }),
      });
      const text = await res.text();
      return { status: res.status, text, contentType: res.headers.get('content-type'), ms: performance.now() - started };
    },
    async dispose() {
      await fx.dispose();
    },
  };
}
