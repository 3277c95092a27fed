// The server bench's HTTP side: plain node:http requests over keep-alive connections, spread over the instances
// round-robin request by request (the bench's own load balancer), with as little client work per request as the
// measurement allows: bodies stay Buffers, and a /changes page is counted without parsing its rows.
import http from 'node:http';
import { API_PREFIX } from '../../shared/central-api/contract.js';

export interface Reply {
  status: number;
  body: Buffer;
}

export interface LoadClient {
  request(method: string, path: string, token: string | null, body?: unknown): Promise<Reply>;
  close(): void;
}

export function createLoadClient(urls: readonly string[]): LoadClient {
  const targets = urls.map((url) => {
    const parsed = new URL(url);
    return { hostname: parsed.hostname, port: Number(parsed.port), agent: new http.Agent({ keepAlive: true }) };
  });
  let next = 0;
  const send = (target: (typeof targets)[number], method: string, path: string, headers: Record<string, string>,
    payload: Buffer | undefined, retried: boolean): Promise<Reply> => new Promise<Reply>((resolve, reject) => {
    const req = http.request({ hostname: target.hostname, port: target.port, agent: target.agent, method,
      path: API_PREFIX + path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.once('error', reject);
    });
    req.once('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed (idle past its keep-alive timeout) just as it was reused: the request
      // never reached the server, so it is sent once more on a fresh connection (node:http's documented pattern).
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) {
        send(target, method, path, headers, payload, true).then(resolve, reject);
      } else {
        reject(error);
      }
    });
    req.end(payload);
  });
  return {
    request(method, path, token, body) {
      const target = targets[next++ % targets.length];
      if (!target) return Promise.reject(new Error('no server instance'));
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string> = {};
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      return send(target, method, path, headers, payload, false);
    },
    close() {
      for (const t of targets) t.agent.destroy();
    },
  };
}

export function jsonReply(reply: Reply, what: string): unknown {
  if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status}: ${reply.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(reply.body.toString('utf8')) as unknown;
}

const TAIL = Buffer.from('],"cursor":');
const ROW_START = Buffer.from(',{"id":"');
const FIRST_ROW_AT = Buffer.byteLength('{"appeals":[');

export interface PageSummary {
  rows: number;
  cursor: string;
  hasMore: boolean;
}

/**
 * What the bench needs of a /changes page, read without parsing its rows: the server writes `{"appeals":[…],"cursor":…}`
 * with each appeal's `id` first, and `,{"id":"` cannot occur inside a JSON string (its quotes would be escaped), so
 * each occurrence starts a row. The bench checks this count against a full parse on the first page of every phase.
 */
export function summarisePage(body: Buffer): PageSummary {
  const tail = body.lastIndexOf(TAIL);
  if (tail < 0 || body.indexOf('{"appeals":[') !== 0) throw new Error(`not a /changes page: ${body.subarray(0, 120).toString('utf8')}`);
  const meta = JSON.parse(`{${body.subarray(tail + 2).toString('utf8')}`) as { cursor: string; hasMore: boolean };
  let rows = body[FIRST_ROW_AT] === 0x7b /* { */ ? 1 : 0;
  for (let at = body.indexOf(ROW_START, FIRST_ROW_AT); at >= 0 && at < tail; at = body.indexOf(ROW_START, at + ROW_START.length)) {
    rows += 1;
  }
  return { rows, cursor: meta.cursor, hasMore: meta.hasMore };
}
