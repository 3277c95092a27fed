// Server-sent events for the harness: every open /__harness/events response receives every desk event
// as `event: <name>\ndata: <json>`. A comment line right after connecting tells clients they are registered; then the
// newest frame of each whole-state event (`remember`, shared/desk-api STATE_EVENTS) so a client that connects after
// one was sent still starts from the current state.
import type { ServerResponse } from 'node:http';

const HEARTBEAT_MS = 15_000;

export interface EventStream {
  attach(response: ServerResponse): void;
  broadcast(name: string, payload: unknown): void;
  closeAll(): void;
  readonly clientCount: number;
}

/** `onEmpty`: called when the last client has gone (a closed tab); a client that comes back is just attached again. */
export function createEventStream(remember: ReadonlySet<string> = new Set(), onEmpty?: () => void): EventStream {
  const clients = new Set<ServerResponse>();
  const newest = new Map<string, string>();
  // Keeps idle connections from being dropped by proxies or client timeouts; never holds the process open.
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    attach(response) {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
      });
      clients.add(response);
      response.on('close', () => {
        clients.delete(response);
        if (clients.size === 0) onEmpty?.();
      });
      response.write(`retry: 1000\n: connected\n\n${[...newest.values()].join('')}`);
    },
    broadcast(name, payload) {
      // JSON.stringify never emits a raw newline, so one data line is always enough.
      const frame = `event: ${name}\ndata: ${JSON.stringify(payload ?? null)}\n\n`;
      if (remember.has(name)) newest.set(name, frame);
      for (const client of clients) client.write(frame);
    },
    closeAll() {
      clearInterval(heartbeat);
      for (const client of clients) client.end();
      clients.clear();
    },
    get clientCount() {
      return clients.size;
    },
  };
}
