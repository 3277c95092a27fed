// Browser side of the test harness: window.desk = {call, on} over HTTP and a server-sent event stream, the
// same two functions the Electron preload exposes over IPC. Built for the browser at harness start.
//
// The per-start key: the harness hands it over in the URL fragment (`#k=<key>`; a fragment is never sent to a
// server, so no access log or proxy sees it). This script runs before the app, reads it once, removes it from the
// address bar and the current history entry (history.replaceState), keeps it in memory and sends it in X-Desk-Key on
// every request. Reload: the key is also put in sessionStorage, which is per tab and per origin, is never sent
// anywhere, ends with the tab, and cannot be read by another user's program; a reload (the error screen's
// «Перезагрузить окно» too) takes it from there. A fragment key always wins, so after a restart of the harness the new
// address it prints replaces the old key. The event stream is read with fetch() (EventSource cannot send a header):
// the key never appears in a URL.
import type { DeskBridge, DeskResult } from '../../shared/desk-api/contract.js';
import { coreUnreachable, createListenerRegistry, DESK_EVENT_NAMES } from '../../shared/desk-api/bridge-events.js';

const CALL_PATH = '/__harness/call';
const EVENTS_PATH = '/__harness/events';
const KEY_HEADER = 'x-desk-key';
const KEY_FRAGMENT = 'k';
const KEY_STORAGE = 'triage-desk.harness-key';
const DEFAULT_RETRY_MS = 1_000;

// Only what the bridge touches, so this file typechecks without the DOM library.
interface StorageLike { getItem(key: string): string | null; setItem(key: string, value: string): void }
interface BrowserLike {
  fetch: typeof fetch;
  location?: { pathname: string; search: string; hash: string };
  history?: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage?: StorageLike;
}
const browser = globalThis as unknown as BrowserLike;

function storage(): StorageLike | null {
  try {
    return browser.sessionStorage ?? null; // reading the property throws where storage is disabled
  } catch {
    return null;
  }
}

/** Takes the key out of the fragment (and the address bar), or the one this tab kept for a reload. */
function takeKey(): string {
  const location = browser.location;
  if (location !== undefined && location.hash.length > 1) {
    const params = new URLSearchParams(location.hash.slice(1));
    const fromFragment = params.get(KEY_FRAGMENT);
    if (fromFragment !== null) {
      params.delete(KEY_FRAGMENT);
      const rest = params.toString();
      try {
        browser.history?.replaceState(browser.history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
      } catch {
        // Without history the key stays visible, but the desk still works.
      }
      try {
        storage()?.setItem(KEY_STORAGE, fromFragment);
      } catch {
        // Storage full or disabled: a reload will then need the printed address again.
      }
      return fromFragment;
    }
  }
  try {
    return storage()?.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

const key = takeKey();
const KEY_REFUSED: DeskResult<never> = {
  ok: false,
  error: {
    code: 'internal',
    // Said as the rest of the desk says it («программа», never «ядро приложения»: a helper's trial of 5 December), and
    // true of a second desk too, whose address `npm run harness` printed.
    message: 'Программа не принимает эту вкладку: ключ запуска не подошёл (программу перезапустили?). '
      + 'Откройте адрес, напечатанный при её запуске.',
  },
};

const events = createListenerRegistry();
let streaming = false;

/** Delivers one server-sent event block (`event:`/`data:` lines; comments and unknown fields are skipped). */
function dispatch(block: string, setRetry: (ms: number) => void): void {
  let name = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) setRetry(Number(value));
  }
  if (data.length === 0) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data.join('\n'));
  } catch {
    return;
  }
  if ((DESK_EVENT_NAMES as readonly string[]).includes(name)) events.emit(name, payload);
}

/**
 * The link to the harness as the page last said it (DeskLink): lost when the stream cannot be opened again — the
 * browser workstation's process is gone — or the key is refused (a restarted harness); back when it opens.
 */
let linked = true;
function setLinked(next: boolean): void {
  if (next === linked) return;
  linked = next;
  events.emit('desk.link', { connected: next });
}

/** One shared stream for all subscriptions; reconnects by itself like EventSource, but stops on a refused key. */
async function runStream(): Promise<void> {
  let retryMs = DEFAULT_RETRY_MS;
  const setRetry = (ms: number): void => {
    retryMs = ms;
  };
  for (;;) {
    let opened = false;
    try {
      const response = await browser.fetch(EVENTS_PATH, { headers: { [KEY_HEADER]: key, accept: 'text/event-stream' }, cache: 'no-store' });
      opened = true;
      if (response.status === 401) {
        console.error('desk bridge: the harness refused the key; open the address npm start printed');
        setLinked(false);
        return;
      }
      if (response.ok) setLinked(true);
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value; // event-stream.ts ends lines with \n only
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            dispatch(buffer.slice(0, end), setRetry);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        }
      }
    } catch {
      // Harness gone or connection dropped: try again after the retry delay. A drop while reading is no news yet
      // (the next open says); an open that fails is: nothing answers there.
      if (!opened) setLinked(false);
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

function ensureStream(): void {
  if (streaming) return;
  streaming = true;
  void runStream();
}

const desk: DeskBridge = {
  async call(method: string, input: unknown): Promise<DeskResult<unknown>> {
    try {
      const response = await browser.fetch(CALL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [KEY_HEADER]: key },
        body: JSON.stringify({ method, input }),
      });
      if (response.status === 401) return KEY_REFUSED;
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
