// Author names through the VK API (`users.get` with the community's access token), for the moment a post first
// becomes an appeal. VK waits for our `ok` (it retries an event not answered in time, and pauses a server that keeps
// failing), so a lookup is bounded: past its time limit, or on any VK API error, the appeal is stored at once with
// «Пользователь VK id…» and the reason is logged. Names are cached, and lookups of one id in flight at the same time
// (a flood of retries) are one request.
import { placeholderName } from './vk-appeal.js';

export const VK_API_URL = 'https://api.vk.com';
/** The VK API version the connector asks for (the callback objects are read in the 5.103+ shape). */
export const VK_API_VERSION = '5.199';
/** Longest wait for users.get before the placeholder is used: the whole answer to VK stays well within its timeout. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 1500;
const CACHE_LIMIT = 20_000;
const CACHE_TTL_MS = 24 * 3_600_000;

export interface VkUserNamesOptions {
  /** The VK API base address; another one only in tests (a fake VK API on loopback). */
  apiUrl?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

interface UsersGetAnswer {
  response?: { id?: unknown; first_name?: unknown; last_name?: unknown }[];
  error?: { error_code?: unknown; error_msg?: unknown };
}

export function createVkUserNames(opts: VkUserNamesOptions = {}) {
  const apiUrl = (opts.apiUrl ?? VK_API_URL).replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  const cache = new Map<number, { name: string; at: number }>();
  const inFlight = new Map<number, Promise<string | undefined>>();

  async function usersGet(userId: number, accessToken: string): Promise<string | undefined> {
    // POST, form-encoded: the token stays out of URLs and any proxy's access log.
    const body = new URLSearchParams({ user_ids: String(userId), access_token: accessToken, v: VK_API_VERSION, lang: 'ru' });
    try {
      const res = await fetch(`${apiUrl}/method/users.get`, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) {
        log(`vk: users.get for id${userId}: HTTP ${res.status}`);
        return undefined;
      }
      const answer = await res.json() as UsersGetAnswer;
      if (answer.error) {
        log(`vk: users.get for id${userId}: VK error ${String(answer.error.error_code)} ${String(answer.error.error_msg).slice(0, 200)}`);
        return undefined;
      }
      const user = answer.response?.find((u) => u.id === userId);
      const name = [user?.first_name, user?.last_name].filter((part) => typeof part === 'string' && part !== '').join(' ').trim();
      return name === '' ? undefined : name.slice(0, 500);
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (err as Error).message;
      log(`vk: users.get for id${userId}: ${reason}`);
      return undefined;
    }
  }

  return {
    /** The author's name: resolved when a token is given and VK answers in time, else the placeholder. */
    async nameOf(fromId: number, accessToken: string | undefined): Promise<string> {
      // Communities are named by the placeholder (club id): users.get knows people only.
      if (accessToken === undefined || fromId <= 0) return placeholderName(fromId);
      const cached = cache.get(fromId);
      if (cached && now() - cached.at < CACHE_TTL_MS) return cached.name;
      let pending = inFlight.get(fromId);
      if (!pending) {
        pending = usersGet(fromId, accessToken).finally(() => inFlight.delete(fromId));
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
