// Server-sent events framing per the HTML spec: `event: <name>`, one `data:` line, a blank line. JSON.stringify
// escapes CR and LF inside strings, so the data of an event is always exactly one line.
import type { LiveEvent } from '../../shared/central-api/team-contract.js';

export function sseEvent(event: LiveEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/** A comment line: ignored by EventSource, but it keeps proxies from timing the stream out and proves it alive. */
export const SSE_HEARTBEAT = ': hb\n\n';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // nginx and similar proxies buffer responses by default, which would hold events back until the buffer fills.
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
  connection: 'keep-alive',
} as const;
