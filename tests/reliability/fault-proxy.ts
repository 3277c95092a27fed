// A fault-injecting HTTP proxy on 127.0.0.1 between the core and the reference server: latency, resets, stalls,
// 5xx, 429 + Retry-After, truncated bodies, malformed JSON, off-contract JSON, and "applied but the answer was lost".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'none' }
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' } // the connection is destroyed before any answer
  | { kind: 'stall' } // accepted, never answered (the client's timeout must fire)
  | { kind: 'status'; status: 500 | 502 | 503 | 429; retryAfter?: string }
  | { kind: 'truncate' } // the upstream answer, cut in the middle of its body (Content-Length kept)
  | { kind: 'malformed-json' } // 200 with a body that is not JSON
  | { kind: 'off-contract' } // 200 with valid JSON of the wrong shape
  | { kind: 'lose-response' }; // forwarded upstream (so applied there), then the connection dies

export interface ProxyRequest {
  at: number;
  method: string;
  path: string;
  fault: Fault['kind'];
}

export interface FaultProxy {
  url: string;
  /** Every request seen, in order. */
  readonly requests: ProxyRequest[];
  /** Requests answered with a fault (not 'none' or 'latency' alone). */
  faultsInjected(): number;
  /** The fault for requests whose path contains `pathPart` (or all requests when omitted). */
  setFault(fault: Fault, pathPart?: string): void;
  clear(): void;
  setUpstream(url: string): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  let target = upstream.replace(/\/+$/, '');
  let fault: Fault = { kind: 'none' };
  let onlyPath: string | undefined;
  let injected = 0;
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();

  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  async function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Headers; body: Buffer }> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
    }
    const response = await fetch(target + (req.url ?? '/'), {
      method: req.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  function send(res: ServerResponse, status: number, body: Buffer | string, extra: Record<string, string> = {}): void {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(data.length), ...extra });
    res.end(data);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = req.url ?? '/';
    const active = onlyPath === undefined || path.includes(onlyPath) ? fault : ({ kind: 'none' } as Fault);
    requests.push({ at: Date.now(), method: req.method ?? 'GET', path, fault: active.kind });
    if (active.kind !== 'none' && active.kind !== 'latency') injected += 1;
    switch (active.kind) {
      case 'none': {
        const up = await forward(req, body);
        send(res, up.status, up.body, retryHeader(up.headers));
        return;
      }
      case 'latency': {
        await new Promise((resolve) => setTimeout(resolve, active.ms));
        const up = await forward(req, body);
        send(res, up.status, up.body, retryHeader(up.headers));
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'stall':
        return; // the socket stays open until the client gives up or the proxy closes
      case 'status':
        send(res, active.status, JSON.stringify({ error: { code: 'injected', message: `injected ${active.status}` } }),
          active.retryAfter !== undefined ? { 'retry-after': active.retryAfter } : {});
        return;
      case 'truncate': {
        const up = await forward(req, body);
        res.writeHead(up.status, { 'content-type': 'application/json', 'content-length': String(up.body.length) });
        res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
        // Flush the half body, then cut the connection: the client sees a body shorter than announced.
        setImmediate(() => req.socket.destroy());
        return;
      }
      case 'malformed-json':
        send(res, 200, '{"appeals": [ {"id": "a-1", "text": "обры');
        return;
      case 'off-contract':
        send(res, 200, JSON.stringify({ results: 'ok', appeals: 42, cursor: -1 }));
        return;
      case 'lose-response':
        await forward(req, body);
        req.socket.destroy();
        return;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // Upstream down: behave like a gateway that cannot reach it.
      if (!res.headersSent) send(res, 502, JSON.stringify({ error: { code: 'bad_gateway', message: 'upstream down' } }));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faultsInjected: () => injected,
    setFault(next, pathPart) {
      fault = next;
      onlyPath = pathPart;
    },
    clear() {
      fault = { kind: 'none' };
      onlyPath = undefined;
    },
    setUpstream(url) {
      target = url.replace(/\/+$/, '');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function retryHeader(headers: Headers): Record<string, string> {
  const value = headers.get('retry-after');
  return value === null ? {} : { 'retry-after': value };
}
