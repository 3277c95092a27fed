// The session feature's handlers (SESSION_METHODS): who is signed in, signing in (with the shift handover of the
// previous operator's queued decisions) and signing out (sending, keeping or dropping the leaving operator's).
import type { Session, SESSION_METHODS } from '../../../shared/desk-api/session-contract.js';
import { ApiFailure, type CentralApiClient } from '../central-api-client.js';
import { cachedUser, currentSession, type SessionSource } from '../current-session.js';
import type { DeskEventHub } from '../desk-events.js';
import { DeskFailure } from '../desk-failure.js';
import { handOverAtSignIn, type HandoverSessions } from '../handover.js';
import type { Handlers } from '../handler-types.js';
import { signOut } from '../sign-out.js';
import type { SyncEngine } from '../sync-engine.js';

export interface SessionHandlerDeps extends SessionSource {
  api: CentralApiClient;
  engine: SyncEngine;
  events: DeskEventHub;
  log: (line: string) => void;
  /** Previous operators' sessions kept for their own queued decisions (shift handover, #12). */
  handover: HandoverSessions;
  /** The routing worker; its results computed before a sign-out's wipe are dropped (absent = none). */
  suggestions?: { forgetPending(): void };
}

/** What the operator is told when the server refuses a sign-in (never «server overloaded» for a password delay). */
function loginFailure(error: unknown): DeskFailure {
  if (!(error instanceof ApiFailure)) throw error;
  switch (error.kind) {
    case 'unauthorized':
      return new DeskFailure('auth_failed', 'Неверный логин или пароль');
    case 'unreachable':
      return new DeskFailure('unreachable', error.message);
    case 'rejected':
      return error.status === 403
        ? new DeskFailure('auth_failed', 'Для этой учётной записи вход запрещён')
        : new DeskFailure('server_error', error.message);
    case 'server_error':
      // The server slows down repeated wrong passwords: say how long to wait.
      if (error.status === 429) {
        const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000));
        return new DeskFailure('auth_failed', `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`);
      }
      return new DeskFailure('server_error', error.message);
    case 'bad_response':
      return new DeskFailure('server_error', error.message);
  }
}

export function createSessionHandlers(deps: SessionHandlerDeps): Handlers<typeof SESSION_METHODS> {
  const { cache, engine, events } = deps;

  const announceSession = (): Session => {
    const session = currentSession(deps);
    events.emit('session.changed', session);
    return session;
  };

  return {
    'session.get': () => currentSession(deps),

    'session.login': async ({ login, password }) => {
      let response;
      try {
        response = await deps.api.login({ login, password });
      } catch (error) {
        throw loginFailure(error);
      }
      if (response.user.role === 'connector') {
        throw new DeskFailure('auth_failed', 'Эта учётная запись не предназначена для разбора обращений');
      }
      // Shift handover (#12): the previous operator's queued decisions stay theirs, sent under their own session.
      const previous = cachedUser(cache);
      handOverAtSignIn(deps.handover, cache.outbox.countsByAuthor().map((author) => author.user.id),
        previous === null ? null : { user: previous, token: deps.tokenStore.load() }, response.user);
      deps.tokenStore.save(response.token);
      cache.meta.set('user', response.user);
      deps.log(`session: signed in as ${response.user.id}`);
      const session = announceSession();
      engine.sessionChanged();
      return session;
    },

    'session.signOut': ({ unsent }) => signOut({
      cache,
      clearToken: () => deps.tokenStore.clear(),
      parkSession: () => {
        const user = cachedUser(cache);
        if (user !== null) deps.handover.park(user, deps.tokenStore.load());
      },
      revokeToken: () => deps.api.signOut(),
      syncNow: () => engine.flushNow(),
      syncIdle: () => engine.trigger(),
      forgetSuggestions: () => deps.suggestions?.forgetPending(),
      session: () => currentSession(deps),
      announce: () => {
        announceSession();
        events.emit('appeals.changed', { ids: [] });
        engine.sessionChanged();
      },
      log: deps.log,
    }, unsent),
  };
}
