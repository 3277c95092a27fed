// What the client is told when a request fails: an HttpError as thrown, a full disk as 507 `storage_full`, anything
// else as 500 `internal`. Only the last is a bug, so only it is logged with its stack.
import { HttpError } from './http-io.js';

/** SQLite's own codes for "no space left" (better-sqlite3 puts them on SqliteError.code). */
const STORAGE_FULL_CODES = new Set(['SQLITE_FULL']);

export interface Failure {
  error: HttpError;
  /** A line for the server log, or null when the failure is an ordinary answer (4xx, and the like). */
  logLine: string | null;
}

export function failureOf(err: unknown, request: string): Failure {
  if (err instanceof HttpError) return { error: err, logLine: null };
  const code = (err as { code?: unknown } | null)?.code;
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
