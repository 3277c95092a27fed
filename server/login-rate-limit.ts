// Brute-force brake for POST /session: failed sign-ins are counted per login and per client address in a
// sliding window; over the limit the server answers 429 with Retry-After before it spends an scrypt on the guess.
// In memory: a restart forgets the counters, which only ever errs towards letting an operator back in.

export interface LoginLimits {
  /** Failed attempts for one login within the window before it is locked (default 5 per 15 min). */
  perLogin: number;
  /** Failed attempts from one address within the window (default 30: a whole ЦУР shift may share one NAT). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perLogin: 5, perAddress: 30, windowMs: 15 * 60_000 };

/** Bounds memory under a spray of random logins: the oldest keys are forgotten first. */
const MAX_TRACKED_KEYS = 50_000;

export type LoginGate = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'login' | 'address' };

/** An admitted attempt: counted as a failure from the moment it is admitted until it is settled. */
export interface PendingAttempt {
  ok: true;
  /** A wrong password leaves the failure counted; a right one takes it back (and clears the login's count). */
  settle(success: boolean): void;
}

export function createLoginRateLimit(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: () => number = Date.now) {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  const retryAfter = (times: number[], max: number): number => {
    // Unlocks when the failure that tipped the count over the limit leaves the window.
    const unlockAt = (times[times.length - max] ?? now()) + limits.windowMs;
    return Math.max(1, Math.ceil((unlockAt - now()) / 1000));
  };
  const loginKey = (login: string) => `login:${login.trim().toLowerCase()}`;
  const addressKey = (address: string) => `addr:${address}`;

  const check = (login: string, address: string): LoginGate => {
    const byLogin = recent(loginKey(login));
    if (byLogin.length >= limits.perLogin) return { ok: false, retryAfterSeconds: retryAfter(byLogin, limits.perLogin), scope: 'login' };
    const byAddress = recent(addressKey(address));
    if (byAddress.length >= limits.perAddress) {
      return { ok: false, retryAfterSeconds: retryAfter(byAddress, limits.perAddress), scope: 'address' };
    }
    return { ok: true };
  };
  const record = (key: string, at: number): void => {
    const kept = recent(key);
    failures.delete(key); // re-insert: Map order is then oldest-touched first
    failures.set(key, [...kept, at]);
  };
  const forget = (key: string, at: number): void => {
    const times = failures.get(key);
    const index = times?.indexOf(at) ?? -1;
    if (!times || index < 0) return;
    times.splice(index, 1);
    if (times.length === 0) failures.delete(key);
  };

  return {
    /**
     * Admits an attempt or refuses it before the password is looked at. An admitted attempt counts as failed at
     * once: the scrypt check is asynchronous, and parallel guesses must not all pass the gate before any fails.
     */
    begin(login: string, address: string): PendingAttempt | Exclude<LoginGate, { ok: true }> {
      const gate = check(login, address);
      if (!gate.ok) return gate;
      const at = now();
      record(loginKey(login), at);
      record(addressKey(address), at);
      while (failures.size > MAX_TRACKED_KEYS) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
      let settled = false;
      return {
        ok: true,
        settle(success: boolean): void {
          if (settled || !success) {
            settled = true;
            return;
          }
          settled = true;
          // A correct password clears that login's count; the address only loses this attempt (one good login
          // must not unlock a spray from the same address).
          failures.delete(loginKey(login));
          forget(addressKey(address), at);
        },
      };
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
