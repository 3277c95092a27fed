// Brute-force brake for POST /session that a stranger cannot turn against a colleague. Each failed sign-in grows a
// delay (doubling, capped) per (login, address) pair, per login and per address; an attempt inside a delay is answered
// 429 + Retry-After before any scrypt is spent and does not grow the delay further, so the wait never exceeds the cap.
// The login's and the address's delays are skipped from an address where that login signed in before (the operator's
// own desk, the shift's NAT): failures from elsewhere, or of other logins behind the same NAT, cannot keep them out.
// The pair's delay always applies, so guessing from any one address stays bounded.
// In memory: a restart forgets counts and trust, which only ever errs towards letting an operator back in.

/** No delay for the first `free` failures; then baseMs, doubling with each failure, never above maxMs. */
export interface DelayRule {
  free: number;
  baseMs: number;
  maxMs: number;
}

export interface LoginLimits {
  /** Failures of one login from one address: always applies (bounds guessing from any one place). */
  perPair: DelayRule;
  /** Failures of one login from anywhere: skipped from an address the login signed in from before. */
  perLogin: DelayRule;
  /** Failures from one address for any login (a spray): skipped for a login that signed in from it before. */
  perAddress: DelayRule;
  /** Failures of a key are forgotten after this long without a new one. */
  forgetAfterMs: number;
  /** How long a successful sign-in trusts its (login, address) pair. */
  trustMs: number;
}

const MINUTE = 60_000;

/**
 * Guessing stays bounded: from one address at most ~4 guesses per hour per login once delayed (pair cap 15 min);
 * from many addresses at most ~12 per hour per login (login cap 5 min). A shift of 20 behind one NAT has 30 free
 * failures for the address before anyone not yet trusted there waits, and then at most a minute.
 */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perPair: { free: 5, baseMs: 1_000, maxMs: 15 * MINUTE },
  perLogin: { free: 5, baseMs: 1_000, maxMs: 5 * MINUTE },
  perAddress: { free: 30, baseMs: 1_000, maxMs: 1 * MINUTE },
  forgetAfterMs: 60 * MINUTE,
  trustMs: 30 * 24 * 60 * MINUTE,
};

/** The delay after `failures` failures under `rule`. */
export function delayAfter(failures: number, rule: DelayRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(failures - rule.free, 40));
}

/** Bounds memory under a spray of random logins and addresses: the least recently touched keys are forgotten first. */
const MAX_TRACKED_KEYS = 50_000;

export type LimitScope = 'pair' | 'login' | 'address';
export type LoginGate = { ok: true } | { ok: false; retryAfterSeconds: number; scope: LimitScope };

/** An admitted attempt: counted as a failure from the moment it is admitted until it is settled. */
export interface PendingAttempt {
  ok: true;
  /** A wrong password leaves the failure counted; a right one takes it back (and clears the login's counts). */
  settle(success: boolean): void;
}

interface Failures {
  count: number;
  lastAt: number;
}

export function createLoginRateLimit(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, now: () => number = Date.now) {
  const failures = new Map<string, Failures>();
  /** pair key → until when a past success trusts it. */
  const trusted = new Map<string, number>();

  const loginOf = (login: string) => login.trim().toLowerCase();
  const keys = (login: string, address: string) => ({
    pair: `pair:${loginOf(login)}\n${address}`, login: `login:${loginOf(login)}`, address: `addr:${address}`,
  });

  const current = (key: string): Failures | undefined => {
    const entry = failures.get(key);
    if (entry && now() - entry.lastAt > limits.forgetAfterMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  const waitMs = (key: string, rule: DelayRule): number => {
    const entry = current(key);
    return entry ? Math.max(0, entry.lastAt + delayAfter(entry.count, rule) - now()) : 0;
  };
  const isTrusted = (pairKey: string): boolean => {
    const until = trusted.get(pairKey);
    if (until !== undefined && until <= now()) trusted.delete(pairKey);
    return until !== undefined && until > now();
  };
  const touch = <V>(map: Map<string, V>, key: string, value: V): void => {
    map.delete(key); // re-insert: Map order is then least recently touched first
    map.set(key, value);
    while (map.size > MAX_TRACKED_KEYS) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  };
  const record = (key: string, at: number): void => {
    touch(failures, key, { count: (current(key)?.count ?? 0) + 1, lastAt: at });
  };
  const takeBack = (key: string): void => {
    const entry = failures.get(key);
    if (!entry) return;
    if (entry.count <= 1) failures.delete(key);
    else entry.count -= 1;
  };

  const check = (login: string, address: string): LoginGate => {
    const k = keys(login, address);
    const trustedHere = isTrusted(k.pair);
    const waits: [LimitScope, number][] = [
      ['pair', waitMs(k.pair, limits.perPair)],
      ['login', trustedHere ? 0 : waitMs(k.login, limits.perLogin)],
      ['address', trustedHere ? 0 : waitMs(k.address, limits.perAddress)],
    ];
    const [scope, longest] = waits.reduce((a, b) => (b[1] > a[1] ? b : a));
    return longest > 0 ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(longest / 1000)), scope } : { ok: true };
  };

  return {
    /**
     * Admits an attempt or refuses it before the password is looked at. An admitted attempt counts as failed at
     * once: the scrypt check is asynchronous, and parallel guesses must not all pass the gate before any fails.
     */
    begin(login: string, address: string): PendingAttempt | Exclude<LoginGate, { ok: true }> {
      const gate = check(login, address);
      if (!gate.ok) return gate;
      const k = keys(login, address);
      const at = now();
      for (const key of [k.pair, k.login, k.address]) record(key, at);
      let settled = false;
      return {
        ok: true,
        settle(success: boolean): void {
          if (settled) return;
          settled = true;
          if (!success) return;
          // A correct password clears the login's counts and trusts this address for it; the address only loses
          // this attempt (one good sign-in must not wipe a spray of other logins from the same address).
          failures.delete(k.pair);
          failures.delete(k.login);
          takeBack(k.address);
          touch(trusted, k.pair, now() + limits.trustMs);
        },
      };
    },
  };
}

export type LoginRateLimit = ReturnType<typeof createLoginRateLimit>;
