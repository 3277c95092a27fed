// The core side of the core host protocol (core-protocol.ts): starts the desk core on `start`, answers `call`s,
// forwards every desk event, log line and token change to the host side, and closes on `close`. Transport-free:
// core-host-worker.ts (worker_threads, the harness) and electron/main/core-host-utility.ts (Electron's
// utilityProcess) each hand it their port.
import { DESK_EVENTS } from '../../../shared/desk-api/contract.js';
import { CacheOpenError } from '../cache/cache-open-error.js';
import { createDeskCore, type DeskCore, type DeskCoreOptions } from '../desk-core.js';
import type { TokenStore } from '../token-store.js';
import {
  HostToCoreMessage, describeProtocolIssues, type CoreHostPort, type CoreStartOptions,
  type CoreToHostMessage,
} from './core-protocol.js';

export interface CoreHostExtras {
  /** The HTTP the core uses for the central API (Electron: net.fetch); Node's fetch by default. */
  fetch?: typeof fetch;
}

/** The core's copy of the token: the host side's store is the real one, told of every change by message. */
function forwardingTokenStore(initial: string | null, send: (message: CoreToHostMessage) => void): TokenStore {
  let token = initial;
  return {
    load: () => token,
    save(value) {
      token = value;
      send({ type: 'tokenSaved', token: value });
    },
    clear() {
      token = null;
      send({ type: 'tokenCleared' });
    },
  };
}

function coreOptions(options: CoreStartOptions): Omit<DeskCoreOptions, 'tokenStore' | 'log' | 'fetch'> {
  // exactOptionalPropertyTypes: an option the host side left out stays absent (the core's default applies).
  const defined = Object.entries(options).filter(([, value]) => value !== undefined);
  return Object.fromEntries(defined) as unknown as Omit<DeskCoreOptions, 'tokenStore' | 'log' | 'fetch'>;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function serveCore(port: CoreHostPort, extras: CoreHostExtras = {}): void {
  let state: 'waiting' | 'starting' | 'ready' | 'failed' | 'closing' | 'closed' = 'waiting';
  let core: DeskCore | null = null;
  const unsubscribers: Array<() => void> = [];

  /** A payload that cannot be cloned (a bug in the core) must not end the process: the caller gets an error. */
  const send = (message: CoreToHostMessage): boolean => {
    try {
      port.send(message);
      return true;
    } catch (error) {
      if (message.type !== 'log') port.send({ type: 'log', line: `core host: ${message.type} not sent: ${errorText(error)}` });
      return false;
    }
  };
  const log = (line: string): void => {
    send({ type: 'log', line });
  };

  async function start(options: CoreStartOptions, token: string | null): Promise<void> {
    state = 'starting';
    try {
      core = await createDeskCore({
        ...coreOptions(options),
        tokenStore: forwardingTokenStore(token, send),
        log,
        ...(extras.fetch ? { fetch: extras.fetch } : {}),
      });
    } catch (error) {
      state = 'failed';
      const code = error instanceof CacheOpenError ? error.code : undefined;
      send({
        type: 'startFailed',
        error: {
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
          ...(code !== undefined ? { code } : {}),
        },
      });
      return;
    }
    const started = core;
    for (const name of Object.keys(DESK_EVENTS)) {
      unsubscribers.push(started.on(name, (payload) => {
        send({ type: 'event', name, payload });
      }));
    }
    // A close that arrived while starting has waited for this.
    if (state === 'starting') state = 'ready';
    send({ type: 'ready' });
  }

  const failure = (message: string, code = 'internal'): string => JSON.stringify({ ok: false, error: { code, message } });

  async function call(id: number, method: string, input: unknown): Promise<void> {
    if (core === null || state !== 'ready') {
      send({ type: 'result', id, json: failure('Рабочая часть программы не запущена') });
      return;
    }
    const json = await core.callJson(method, input).catch((error: unknown) => {
      log(`core host: ${method} threw: ${errorText(error)}`);
      return failure('Внутренняя ошибка программы');
    });
    if (!send({ type: 'result', id, json })) send({ type: 'result', id, json: failure('Внутренняя ошибка: ответ не передан') });
  }

  async function close(): Promise<void> {
    if (state === 'closing' || state === 'closed') return;
    state = 'closing';
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
    try {
      await core?.close();
    } catch (error) {
      log(`core host: close failed: ${errorText(error)}`);
    }
    state = 'closed';
    send({ type: 'closed' });
    port.end();
  }

  let starting: Promise<void> = Promise.resolve();
  port.onMessage((raw) => {
    const parsed = HostToCoreMessage.safeParse(raw);
    if (!parsed.success) {
      // A call whose id can be read still gets its answer, so the caller never waits forever.
      const id = (raw as { type?: unknown; id?: unknown } | null)?.id;
      const callId = typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
      const reason = `not a core host message: ${describeProtocolIssues(parsed.error)}`;
      log(`core host: refused ${reason}`);
      send({ type: 'refused', reason, ...(callId !== undefined ? { id: callId } : {}) });
      if (callId !== undefined && (raw as { type?: unknown }).type === 'call') {
        send({ type: 'result', id: callId, json: failure('Неверный вызов внутри программы', 'bad_request') });
      }
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'start':
        if (state !== 'waiting') {
          send({ type: 'refused', reason: `start while ${state}` });
          return;
        }
        starting = start(message.options, message.token);
        return;
      case 'call':
        void call(message.id, message.method, message.input);
        return;
      case 'close':
        void starting.then(close);
        return;
    }
  });
}
