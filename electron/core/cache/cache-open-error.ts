// Why the cache could not be opened: a corrupt file, a schema from a newer app, or a file missing or empty although
// the desk was used on this machine (a session token exists). The shell shows the message;
// the file is never replaced silently, because it may hold decisions not yet on the server.
export type CacheOpenErrorCode = 'cache_corrupt' | 'cache_too_new' | 'cache_missing';

export class CacheOpenError extends Error {
  readonly code: CacheOpenErrorCode;
  constructor(code: CacheOpenErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheOpenError';
    this.code = code;
  }
}
