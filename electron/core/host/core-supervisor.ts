// Keeps a desk core running: when the core behind the host protocol ends unasked (a crashed utility process or worker;
// core-client says so with desk.link {connected: false}), a new one is started on the same data folder and the window
// goes on with it. Nothing is lost by the crash — every decision was durable in SQLite before it was sent, and the
// new core's sync sends what is left, once — so the operator should not have to restart the program for it (left
// alone on 5 December: the window only said «перезапустите»). Restarts are spaced out and limited: a core that dies
// again and again (a broken cache, a full disk) is left stopped, and the window says to restart the program.
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { DeskLink } from '../../../shared/desk-api/session-contract.js';
import type { DeskCore } from '../desk-core.js';
import { createListenerSet } from './listener-set.js';

export interface SuperviseOptions {
  log?: (line: string) => void;
  /** Wait before each restart after a crash, in order; past the last entry, no more restarts. */
  delaysMs?: readonly number[];
  /** Crashes further apart than this start the count again (a core that ran a day and crashed once is no loop). */
  resetAfterMs?: number;
  /** How long a call made while the core restarts waits for it before answering with an error. */
  callWaitMs?: number;
  now?: () => number;
}

const DEFAULT_DELAYS_MS = [500, 3_000, 15_000];
const DEFAULT_RESET_AFTER_MS = 10 * 60_000;
const DEFAULT_CALL_WAIT_MS = 30_000;

const GONE: DeskResult<never> = {
  ok: false, error: { code: 'internal', message: 'Рабочая часть программы остановилась; перезапустите программу' },
};
const CLOSING: DeskResult<never> = { ok: false, error: { code: 'internal', message: 'Программа завершает работу' } };
/** A call the crashed core never answered: whether it was done is unknown, so it is not repeated — the person does. */
const CUT_OFF: DeskResult<never> = {
  ok: false, error: { code: 'internal', message: 'Программа перезапускается: повторите действие через несколько секунд' },
};

/**
 * A DeskCore that stands for `first` and, after each crash, for the core `restart` starts: calls go to the current
 * one (made during a restart, they wait for it), subscriptions move to each new one. desk.link says what happens:
 * {connected: false, restarting: true} when a restart is on its way, {connected: true} when it is back,
 * {connected: false} when no more restarts will be tried.
 */
export function superviseCore(first: DeskCore, restart: () => Promise<DeskCore>, options: SuperviseOptions = {}): DeskCore {
  const log = options.log ?? (() => undefined);
  const delays = options.delaysMs ?? DEFAULT_DELAYS_MS;
  const resetAfterMs = options.resetAfterMs ?? DEFAULT_RESET_AFTER_MS;
  const callWaitMs = options.callWaitMs ?? DEFAULT_CALL_WAIT_MS;
  const now = options.now ?? Date.now;
  const listeners = createListenerSet(log, 'core supervisor');
  let current: DeskCore | null = null;
  let detach: (() => void)[] = [];
  let state: 'running' | 'restarting' | 'stopped' | 'closed' = 'running';
  let crashes = 0;
  let lastCrashAt = 0;
  let timer: NodeJS.Timeout | null = null;
  /** Calls made while no core runs, waiting for the next one (or for the end). */
  let waiters: ((core: DeskCore | null) => void)[] = [];

  const deliver = listeners.deliver;
  const tellWindow = (link: DeskLink): void => deliver('desk.link', link);
  const release = (core: DeskCore | null): void => {
    for (const wake of waiters.splice(0)) wake(core);
  };

  /** Subscribes to `core`: desk.link always (it carries the crash), every other event someone listens to. */
  function adopt(core: DeskCore): void {
    current = core;
    const events = new Set(['desk.link', ...listeners.events()]);
    detach = [...events].map((event) => subscribe(core, event));
  }

  /** One event of `core` to our listeners; desk.link {connected: false} from the core client is the crash itself. */
  function subscribe(core: DeskCore, event: string): () => void {
    return core.on(event, (payload) => {
      if (core !== current) return;
      if (event === 'desk.link' && (payload as DeskLink).connected === false) crashed();
      else deliver(event, payload);
    });
  }

  function crashed(): void {
    if (state !== 'running') return;
    for (const off of detach.splice(0)) off();
    current = null;
    const at = now();
    if (at - lastCrashAt > resetAfterMs) crashes = 0;
    lastCrashAt = at;
    const delay = delays[crashes];
    crashes += 1;
    if (delay === undefined) {
      state = 'stopped';
      log(`core supervisor: the core stopped ${crashes} times in a row; not restarted`);
      release(null);
      tellWindow({ connected: false });
      return;
    }
    state = 'restarting';
    log(`core supervisor: the core stopped; restarting it in ${delay} ms (restart ${crashes} of ${delays.length})`);
    tellWindow({ connected: false, restarting: true });
    timer = setTimeout(() => {
      timer = null;
      void start();
    }, delay);
  }

  async function start(): Promise<void> {
    let core: DeskCore;
    try {
      core = await restart();
    } catch (error) {
      log(`core supervisor: the restart failed: ${error instanceof Error ? error.message : String(error)}`);
      if (state !== 'restarting') return;
      state = 'running'; // counted as one more crash: the next delay, or the end
      crashed();
      return;
    }
    if (state !== 'restarting') {
      await core.close(); // closed while it started
      return;
    }
    state = 'running';
    adopt(core);
    log('core supervisor: the core runs again');
    release(core);
    tellWindow({ connected: true });
  }

  /** The core to call now, or after the restart on its way; null when there will be none. */
  function coreForCall(): Promise<DeskCore | null> {
    if (state === 'running' && current) return Promise.resolve(current);
    if (state !== 'restarting') return Promise.resolve(null);
    return new Promise((resolve) => {
      const wait = setTimeout(() => {
        waiters = waiters.filter((w) => w !== wake);
        resolve(null);
      }, callWaitMs);
      const wake = (core: DeskCore | null): void => {
        clearTimeout(wait);
        resolve(core);
      };
      waiters.push(wake);
    });
  }

  adopt(first);

  return {
    async call(method, input) {
      const core = await coreForCall();
      if (!core) return state === 'closed' ? CLOSING : GONE;
      const result = await core.call(method, input);
      // Cut off by the crash (the core client's «остановилась; перезапустите»): a restart is on its way instead.
      return !result.ok && core !== current && state === 'restarting' ? CUT_OFF : result;
    },
    async callJson(method, input) {
      const core = await coreForCall();
      if (!core) return JSON.stringify(state === 'closed' ? CLOSING : GONE);
      const json = await core.callJson(method, input);
      return core !== current && state === 'restarting' && json.startsWith('{"ok":false') ? JSON.stringify(CUT_OFF) : json;
    },
    on(event, listener) {
      // The first listener of an event subscribes the current core to it (desk.link always is: adopt).
      if (!listeners.knows(event) && current && event !== 'desk.link') detach.push(subscribe(current, event));
      return listeners.add(event, listener);
    },
    async close() {
      const was = current;
      state = 'closed';
      if (timer) clearTimeout(timer);
      timer = null;
      for (const off of detach.splice(0)) off();
      current = null;
      release(null);
      listeners.clear();
      await was?.close();
    },
  };
}
