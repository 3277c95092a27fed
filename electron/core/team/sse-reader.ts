// Server-sent events off a byte stream, as the HTML standard's "event stream interpretation" describes them: lines end
// in CRLF, LF or CR; `event:` names the event, `data:` lines join with LF, a blank line dispatches, `:` is a comment.
// The live channel (#9) feeds it the body of GET /live; nothing here knows what the events mean.

export interface SseEvent {
  event: string;
  data: string;
}

/** A field value longer than this ends the stream: the live channel's events are a few kilobytes at most. */
const MAX_EVENT_CHARS = 1024 * 1024;

export class SseParseError extends Error {}

/**
 * Reads `stream` to its end, calling `onEvent` for each event and `onActivity` for every chunk (heartbeats included,
 * so a watchdog can tell a quiet channel from a dead one). Resolves when the stream ends or `stop` aborts; rejects
 * when the stream fails.
 */
export async function readServerSentEvents(stream: ReadableStream<Uint8Array>, stop: AbortSignal,
  onEvent: (event: SseEvent) => void, onActivity: () => void = () => undefined): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const reader = stream.getReader();
  // Cancelling the reader, not only aborting the fetch: a read pending when the request was aborted just after the
  // server ended the response was seen never to settle (Node 22's fetch); a cancelled reader always answers `done`.
  const cancel = (): void => {
    reader.cancel().catch(() => undefined);
  };
  if (stop.aborted) cancel();
  stop.addEventListener('abort', cancel, { once: true });
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  let dataChars = 0;

  const takeLine = (line: string): void => {
    if (line === '') {
      if (data.length > 0) onEvent({ event: eventName === '' ? 'message' : eventName, data: data.join('\n') });
      eventName = '';
      data = [];
      dataChars = 0;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') {
      dataChars += value.length;
      if (dataChars > MAX_EVENT_CHARS) throw new SseParseError('событие живого канала слишком большое');
      data.push(value);
    }
    // id and retry are not used: the desk resumes from its own change cursor.
  };

  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || stop.aborted) break;
      onActivity();
      buffer += decoder.decode(value, { stream: true });
      let start = 0;
      for (let i = 0; i < buffer.length && !stop.aborted; i++) {
        const ch = buffer.charCodeAt(i);
        if (ch !== 10 && ch !== 13) continue;
        // A CR at the very end may be the first half of CRLF: wait for the next chunk.
        if (ch === 13 && i === buffer.length - 1) break;
        takeLine(buffer.slice(start, i));
        if (ch === 13 && buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length > MAX_EVENT_CHARS) throw new SseParseError('строка живого канала слишком длинная');
    }
  } finally {
    stop.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
