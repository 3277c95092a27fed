// The host side of the core host protocol (core-protocol.ts): starts a core behind a transport and gives back the
// same DeskCore interface (call, on, close) that an in-process createDeskCore gives, so callers cannot tell.
import { isDeskEvent, type DeskResult } from '../../../shared/desk-api/contract.js';
import { CacheOpenError } from '../cache/cache-open-error.js';
import type { DeskCore } from '../desk-core.js';
import type { TokenStore } from '../token-store.js';
import {
  CORE_PROTOCOL_VERSION, CoreToHostMessage, DeskResultMessage, describeProtocolIssues, type CoreHostTransport,
  type CoreStartOptions,
} from './core-protocol.js';
import { createListenerSet } from './listener-set.js';

export interface ConnectCoreHostOptions {
  options: CoreStartOptions;
  /** The real token store (Electron: safeStorage-backed; harness: the file in the data folder). */
  tokenStore: TokenStore;
  log?: (line: string) => void;
  /** How long close() waits for the core to flush and say `closed` before the thread or process is ended anyway. */
  closeTimeoutMs?: number;
}

const STOPPED: DeskResult<never> = { ok: false, error: { code: 'internal', message: 'Рабочая часть программы остановилась; перезапустите программу' } };
const CLOSING: DeskResult<never> = { ok: false, error: { code: 'internal', message: 'Программа завершает работу' } };
const UNREADABLE: DeskResult<never> = { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка программы: ответ не прочитан' } };

/** A result's JSON text as a DeskResult; text that is not one (never from our core) becomes an internal error. */
function parseResult(json: string, log: (line: string) => void): DeskResult<unknown> {
  try {
    const parsed = DeskResultMessage.safeParse(JSON.parse(json));
    if (parsed.success) return parsed.data as DeskResult<unknown>;
    log(`core client: a result not of the protocol: ${describeProtocolIssues(parsed.error)}`);
  } catch {
    log('core client: a result that is not JSON');
  }
  return UNREADABLE;
}

function startError(error: { name: string; message: string; code?: CacheOpenError['code'] | undefined }): Error {
  // The shell words its refusal by the kind (cache_missing, …): the same class and code as an in-process start.
  if (error.code !== undefined) return new CacheOpenError(error.code, error.message);
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}

/** Resolves once the core is ready; rejects with the start error (CacheOpenError with its code) or if the host ends. */
export function connectCoreHost(transport: CoreHostTransport, connect: ConnectCoreHostOptions): Promise<DeskCore> {
  const log = connect.log ?? (() => undefined);
  // Each pending call takes its result's JSON text: callJson forwards it as is, call parses it.
  const pending = new Map<number, (json: string) => void>();
  const listeners = createListenerSet(log, 'core client');
  let nextId = 0;
  let phase: 'starting' | 'ready' | 'closing' | 'gone' = 'starting';
  let settleStart: { resolve: (core: DeskCore) => void; reject: (error: Error) => void } | null = null;
  let onClosed: (() => void) | null = null;

  const deliver = listeners.deliver;

  const finishAll = (result: DeskResult<never>): void => {
    const json = JSON.stringify(result);
    for (const [id, resolve] of pending) {
      pending.delete(id);
      resolve(json);
    }
  };

  function callJson(method: string, input: unknown): Promise<string> {
    if (phase !== 'ready') return Promise.resolve(JSON.stringify(phase === 'gone' ? STOPPED : CLOSING));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        transport.send({ type: 'call', id, method, input });
      } catch (error) {
        // An input that cannot be cloned (a function, a symbol) never reaches the core.
        pending.delete(id);
        resolve(JSON.stringify({ ok: false, error: { code: 'bad_request', message: `Неверные параметры ${String(method).slice(0, 100)}: ${error instanceof Error ? error.message : String(error)}` } }));
      }
    });
  }

  const core: DeskCore = {
    async call(method, input) {
      return parseResult(await callJson(method, input), log);
    },
    callJson,
    on(event, listener) {
      if (!isDeskEvent(event)) {
        log(`core client: subscription to unknown event ${JSON.stringify(event.slice(0, 50))} ignored`);
        return () => undefined;
      }
      return listeners.add(event, listener);
    },
    async close() {
      if (phase === 'gone') return;
      if (phase !== 'closing') {
        phase = 'closing';
        const closed = new Promise<void>((resolve) => (onClosed = resolve));
        transport.send({ type: 'close' });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            log('core client: the core did not close in time; ending it');
            resolve();
          }, connect.closeTimeoutMs ?? 15_000);
        });
        await Promise.race([closed, late]).finally(() => clearTimeout(timer));
        finishAll(CLOSING);
        listeners.clear();
        await transport.terminate();
        phase = 'gone';
      }
    },
  };

  transport.onMessage((raw) => {
    const parsed = CoreToHostMessage.safeParse(raw);
    if (!parsed.success) {
      log(`core client: ignored a message not of the protocol: ${describeProtocolIssues(parsed.error)}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        phase = 'ready';
        settleStart?.resolve(core);
        settleStart = null;
        return;
      case 'startFailed':
        phase = 'gone';
        settleStart?.reject(startError(message.error));
        settleStart = null;
        void transport.terminate();
        return;
      case 'result': {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message.json);
        return;
      }
      case 'event':
        deliver(message.name, message.payload);
        return;
      case 'log':
        log(message.line);
        return;
      // Applied before the result of the call that caused it arrives (messages keep their order).
      case 'tokenSaved':
        connect.tokenStore.save(message.token);
        return;
      case 'tokenCleared':
        connect.tokenStore.clear();
        return;
      case 'refused':
        log(`core client: the core refused a message: ${message.reason}`);
        return;
      case 'closed':
        onClosed?.();
        return;
    }
  });

  transport.onExit((detail) => {
    if (phase === 'gone') return;
    const wasClosing = phase === 'closing';
    const wasReady = phase === 'ready';
    phase = 'gone';
    if (!wasClosing) log(`core client: the core stopped: ${detail}`);
    finishAll(STOPPED);
    // Ended unasked after it was ready (a crash): the window is told (DeskLink), not left showing «В сети».
    if (wasReady) deliver('desk.link', { connected: false });
    onClosed?.();
    settleStart?.reject(new Error(`Рабочая часть программы остановилась при запуске (для ИТ: ${detail})`));
    settleStart = null;
  });

  return new Promise<DeskCore>((resolve, reject) => {
    settleStart = { resolve, reject };
    try {
      transport.send({ type: 'start', version: CORE_PROTOCOL_VERSION, options: connect.options, token: connect.tokenStore.load() });
    } catch (error) {
      settleStart = null;
      void transport.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
