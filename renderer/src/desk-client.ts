// The renderer's only door to the machine: typed calls and events over window.desk (Electron preload or the
// test harness bridge). Event payloads are parsed with the contract's zod schemas before anyone sees them.
import {
  DESK_EVENTS, DESK_METHODS, type DeskBridge, type DeskError, type DeskEvent, type DeskEventPayload,
  type DeskInput, type DeskMethod, type DeskOutput, type DeskResult,
} from '../../shared/desk-api/contract.js';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

function bridge(): DeskBridge | null {
  return typeof window !== 'undefined' && window.desk ? window.desk : null;
}

const NO_BRIDGE: DeskError = {
  code: 'internal',
  message: 'Программа запущена не полностью: окно не связано с хранилищем решений. Перезапустите программу.',
};

// The core checks its outputs against the contract only outside production (validateOutputs), so this parse is
// the production check: kept for every output except the inbox list and ids, where parsing 100,000 rows would
// cost a visible pause on every reload (those two are trusted as the core sends them).
const TRUSTED_OUTPUTS: ReadonlySet<DeskMethod> = new Set<DeskMethod>(['inbox.list', 'inbox.ids']);

/** Call a desk method. Never throws: failures come back as `{ok:false, error}` with a Russian message. */
export async function deskCall<M extends DeskMethod>(method: M, input: DeskInput<M>): Promise<DeskResult<DeskOutput<M>>> {
  const desk = bridge();
  if (!desk) return { ok: false, error: NO_BRIDGE };
  let result: DeskResult<unknown>;
  try {
    result = await desk.call(method, input);
  } catch (error) {
    return { ok: false, error: { code: 'unreachable', message: `Нет связи с рабочей частью программы (для ИТ: ${String(error)})` } };
  }
  if (!result.ok) return result;
  if (TRUSTED_OUTPUTS.has(method)) return { ok: true, value: result.value as DeskOutput<M> };
  const parsed = DESK_METHODS[method].output.safeParse(result.value);
  if (!parsed.success) {
    return { ok: false, error: { code: 'internal', message: `Программа получила неожиданный ответ от своей рабочей части (для ИТ: ${method}).` } };
  }
  return { ok: true, value: parsed.data as DeskOutput<M> };
}

/** Subscribe to a desk event; malformed payloads are dropped (and logged), never delivered. */
export function onDeskEvent<E extends DeskEvent>(event: E, listener: (payload: DeskEventPayload<E>) => void): () => void {
  const desk = bridge();
  if (!desk) return () => {};
  return desk.on(event, (raw) => {
    const parsed = DESK_EVENTS[event].safeParse(raw);
    if (parsed.success) listener(parsed.data as DeskEventPayload<E>);
    else console.warn(`desk event «${event}» dropped: payload does not match the contract`, parsed.error.issues);
  });
}

export function hasDeskBridge(): boolean {
  return bridge() !== null;
}
