// POST /session: login and password → bearer token and the user; failures grow delays (login-rate-limit.ts).
// DELETE /session: revokes the caller's own token (and ends what the session held: holds, live connections);
// a token already revoked or expired is answered the same.
import type { SessionRequest, SessionResponse, SignOutResponse } from '../../shared/central-api/contract.js';
import type { Auth } from '../auth.js';
import { HttpError } from '../http-io.js';
import type { LoginRateLimit } from '../login-rate-limit.js';
import type { RequestMeta } from '../route-table.js';

export function sessionRoute(auth: Auth, limit: LoginRateLimit) {
  return async (input: SessionRequest, _user: null, meta: RequestMeta): Promise<SessionResponse> => {
    const attempt = limit.begin(input.login, meta.address);
    if (!attempt.ok) {
      const seconds = attempt.retryAfterSeconds;
      const wait = seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`;
      throw new HttpError(429, 'too_many_attempts', `Слишком много неудачных попыток входа. Повторите через ${wait}.`,
        { 'retry-after': String(seconds) });
    }
    let session: Awaited<ReturnType<Auth['signIn']>> = null;
    try {
      session = await auth.signIn(input.login, input.password);
    } finally {
      attempt.settle(session !== null);
    }
    if (!session) throw new HttpError(401, 'auth_failed', 'Неверный логин или пароль');
    return session;
  };
}

/** `onSignedOut` gets the revoked session's key (its holds and live connections end with it). */
export function signOutRoute(auth: Auth, onSignedOut: (sessionKey: string) => Promise<void> | void = () => {}) {
  return async (_input: undefined, _user: unknown, meta: RequestMeta): Promise<SignOutResponse> => {
    await auth.signOut(meta.authorization);
    if (meta.sessionKey !== null) await onSignedOut(meta.sessionKey);
    return { ok: true };
  };
}
