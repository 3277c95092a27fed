// Test helper: opens GET /live with fetch and parses the server-sent events per the HTML spec (lines split on CR, LF
// or CRLF; `event`/`data` fields; comment lines kept, as heartbeats are comments). Tests await messages, never sleep.
import { API_PREFIX } from '../../../shared/central-api/contract.js';

export type LiveMessage = { kind: 'event'; event: string; data: unknown; raw: string } | { kind: 'comment'; text: string };

export interface LiveStream {
  status: number;
  headers: Headers;
  /** The JSON error body when the server refused the stream (status ≠ 200). */
  error: unknown;
  /** Every message so far, in order. */
  received: LiveMessage[];
  /**
   * The next message after the previous match that satisfies `match` (messages before it are passed over), or a
   * rejection when the stream ends first or `timeoutMs` passes.
   */
  next(match?: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
  /** The next event of that name; its data. */
  nextEvent(name: string, timeoutMs?: number): Promise<unknown>;
  /** Resolves when the server ends the stream (or it is aborted). */
  ended: Promise<void>;
  close(): void;
}

export async function openLive(baseUrl: string, token: string | undefined, query = ''): Promise<LiveStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}${API_PREFIX}/live${query}`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const received: LiveMessage[] = [];
  let consumed = 0;
  let done = false;
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const w of [...wakers]) w();
  };

  let error: unknown = undefined;
  let ended: Promise<void>;
  if (res.status !== 200 || !res.body) {
    const text = await res.text();
    error = text ? (JSON.parse(text) as unknown) : undefined;
    done = true;
    ended = Promise.resolve();
  } else {
    ended = pump(res.body, (m) => {
      received.push(m);
      wake();
    }).finally(() => {
      done = true;
      wake();
    });
  }

  const next = (match: (m: LiveMessage) => boolean = () => true, timeoutMs = 3000): Promise<LiveMessage> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = consumed; i < received.length; i += 1) {
          const m = received[i]!;
          if (match(m)) {
            consumed = i + 1;
            resolve(m);
            return true;
          }
        }
        if (done) {
          reject(new Error(`live stream ended without the awaited message; received: ${describe(received)}`));
          return true;
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        wakers.delete(waker);
        reject(new Error(`no awaited live message within ${timeoutMs} ms; received: ${describe(received)}`));
      }, timeoutMs);
      const waker = () => {
        if (check()) {
          clearTimeout(timer);
          wakers.delete(waker);
        }
      };
      wakers.add(waker);
    });

  return {
    status: res.status,
    headers: res.headers,
    error,
    received,
    next,
    async nextEvent(name, timeoutMs) {
      const m = await next((x) => x.kind === 'event' && x.event === name, timeoutMs);
      return m.kind === 'event' ? m.data : undefined;
    },
    ended,
    close: () => controller.abort(),
  };
}

function describe(messages: LiveMessage[]): string {
  return messages.map((m) => (m.kind === 'event' ? m.event : `:${m.text}`)).join(', ') || '(nothing)';
}

async function pump(body: ReadableStream<Uint8Array>, emit: (m: LiveMessage) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) {
        const raw = data.join('\n');
        emit({ kind: 'event', event: event || 'message', data: JSON.parse(raw) as unknown, raw });
      }
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) {
      emit({ kind: 'comment', text: text.slice(1).trimStart() });
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      let match: RegExpExecArray | null;
      const breaks = /\r\n|\r(?!$)|\n/g;
      let start = 0;
      while ((match = breaks.exec(buffer)) !== null) {
        line(buffer.slice(start, match.index));
        start = match.index + match[0].length;
      }
      buffer = buffer.slice(start);
    }
  } catch {
    // Aborted by the test, or the server cut the connection: the stream has ended either way.
  }
}
