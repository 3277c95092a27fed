// Browser side of the test harness: window.desk = {call, on} over HTTP and server-sent events, the
// same two functions the Electron preload exposes over IPC. Built for the browser at harness start.
import type { DeskBridge, DeskResult } from '../../shared/desk-api/contract.js';
import { coreUnreachable, createListenerRegistry, DESK_EVENT_NAMES } from '../../shared/desk-api/bridge-events.js';

// Only what the bridge touches, so this file typechecks without the DOM library.
interface MessageLike { data: string }
interface EventSourceLike { addEventListener(type: string, listener: (event: MessageLike) => void): void }
const browser = globalThis as unknown as { EventSource: new (url: string) => EventSourceLike };

const events = createListenerRegistry();
let source: EventSourceLike | null = null;

/** One shared stream for all subscriptions; EventSource reconnects by itself. */
function ensureStream(): void {
  if (source !== null) return;
  source = new browser.EventSource('/__harness/events');
  for (const name of DESK_EVENT_NAMES) {
    source.addEventListener(name, (event) => {
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return;
      }
      events.emit(name, payload);
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
      return coreUnreachable(error);
    }
  },
  on: (event, listener) => events.on(event, listener),
};

// Connect now, before the app's module script runs, so events right after start-up are not lost
// (over IPC a subscription is live at once; this narrows the difference to the connect time).
ensureStream();

// Like contextBridge: a frozen object on a property the page cannot replace.
Object.defineProperty(globalThis, 'desk', { value: Object.freeze(desk), enumerable: true, writable: false, configurable: false });
