// What the client is told when a request fails: an HttpError as thrown, a full disk as 507 `storage_full`, a database
// server that cannot be reached (PostgreSQL restarting, failing over) as 503 `storage_unavailable` with a Retry-After,
// anything else as 500 `internal`. Only the last is a bug, so only it is logged with its stack.
import { HttpError } from './http-io.js';

/**
 * "No space left": SQLite's own code (better-sqlite3 puts it on SqliteError.code) and PostgreSQL's SQLSTATE 53100
 * disk_full (pg puts it on DatabaseError.code).
 */
const STORAGE_FULL_CODES = new Set(['SQLITE_FULL', '53100']);

/**
 * The database cannot serve right now, and the same request will work in a moment: the socket refused, dropped or the
 * host not found; PostgreSQL shutting down, starting up, in recovery or read-only (an instance still pointed at the
 * old primary after a failover), out of connections; a statement or lock wait over its time limit (a stuck writer
 * elsewhere); a deadlock or serialization victim (its transaction was rolled back whole). Desks retry a 503 on their
 * own, which is safe: every write is one transaction, and a decision that did apply answers `duplicate` on the retry.
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '53300', '25006', '57014', '55P03', '40001', '40P01']);
const isUnavailable = (code: string, message: string): boolean =>
  UNAVAILABLE_CODES.has(code) || code.startsWith('08') || /Connection terminated|timeout exceeded when trying to connect|is not queryable/.test(message);
/** Text PostgreSQL cannot hold (22021: a NUL or invalid byte; 22P05: an escape it cannot convert): the client's data. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

export interface Failure {
  error: HttpError;
  /** A line for the server log, or null when the failure is an ordinary answer (4xx, and the like). */
  logLine: string | null;
}

export function failureOf(err: unknown, request: string): Failure {
  if (err instanceof HttpError) return { error: err, logLine: null };
  const code = (err as { code?: unknown } | null)?.code;
  const message = String((err as { message?: unknown } | null)?.message ?? '');
  if (isUnavailable(typeof code === 'string' ? code : '', message)) {
    return {
      error: new HttpError(503, 'storage_unavailable', 'База данных сервера временно недоступна. Повторите через несколько секунд.',
        { 'retry-after': '5' }),
      logLine: `database unavailable on ${request}: ${typeof code === 'string' ? code : ''} ${message}`.trim(),
    };
  }
  if (typeof code === 'string' && UNSTORABLE_TEXT_CODES.has(code)) {
    return {
      error: new HttpError(400, 'invalid_request', 'Некорректный запрос: текст содержит символы, которые нельзя сохранить'),
      logLine: `unstorable text on ${request}: ${code}`,
    };
  }
  if (typeof code === 'string' && STORAGE_FULL_CODES.has(code)) {
    return {
      error: new HttpError(507, 'storage_full',
        'На сервере закончилось место на диске: данные не сохранены. Сообщите администратору, затем повторите.'),
      // The state is operational, not a bug: one line for the administrator, no stack.
      logLine: `storage full on ${request}: ${code}`,
    };
  }
  return {
    error: new HttpError(500, 'internal', 'Внутренняя ошибка сервера'),
    logLine: `internal error on ${request}: ${String((err as Error | null)?.stack ?? err)}`,
  };
}
