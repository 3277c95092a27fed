// The store's files hold password and session hashes: they are created readable and writable by the server's own
// user only (0600), whatever the umask, and tightened again after SQLite has created its -wal and -shm beside them.
import { chmodSync, closeSync, constants, existsSync, openSync } from 'node:fs';

export const OWNER_ONLY = 0o600;

/** Creates `file` empty with mode 0600 unless it exists (then only its mode is set), before SQLite opens it. */
export function createOwnerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, constants.O_CREAT | constants.O_RDWR, OWNER_ONLY));
  restrictToOwner([file]);
}

/**
 * Sets mode 0600 on each of `files` that exists (a database of an older server may still be 0644). A file owned by
 * another user cannot be changed by this one; that is left to the administrator rather than failing the start.
 */
export function restrictToOwner(files: readonly string[]): void {
  for (const file of files) {
    try {
      chmodSync(file, OWNER_ONLY);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw err;
    }
  }
}
