// A token bucket per key (a session), for requests a well-behaved desk sends a few of a minute but a broken or hostile
// one could send in a loop (PUT /holds). In memory: a restart only ever forgets a brake.

export interface TokenBucketLimits {
  /** Requests allowed at once from a full bucket. */
  burst: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export const DEFAULT_HOLD_LIMITS: TokenBucketLimits = { burst: 20, refillPerSecond: 10 };

/** Bounds memory under many sessions: buckets that have refilled completely carry no information and are dropped. */
const MAX_TRACKED_KEYS = 10_000;

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export function createTokenBuckets(limits: TokenBucketLimits, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();

  const level = (key: string, at: number): number => {
    const bucket = buckets.get(key);
    if (!bucket) return limits.burst;
    return Math.min(limits.burst, bucket.tokens + ((at - bucket.at) / 1000) * limits.refillPerSecond);
  };

  const prune = (at: number): void => {
    for (const key of buckets.keys()) {
      if (level(key, at) >= limits.burst) buckets.delete(key);
    }
    // Still too many (a flood from many sessions at once): forget the oldest, which errs towards letting them in.
    while (buckets.size > MAX_TRACKED_KEYS) {
      const oldest = buckets.keys().next().value;
      if (oldest === undefined) break;
      buckets.delete(oldest);
    }
  };

  return {
    /** Spends one token of `key`, or says how many whole seconds until one is back. */
    take(key: string): TakeResult {
      const at = now();
      const tokens = level(key, at);
      if (tokens < 1) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) / limits.refillPerSecond))) };
      }
      buckets.delete(key); // re-insert: Map order is then least recently used first
      buckets.set(key, { tokens: tokens - 1, at });
      if (buckets.size > MAX_TRACKED_KEYS) prune(at);
      return { ok: true };
    },
    /** A session that ended needs no bucket. */
    forget(key: string): void {
      buckets.delete(key);
    },
  };
}

export type TokenBuckets = ReturnType<typeof createTokenBuckets>;
