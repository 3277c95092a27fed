// Author names through the VK API with the community's access token, for the moment a post first becomes an appeal:
// `users.get` for a person (positive from_id), `groups.getById` for a community writing as itself (negative from_id: a
// shop's or a village's page commenting under the ministry's post). VK waits for our `ok` (it retries an event not
// answered in time, and pauses a server that keeps failing), so a lookup is bounded: past its time limit, or on any VK
// API error, the appeal is stored at once with «Пользователь VK id…» / «Сообщество VK club…» (or the author's last known
// name, however old) and the reason is logged.
// Names are cached; so, for a while, is an id VK answered without (one it does not know: asked at every comment, it
// would cost a call and a wait each time). A failure is kept where it belongs: one about the id (a blocked community)
// backs that id off briefly without being taken for «unknown»; one about the token or VK itself (no answer, HTTP error,
// token revoked, rate limits, VK's internal error) stops all lookups with that token for a while — while VK is down a new
// author costs no wait and no log line, the outage is logged once. Lookups of one id with one token in flight at the
// same time (a flood of retries) are one request; another community's token never answers for this one's.
import { placeholderName, type VkAuthor } from './vk-appeal.js';

export const VK_API_URL = 'https://api.vk.com';
/** The VK API version the connector asks for (the callback objects are read in the 5.103+ shape). */
export const VK_API_VERSION = '5.199';
/** Longest wait for a lookup before the placeholder is used: the whole answer to VK stays well within its timeout. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 1500;
const CACHE_LIMIT = 20_000;
/** A name is asked again after this long (until VK answers, the old one still stands in). */
export const CACHE_TTL_MS = 24 * 3_600_000;
/** An id VK answered without a name is not asked again for this long (then it is: VK may know it by now). */
export const UNKNOWN_TTL_MS = 10 * 60_000;
/** After a call failed for a reason about the id (a VK error such as 15, access denied) the id is not asked again with
 *  that token for this long. */
export const FAILURE_BACKOFF_MS = 30_000;
/** After a call failed for a reason about the token or VK itself, nothing is asked with that token for this long (then
 *  one lookup tries again; the others keep the placeholder until it has VK's answer). */
export const TOKEN_DOWN_MS = 30_000;
/** VK's «Rate limit reached» (29): the token's daily quota for the method is spent; asking every 30 s would not help. */
export const RATE_LIMIT_DOWN_MS = 10 * 60_000;
/** Longest pause an HTTP Retry-After can ask for (a broken proxy's «a year» must not silence names for good). */
const MAX_RETRY_AFTER_MS = 3_600_000;
/** VK errors about the token or VK, not about the id asked: 5 authorization failed (token revoked), 6 too many requests
 *  per second, 9 flood control, 10 internal server error, 29 rate limit reached. */
const TOKEN_ERRORS = new Set([5, 6, 9, 10, 29]);
const VK_RATE_LIMIT = 29;
/** VK errors saying the token is of a kind the method does not take (27 «Group authorization failed: method is
 *  unavailable with group auth», 28 «Application authorization failed: method is unavailable with service token»):
 *  about the token, never the id, and only IT can mend it (another token in the connectors file). */
const TOKEN_KIND_ERRORS = new Set([27, 28]);
/** How long lookups with a token of the wrong kind pause: it will not change by itself; one try now and then shows
 *  when IT has replaced it (the connectors file is read at start, so in practice after a restart). */
export const WRONG_TOKEN_DOWN_MS = 10 * 60_000;
/** Longest name stored, in UTF-16 units as the appeal's contract counts them (shared/domain/appeal.ts author.name). */
const MAX_NAME = 500;
/** The error that is VK's answer «no such id» (not a failed call): users.get's 113 «Invalid user id», groups.getById's
 *  100 «One of the parameters specified was missing or invalid: invalid group id». */
const UNKNOWN_ID_ERROR: Record<string, number> = { 'users.get': 113, 'groups.getById': 100 };

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

/** users.get: an array of users_user_full; `city` (base_object: id, title) when asked for and the profile shows one. */
type UsersGetResponse = { id?: unknown; first_name?: unknown; last_name?: unknown; city?: { title?: unknown } }[];
/** Longest profile place stored (shared/domain/appeal.ts author.place). */
const MAX_PLACE = 200;

/**
 * groups.getById as VK's schema has it for 5.199 (groups/responses.json#groups_getById_object_response): an object
 * with `groups` (groups_group_full) and `profiles`. Versions before 5.139 answered the array of groups itself; that
 * shape is read too, so a VK API pinned to an older version elsewhere still names the community.
 */
type VkGroup = { id?: unknown; name?: unknown; screen_name?: unknown };
type GroupsGetByIdResponse = { groups?: VkGroup[]; profiles?: unknown[] } | VkGroup[];

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Trimmed text cut to `max` UTF-16 units (as the appeal's contract counts them), or undefined when empty. */
function storableText(value: string, max: number): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length <= max) return trimmed;
  // Cut between code points: an emoji across the limit goes whole, never leaving half of its pair (a lone surrogate
  // no one can render, and invalid in UTF-8).
  const end = /[\uD800-\uDBFF]/.test(trimmed.charAt(max - 1)) ? max - 1 : max;
  return trimmed.slice(0, end);
}

/** The name to store, or undefined when VK gave none: plain text, however hostile (the desk renders it inert). */
const storableName = (name: string): string | undefined => storableText(name, MAX_NAME);

/** A profile's city to store: one line of plain text, however hostile, or undefined when VK gave none. */
const storablePlace = (title: unknown): string | undefined => storableText(text(title).replace(/\s+/gu, ' '), MAX_PLACE);

/**
 * What a lookup came to: a name, an answer without one (VK does not know the id), a failure about the id, or a failure
 * about the token or VK (`down`: for how long nothing is asked with the token; `line`: what to log if it starts an outage).
 */
type Failure = 'failed' | { down: number; line: string };
type Lookup = VkAuthor | 'unknown' | Failure;
const named = (name: string | undefined, place?: string): Lookup =>
  (name === undefined ? 'unknown' : { name, ...(place ? { place } : {}) });

export function createVkUserNames(opts: VkUserNamesOptions = {}) {
  const apiUrl = (opts.apiUrl ?? VK_API_URL).replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  // Everything per from_id and token: a person and a community never share a key (communities are negative), and one
  // community's token never answers for another's (revoked, blocked or rate-limited, it says nothing about theirs;
  // what it could read, theirs might not). Names for CACHE_TTL_MS (kept past it, to stand in while VK cannot be asked),
  // «unknown» for UNKNOWN_TTL_MS, «failed» for FAILURE_BACKOFF_MS.
  const cache = new Map<string, VkAuthor & { at: number }>();
  const misses = new Map<string, { kind: 'unknown' | 'failed'; at: number }>();
  const inFlight = new Map<string, Promise<Lookup>>();
  // Per token, an outage: nothing asked before `until`; the entry stays until VK answers again (so a retry that fails
  // too is the same outage, not logged again).
  const outages = new Map<string, { until: number }>();
  const keyOf = (fromId: number, accessToken: string): string => `${fromId}\n${accessToken}`;

  /** Map insertion order as recency: the oldest entry goes past the limit. */
  function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > CACHE_LIMIT) map.delete(map.keys().next().value as K);
  }

  /**
   * One VK API method's `response`; 'unknown' for an error that is VK's answer about the id, 'failed' (logged, never
   * with the token) for another error about the id, `down` for a failure of the token or of VK (logged by the caller,
   * once an outage).
   */
  async function callVk(method: string, params: Record<string, string>, accessToken: string, about: string):
    Promise<{ response: unknown } | 'unknown' | Failure> {
    // POST, form-encoded: the token stays out of URLs and any proxy's access log.
    const body = new URLSearchParams({ ...params, access_token: accessToken, v: VK_API_VERSION, lang: 'ru' });
    const down = (reason: string, ms = TOKEN_DOWN_MS) =>
      ({ down: ms, line: `vk: ${method} for ${about}: ${reason}; no lookups with this token for ${Math.round(ms / 1000)} s` });
    try {
      const res = await fetch(`${apiUrl}/method/${method}`, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs) });
      // Any HTTP error is about VK or the way to it, never about the id: 5xx, 429, a proxy's 404.
      if (!res.ok) return down(`HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')));
      const answer = await res.json() as VkAnswer;
      if (answer.error) {
        const code = answer.error.error_code;
        const reason = `VK error ${String(code)} ${String(answer.error.error_msg).slice(0, 200)}`;
        if (typeof code === 'number' && TOKEN_ERRORS.has(code)) return down(reason, code === VK_RATE_LIMIT ? RATE_LIMIT_DOWN_MS : TOKEN_DOWN_MS);
        if (typeof code === 'number' && TOKEN_KIND_ERRORS.has(code)) {
          return down(`${reason} (this token cannot call ${method}: give the community a token of another kind)`, WRONG_TOKEN_DOWN_MS);
        }
        log(`vk: ${method} for ${about}: ${reason}`);
        return code === UNKNOWN_ID_ERROR[method] ? 'unknown' : 'failed';
      }
      return { response: answer.response };
    } catch (err) {
      // No answer in time, no connection, or an answer that is not JSON: VK (or the way to it) is not working.
      return down((err as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (err as Error).message);
    }
  }

  /** An HTTP Retry-After (seconds or a date) as the pause, never shorter than TOKEN_DOWN_MS nor past MAX_RETRY_AFTER_MS. */
  function retryAfterMs(header: string | null): number {
    if (header === null || header.trim() === '') return TOKEN_DOWN_MS;
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now();
    return Number.isFinite(ms) ? Math.min(Math.max(ms, TOKEN_DOWN_MS), MAX_RETRY_AFTER_MS) : TOKEN_DOWN_MS;
  }

  async function userName(userId: number, accessToken: string): Promise<Lookup> {
    // The profile's city too: where the author lives stands in for a place their message does not name (routing).
    const answer = await callVk('users.get', { user_ids: String(userId), fields: 'city' }, accessToken, `id${userId}`);
    if (typeof answer === 'string' || 'down' in answer) return answer;
    const response = answer.response as UsersGetResponse | undefined;
    const user = Array.isArray(response) ? response.find((u) => u.id === userId) : undefined;
    return named(storableName([text(user?.first_name), text(user?.last_name)].filter((part) => part !== '').join(' ')),
      storablePlace(user?.city?.title));
  }

  async function communityName(groupId: number, accessToken: string): Promise<Lookup> {
    const answer = await callVk('groups.getById', { group_ids: String(groupId) }, accessToken, `club${groupId}`);
    if (typeof answer === 'string' || 'down' in answer) return answer;
    const response = answer.response as GroupsGetByIdResponse | undefined;
    const groups = Array.isArray(response) ? response : Array.isArray(response?.groups) ? response.groups : [];
    const group = groups.find((g) => g.id === groupId);
    if (group === undefined) return 'unknown';
    // The page's link stays vk.com/club{id} (vk-appeal.ts authorUrl): a screen name can be changed, the id cannot. A
    // community without a name (never seen in practice) is still told apart by its screen name.
    return named(storableName(text(group.name)) ?? (text(group.screen_name) === '' ? undefined : storableName(`Сообщество VK ${text(group.screen_name)}`)));
  }

  /** The lookup of `fromId` with this token: one request for all who ask at the same time; its outcome remembered. */
  function lookUp(fromId: number, accessToken: string): Promise<Lookup> {
    const key = keyOf(fromId, accessToken);
    let pending = inFlight.get(key);
    if (!pending) {
      pending = (fromId > 0 ? userName(fromId, accessToken) : communityName(-fromId, accessToken)).then((outcome) => {
        if (typeof outcome === 'object' && 'down' in outcome) {
          // Lookups of other ids with this token, failing at the same moment, are the same outage: one line.
          if (!outages.has(accessToken)) log(outcome.line);
          remember(outages, accessToken, { until: now() + outcome.down });
          return outcome;
        }
        outages.delete(accessToken); // VK answered, whatever it said about the id
        if (outcome === 'unknown') cache.delete(key); // VK no longer knows the id: its old name is not its name
        if (typeof outcome === 'string') remember(misses, key, { kind: outcome, at: now() });
        else {
          misses.delete(key);
          remember(cache, key, { ...outcome, at: now() });
        }
        return outcome;
      }).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  }

  /**
   * The author — name, and the place their profile names — resolved when a token is given and VK answers in time; else
   * what VK gave last (expired, still the author's best), else the placeholder name alone.
   */
  async function authorOf(fromId: number, accessToken: string | undefined): Promise<VkAuthor> {
    if (accessToken === undefined || fromId === 0) return { name: placeholderName(fromId) };
    const key = keyOf(fromId, accessToken);
    const cached = cache.get(key);
    const known = (entry: VkAuthor): VkAuthor => ({ name: entry.name, ...(entry.place ? { place: entry.place } : {}) });
    if (cached && now() - cached.at < CACHE_TTL_MS) return known(cached);
    const fallback = cached ? known(cached) : { name: placeholderName(fromId) };
    const miss = misses.get(key);
    if (miss && now() - miss.at < (miss.kind === 'unknown' ? UNKNOWN_TTL_MS : FAILURE_BACKOFF_MS)) return fallback;
    const outage = outages.get(accessToken);
    if (outage) {
      if (now() < outage.until) return fallback;
      // This lookup tries VK again; the others meanwhile keep the fallback instead of each waiting for a VK still down.
      outage.until = now() + TOKEN_DOWN_MS;
    }
    const outcome = await lookUp(fromId, accessToken);
    if (typeof outcome === 'object' && 'name' in outcome) return outcome;
    return outcome === 'unknown' ? { name: placeholderName(fromId) } : fallback;
  }

  return {
    authorOf,
    /** The author's name alone (authorOf's). */
    async nameOf(fromId: number, accessToken: string | undefined): Promise<string> {
      return (await authorOf(fromId, accessToken)).name;
    },
  };
}

export type VkUserNames = ReturnType<typeof createVkUserNames>;
