// The checks a desk-API handler makes before it acts — signed in, the role, a known target — in one place, so every
// feature refuses with the same code and message.
import type { User } from '../../shared/domain/user.js';
import type { LocalCache } from './cache/local-cache.js';
import { DeskFailure } from './desk-failure.js';

/** Where a feature learns who is signed in: the live session (a stored token and a cached user), null when signed out. */
export interface UserSource {
  user: () => User | null;
}

/**
 * The live session's user, or not_signed_in. Not meta.user alone: after a 401 the cached user stays but the token is
 * gone.
 */
export function requireUser(ctx: UserSource): User {
  const user = ctx.user();
  if (user === null) throw new DeskFailure('not_signed_in', 'Войдите в систему, чтобы разбирать обращения');
  return user;
}

/** The signed-in shift lead, or not_signed_in / forbidden (saying what is the lead's: a section by default). */
export function requireLead(ctx: UserSource, only = 'Этот раздел доступен только старшему смены'): User {
  const user = requireUser(ctx);
  if (user.role !== 'lead') throw new DeskFailure('forbidden', only);
  return user;
}

/**
 * A decision may only name a target of the cached list. With no list cached yet (before the first sync brings it)
 * nothing can be checked here: the decision is queued and the server judges it.
 */
export function requireKnownTarget(cache: Pick<LocalCache, 'targets'>, targetId: string): void {
  const targets = cache.targets.list();
  if (targets.length > 0 && !targets.some((target) => target.id === targetId)) {
    throw new DeskFailure('bad_request', 'Неизвестный адресат');
  }
}
