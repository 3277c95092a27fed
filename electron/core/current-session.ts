// Who is signed in, as the core sees it: a stored token and a cached user (so it works offline).
import type { Session } from '../../shared/desk-api/session-contract.js';
import { User, type User as UserType } from '../../shared/domain/user.js';
import type { LocalCache } from './cache/local-cache.js';
import type { TokenStore } from './token-store.js';

/** What the session is read from (the handler context has all of it). */
export interface SessionSource {
  cache: LocalCache;
  tokenStore: TokenStore;
  apiUrl: string;
  demo: boolean;
  /** The working calendar's offset (day-bounds.ts): told to the renderer with the session. */
  utcOffsetMinutes: number;
}

export function cachedUser(cache: LocalCache): UserType | null {
  const parsed = User.safeParse(cache.meta.get('user'));
  return parsed.success ? parsed.data : null;
}

/** Signed in = a stored token and a cached user; works offline. */
export function currentSession(ctx: SessionSource): Session {
  const user = ctx.tokenStore.load() !== null ? cachedUser(ctx.cache) : null;
  return { user, apiUrl: ctx.apiUrl, demo: ctx.demo, utcOffsetMinutes: ctx.utcOffsetMinutes };
}
