// Author names through the VK API with the community's access token, for the moment a post first becomes an appeal:
// `users.get` for a person (positive from_id), `groups.getById` for a community writing as itself (negative from_id: a
// shop's or a village's page commenting under the ministry's post). VK waits for our `ok` (it retries an event not
// answered in time, and pauses a server that keeps failing), so a lookup is bounded: past its time limit, or on any VK
// API error, the appeal is stored at once with «Пользователь VK id…» / «Сообщество VK club…» and the reason is logged.
// Names are cached, and lookups of one id in flight at the same time (a flood of retries) are one request.
import { placeholderName } from './vk-appeal.js';

export const VK_API_URL = 'https://api.vk.com';
/** The VK API version the connector asks for (the callback objects are read in the 5.103+ shape). */
export const VK_API_VERSION = '5.199';
/** Longest wait for a lookup before the placeholder is used: the whole answer to VK stays well within its timeout. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 1500;
const CACHE_LIMIT = 20_000;
const CACHE_TTL_MS = 24 * 3_600_000;
const MAX_NAME = 500;

export interface VkUserNamesOptions {
  /** The VK API base address; another one only in tests (a fake VK API on loopback). */
  apiUrl?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

interface VkAnswer {
  response?: unknown;
  error?: { error_code?: unknown; error_msg?: unknown };
}

/** users.get: an array of users_user_full. */
type UsersGetResponse = { id?: unknown; first_name?: unknown; last_name?: unknown }[];

/**
 * groups.getById as VK's schema has it for 5.199 (groups/responses.json#groups_getById_object_response): an object
 * with `groups` (groups_group_full) and `profiles`. Versions before 5.139 answered the array of groups itself; that
 * shape is read too, so a VK API pinned to an older version elsewhere still names the community.
 */
type VkGroup = { id?: unknown; name?: unknown; screen_name?: unknown };
type GroupsGetByIdResponse = { groups?: VkGroup[]; profiles?: unknown[] } | VkGroup[];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The name to store, or undefined when VK gave none: plain text, however hostile (the desk renders it inert). */
const storableName = (name: string): string | undefined => {
  const trimmed = name.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, MAX_NAME);
};

export function createVkUserNames(opts: VkUserNamesOptions = {}) {
  const apiUrl = (opts.apiUrl ?? VK_API_URL).replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  // Keyed by from_id: a person and a community never share a key (communities are negative).
  const cache = new Map<number, { name: string; at: number }>();
  const inFlight = new Map<number, Promise<string | undefined>>();

  /** One VK API method's `response`, or undefined (logged, never with the token) on any failure or timeout. */
  async function callVk(method: string, params: Record<string, string>, accessToken: string, about: string): Promise<unknown> {
    // POST, form-encoded: the token stays out of URLs and any proxy's access log.
    const body = new URLSearchParams({ ...params, access_token: accessToken, v: VK_API_VERSION, lang: 'ru' });
    try {
      const res = await fetch(`${apiUrl}/method/${method}`, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        log(`vk: ${method} for ${about}: HTTP ${res.status}`);
        return undefined;
      }
      const answer = await res.json() as VkAnswer;
      if (answer.error) {
        log(`vk: ${method} for ${about}: VK error ${String(answer.error.error_code)} ${String(answer.error.error_msg).slice(0, 200)}`);
        return undefined;
      }
      return answer.response;
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (err as Error).message;
      log(`vk: ${method} for ${about}: ${reason}`);
      return undefined;
    }
  }

  async function userName(userId: number, accessToken: string): Promise<string | undefined> {
    const response = await callVk('users.get', { user_ids: String(userId) }, accessToken, `id${userId}`) as UsersGetResponse | undefined;
    const user = Array.isArray(response) ? response.find((u) => u.id === userId) : undefined;
    return storableName([text(user?.first_name), text(user?.last_name)].filter((part) => part !== '').join(' '));
  }

  async function communityName(groupId: number, accessToken: string): Promise<string | undefined> {
    const response = await callVk('groups.getById', { group_ids: String(groupId) }, accessToken, `club${groupId}`) as
      GroupsGetByIdResponse | undefined;
    const groups = Array.isArray(response) ? response : Array.isArray(response?.groups) ? response.groups : [];
    const group = groups.find((g) => g.id === groupId);
    if (group === undefined) return undefined;
    // The page's link stays vk.com/club{id} (vk-appeal.ts authorUrl): a screen name can be changed, the id cannot. A
    // community without a name (never seen in practice) is still told apart by its screen name.
    return storableName(text(group.name)) ?? (text(group.screen_name) === '' ? undefined : storableName(`Сообщество VK ${text(group.screen_name)}`));
  }

  return {
    /** The author's name: resolved when a token is given and VK answers in time, else the placeholder. */
    async nameOf(fromId: number, accessToken: string | undefined): Promise<string> {
      if (accessToken === undefined || fromId === 0) return placeholderName(fromId);
      const cached = cache.get(fromId);
      if (cached && now() - cached.at < CACHE_TTL_MS) return cached.name;
      let pending = inFlight.get(fromId);
      if (!pending) {
        pending = (fromId > 0 ? userName(fromId, accessToken) : communityName(-fromId, accessToken))
          .finally(() => inFlight.delete(fromId));
        inFlight.set(fromId, pending);
      }
      const name = await pending;
      if (name === undefined) return placeholderName(fromId);
      cache.delete(fromId);
      cache.set(fromId, { name, at: now() });
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
      return name;
    },
  };
}

export type VkUserNames = ReturnType<typeof createVkUserNames>;
