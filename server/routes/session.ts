// POST /session: login and password → bearer token and the user.
import type { SessionRequest, SessionResponse } from '../../shared/central-api/contract.js';
import type { Auth } from '../auth.js';
import { HttpError } from '../http-io.js';

export function sessionRoute(auth: Auth) {
  return async (input: SessionRequest): Promise<SessionResponse> => {
    const session = await auth.signIn(input.login, input.password);
    if (!session) throw new HttpError(401, 'auth_failed', 'Неверный логин или пароль');
    return session;
  };
}
