// Browser side of the test harness: window.desk = {call, on} over HTTP and server-sent events, the
// same two functions the Electron preload exposes over IPC. Built for the browser at harness start.
import type { DeskBridge, DeskEvent, DeskResult } from '../../shared/desk-api/contract.js';

// Literal so the bundle stays free of zod; checked against the contract at compile time.
const EVENT_NAMES = ['appeals.changed', 'sync.status', 'sync.conflict', 'session.changed', 'reports.progress', 'suggestions.changed'] as const satisfies
  readonly DeskEvent[];
type MissingEvent = Exclude<DeskEvent, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [MissingEvent] extends [never] ? true : never = true;
void everyEventListed;

// Only what the bridge touches, so this file typechecks without the DOM library.
interface MessageLike { data: string }
interface EventSourceLike { addEventListener(type: string, listener: (event: MessageLike) => void): void }
const browser = globalThis as unknown as { EventSource: new (url: string) => EventSourceLike };

const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let source: EventSourceLike | null = null;

/** One shared stream for all subscriptions; EventSource reconnects by itself. */
function ensureStream(): void {
  if (source !== null) return;
  source = new browser.EventSource('/__harness/events');
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const listener of listeners.get(name) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          console.error(`desk event listener for ${name} failed`, error);
        }
      }
    });
  }
}

const desk: DeskBridge = {
  async call(method: string, input: unknown): Promise<DeskResult<unknown>> {
    try {
      const response = await fetch('/__harness/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method, input }),
      });
      return (await response.json()) as DeskResult<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'internal', message: `Нет связи с ядром приложения: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event) || typeof listener !== 'function') return () => {};
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    const subscription = (payload: unknown): void => listener(payload);
    set.add(subscription);
    return () => {
      set.delete(subscription);
    };
  },
};

// Connect now, before the app's module script runs, so events right after start-up are not lost
// (over IPC a subscription is live at once; this narrows the difference to the connect time).
ensureStream();

// Like contextBridge: a frozen object on a property the page cannot replace.
Object.defineProperty(globalThis, 'desk', { value: Object.freeze(desk), enumerable: true, writable: false, configurable: false });
