// POST /session: login and password → bearer token and the user; rate-limited per login and per address.
import type { SessionRequest, SessionResponse } from '../../shared/central-api/contract.js';
import type { Auth } from '../auth.js';
import { HttpError } from '../http-io.js';
import type { LoginRateLimit } from '../login-rate-limit.js';
import type { RequestMeta } from '../route-table.js';

export function sessionRoute(auth: Auth, limit: LoginRateLimit) {
  return async (input: SessionRequest, _user: null, meta: RequestMeta): Promise<SessionResponse> => {
    const gate = limit.check(input.login, meta.address);
    if (!gate.ok) {
      const minutes = Math.ceil(gate.retryAfterSeconds / 60);
      throw new HttpError(429, 'too_many_attempts',
        `Слишком много неудачных попыток входа. Повторите через ${minutes} мин.`,
        { 'retry-after': String(gate.retryAfterSeconds) });
    }
    const session = await auth.signIn(input.login, input.password);
    if (!session) {
      limit.failed(input.login, meta.address);
      throw new HttpError(401, 'auth_failed', 'Неверный логин или пароль');
    }
    limit.succeeded(input.login);
    return session;
  };
}
