// JSON in and out of node:http: a size-capped body reader, the response writer, and HttpError, the one
// exception the routes throw; the route table turns it into an ApiError body at the boundary.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../shared/central-api/contract.js';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError, headers: Record<string, string> = {}): void {
  const body: ApiError = { error: { code: error.code, message: error.message } };
  sendJson(res, error.status, body, headers);
}

const tooLarge = () => new HttpError(413, 'payload_too_large', 'Слишком большой запрос (больше 5 МБ)');

/** Reads and parses a JSON body of at most `limit` bytes; throws HttpError 413 / 400. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req, limit);
    throw tooLarge();
  }
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      discardRest(req, limit);
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    // A client that hangs up mid-body must not leave this promise (and its buffers) pending forever.
    req.once('close', () => {
      if (!req.complete) reject(new HttpError(400, 'invalid_request', 'Запрос оборван клиентом'));
    });
  });
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'Пустое тело запроса: ожидался JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Also catches RangeError from absurdly deep nesting.
    throw new HttpError(400, 'invalid_json', 'Тело запроса — не корректный JSON');
  }
}

/**
 * After a 413 the client may still be writing: keep reading (and dropping) a while so it can see the answer
 * instead of a reset connection, but cut off a sender that never stops.
 */
function discardRest(req: IncomingMessage, limit: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > 4 * limit) req.socket.destroy();
  });
  req.resume();
}
