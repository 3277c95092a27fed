// The time source of the core's schedulers. Injected so tests can drive timers by hand — including a timer that fires
// a millisecond before its due time by Date.now(), which Node does (libuv's loop clock and Date.now() round apart).

export interface Clock {
  now(): number;
  /** Calls `fn` once after about `ms` (never keeping the process alive); returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
