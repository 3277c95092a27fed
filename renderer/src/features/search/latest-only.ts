// Two small guards for typing into a search box: a debouncer (the query runs after the operator pauses) and a
// latest-only ticket (an answer that comes back after a newer query was sent is dropped, never shown).

export interface LatestOnly {
  /** Starts a run; the returned ticket is current until the next begin() or cancel(). */
  begin(): number;
  isCurrent(ticket: number): boolean;
  /** Makes every ticket handed out so far stale (the query was cleared). */
  cancel(): void;
}

export function createLatestOnly(): LatestOnly {
  let latest = 0;
  return {
    begin: () => ++latest,
    isCurrent: (ticket) => ticket === latest,
    cancel: () => { latest++; },
  };
}

export interface TimerApi {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: TimerApi = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Debouncer {
  /** (Re)starts the wait; `fn` runs once the calls stop for `ms`. */
  schedule(): void;
  /** Runs now if a run is waiting (Enter in the box should not wait for the pause). */
  flush(): void;
  cancel(): void;
  pending(): boolean;
}

export function createDebouncer(fn: () => void, ms: number, timers: TimerApi = REAL_TIMERS): Debouncer {
  let handle: unknown = null;
  const fire = (): void => { handle = null; fn(); };
  return {
    schedule: () => {
      if (handle !== null) timers.clear(handle);
      handle = timers.set(fire, ms);
    },
    flush: () => {
      if (handle === null) return;
      timers.clear(handle);
      fire();
    },
    cancel: () => {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
    pending: () => handle !== null,
  };
}
