// Shift handover on a shared PC (#12 defect 9). Decisions in the outbox belong to the operator who made them and go
// to the server only under that operator's own session — never under the next operator's name. When the next shift
// signs in (or the leaving operator signs out keeping unsent work), the leaving operator's token is parked here and
// the sync engine keeps sending their rows with it; if the server no longer accepts it, their rows stay queued under
// their name, shown to whoever sits at the desk, until they sign in again. Parked tokens live in memory only: after a
// restart the rows wait for their author (the token at rest is one per desk, in the OS keychain).
import type { UserRef } from '../../shared/domain/appeal.js';

export interface ParkedSession {
  user: UserRef;
  /** null once the server refused it (signed out elsewhere, expired): the rows wait for the author to sign in. */
  token: string | null;
}

export class HandoverSessions {
  private readonly parked = new Map<string, ParkedSession>();

  /** Keeps `user`'s session for sending their rows; a token already refused stays refused. */
  park(user: UserRef, token: string | null): void {
    this.parked.set(user.id, { user, token });
  }

  /** The author is back at the desk (signed in): their rows are the current session's again. */
  release(userId: string): void {
    this.parked.delete(userId);
  }

  /** The server answered 401 to this parked session. */
  refused(userId: string): void {
    const session = this.parked.get(userId);
    if (session) session.token = null;
  }

  /** Parked sessions that can still send. */
  sendable(): { user: UserRef; token: string }[] {
    return [...this.parked.values()].flatMap((s) => (s.token === null ? [] : [{ user: s.user, token: s.token }]));
  }
}

/**
 * At sign-in of `next`: the desk's previous operator, if they still have decisions queued, keeps their session for
 * them (their token was the desk's until now; null when it had already ended). `next`'s own queued decisions, parked
 * earlier, are the current session's again.
 */
export function handOverAtSignIn(handover: HandoverSessions, queuedAuthors: readonly string[],
  previous: { user: UserRef; token: string | null } | null, next: UserRef): void {
  if (previous !== null && previous.user.id !== next.id && queuedAuthors.includes(previous.user.id)) {
    handover.park(previous.user, previous.token);
  }
  handover.release(next.id);
}
