// JSON in and out of node:http: the content-type gate and size-capped body reader, the response writer, and HttpError,
// the one exception the routes throw; the route table turns it into an ApiError body at the boundary.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../shared/central-api/contract.js';

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

const sizeText = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} МБ` : `${Math.round(bytes / 1024)} КБ`;

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `Слишком большой запрос (больше ${sizeText(limit)} для этого адреса)`);

/**
 * Only `application/json` (charset, if given, utf-8) is read: a cross-site HTML form can send text/plain without a CORS
 * preflight, so a hostile page could otherwise sign in or spend the sign-in limits of a shift behind one address.
 */
export function requireJsonContentType(req: IncomingMessage): void {
  const [mediaType = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    throw new HttpError(415, 'unsupported_media_type', 'Тело запроса должно быть JSON в UTF-8 (Content-Type: application/json)');
  }
}

/**
 * Reads a body of at most `limit` bytes (declared or streamed, also chunked) as bytes; throws HttpError 413 (with
 * `oversize`'s words when given) or 400 when the client hangs up mid-body.
 */
export async function readBodyBytes(req: IncomingMessage, limit: number, oversize?: () => HttpError): Promise<Buffer> {
  const refuse = oversize ?? (() => tooLarge(limit));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    discardRest(req, limit);
    throw refuse();
  }
  return new Promise<Buffer>((resolve, reject) => {
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
      reject(refuse());
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    // A client that hangs up mid-body must not leave this promise (and its buffers) pending forever.
    req.once('close', () => {
      if (!req.complete) reject(new HttpError(400, 'invalid_request', 'Запрос оборван клиентом'));
    });
  });
}

/** Reads and parses a JSON body of at most `limit` bytes (also when sent chunked); throws HttpError 413 / 400. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = (await readBodyBytes(req, limit)).toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'Пустое тело запроса: ожидался JSON');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Also catches RangeError from absurdly deep nesting.
    throw new HttpError(400, 'invalid_json', 'Тело запроса — не корректный JSON');
  }
}

/** Dropping costs no parsing, so even a small cap lets an honest client finish sending a few megabytes. */
const MIN_DISCARD_BYTES = 8 * 1024 * 1024;

/**
 * After a 413 the client may still be writing: keep reading (and dropping) a while so it can see the answer
 * instead of a reset connection, but cut off a sender that never stops.
 */
function discardRest(req: IncomingMessage, limit: number): void {
  let dropped = 0;
  const allowance = Math.max(4 * limit, MIN_DISCARD_BYTES);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > allowance) req.socket.destroy();
  });
  req.resume();
}
