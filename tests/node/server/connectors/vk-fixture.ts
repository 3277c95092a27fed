// A real reference server with a VK connector configured, a fake VK API (a real http.createServer on loopback answering
// users.get and groups.getById), and a real HTTP client posting events to it as VK does. Runs on SQLite or PostgreSQL
// like every server-fixture test (TRIAGE_DESK_TEST_ENGINE).
import { createServer, type Server } from 'node:http';
import { connectorPayload, listenOnLoopback, startConnectorServer, type ConnectorServer } from './connector-server.js';

export const GROUP_ID = 200000001;
export const SECRET = 'fixture-secret-Zq7';
export const CONFIRMATION = 'a1b2c3d4';
export const ACCESS_TOKEN = 'vk1.a.fixture-community-token';

/** A VK event from tests/fixtures/connectors/vk, parsed (a fresh copy each time). */
export function vkEvent(name: string): Record<string, unknown> & { object: Record<string, unknown> } {
  return connectorPayload<Record<string, unknown> & { object: Record<string, unknown> }>('vk', name);
}

export interface FakeVkApi {
  url: string;
  /** Every users.get / groups.getById request: its form fields and the request target (the token must not be in it). */
  calls: { method: string; fields: URLSearchParams; target: string }[];
  names: Map<number, [string, string]>;
  /** The city a person's profile shows (users_user_full.city.title), answered only when `fields` asks for `city`. */
  cities: Map<number, string>;
  /** Communities groups.getById knows (groups_group_full, by positive id), answered in 5.199's `{ groups, profiles }`. */
  groups: Map<number, Record<string, unknown>>;
  delayMs: number;
  /** When set, answers a VK API error instead. */
  error?: { error_code: number; error_msg: string };
  close(): Promise<void>;
}

export async function startFakeVkApi(): Promise<FakeVkApi> {
  const api: Omit<FakeVkApi, 'url' | 'close'> = { calls: [], names: new Map(), cities: new Map(), groups: new Map(), delayMs: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const fields = new URLSearchParams(body);
      const method = /^\/method\/(users\.get|groups\.getById)$/.exec(req.url ?? '')?.[1];
      if (method === undefined) {
        res.writeHead(404).end();
        return;
      }
      api.calls.push({ method, fields, target: req.url ?? '' });
      const answer = () => {
        if (api.error) return { error: api.error };
        if (fields.get('access_token') !== ACCESS_TOKEN) return { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).' } };
        if (method === 'groups.getById') {
          const groupIds = (fields.get('group_ids') ?? '').split(',').map(Number);
          return { response: { groups: groupIds.flatMap((id) => api.groups.get(id) ?? []), profiles: [] } };
        }
        const ids = (fields.get('user_ids') ?? '').split(',').map(Number);
        return { response: ids.flatMap((id) => {
          const name = api.names.get(id);
          const city = (fields.get('fields') ?? '').split(',').includes('city') ? api.cities.get(id) : undefined;
          return name ? [{ id, first_name: name[0], last_name: name[1], can_access_closed: true, is_closed: false,
            ...(city !== undefined ? { city: { id: 99, title: city } } : {}) }] : [];
        }) };
      };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer()));
      }, api.delayMs);
    });
  });
  return Object.assign(api, await listenOnLoopback(server));
}

export interface VkFixture extends ConnectorServer {
  vkApi: FakeVkApi;
  /** POSTs an event (or raw text) to the VK connector address of `groupId` (default the configured one). */
  post(event: unknown, opts?: { groupId?: number | string; raw?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string; contentType: string | null }>;
  dispose(): Promise<void>;
}

export async function startVkFixture(opts: { accessToken?: boolean; lookupTimeoutMs?: number } = {}): Promise<VkFixture> {
  const vkApi = await startFakeVkApi();
  const server = await startConnectorServer({
    vk: [{
      groupId: GROUP_ID, secret: { env: 'VK_SECRET_MINZDRAV' }, confirmation: CONFIRMATION,
      ...(opts.accessToken ? { accessToken: { env: 'VK_TOKEN_MINZDRAV' } } : {}),
      channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' },
    }],
  }, {
    env: { VK_SECRET_MINZDRAV: SECRET, VK_TOKEN_MINZDRAV: ACCESS_TOKEN }, vkApiUrl: vkApi.url,
    ...(opts.lookupTimeoutMs !== undefined ? { vkLookupTimeoutMs: opts.lookupTimeoutMs } : {}),
  });
  const { fx } = server;
  return {
    ...server, vkApi,
    async post(event, { groupId = GROUP_ID, raw, headers = {} } = {}) {
      const res = await fetch(`${fx.server.url}/api/v1/connectors/vk/${groupId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw ?? JSON.stringify(event),
      });
      return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
    },
    async dispose() {
      await fx.dispose();
      await vkApi.close();
    },
  };
}
