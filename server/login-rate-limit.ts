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

  return {
    /** Whether an attempt may proceed at all (checked before the password is looked at). */
    check(login: string, address: string): LoginGate {
      const byLogin = recent(loginKey(login));
      if (byLogin.length >= limits.perLogin) return { ok: false, retryAfterSeconds: retryAfter(byLogin, limits.perLogin), scope: 'login' };
      const byAddress = recent(addressKey(address));
      if (byAddress.length >= limits.perAddress) {
        return { ok: false, retryAfterSeconds: retryAfter(byAddress, limits.perAddress), scope: 'address' };
      }
      return { ok: true };
    },
    failed(login: string, address: string): void {
      for (const key of [loginKey(login), addressKey(address)]) {
        const kept = recent(key);
        failures.delete(key); // re-insert: Map order is then oldest-touched first
        failures.set(key, [...kept, now()]);
      }
      while (failures.size > MAX_TRACKED_KEYS) {
        const oldest = failures.keys().next().value;
        if (oldest === undefined) break;
        failures.delete(oldest);
      }
    },
    /** A correct password clears that login's count (not the address's: one good login must not unlock a spray). */
    succeeded(login: string): void {
      failures.delete(loginKey(login));
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
