// Files that hold citizen text, unsent decisions, or password and session hashes are created readable and writable by
// their owner only (0600), whatever the umask, and tightened again once SQLite has created its -wal and -shm beside
// them. One rule for the desk's cache (electron/core) and the server's store (server/): shared/node is the Node-side
// part of shared/, which the renderer never imports.
import { chmodSync, closeSync, constants, existsSync, openSync } from 'node:fs';

export const OWNER_ONLY = 0o600;
/** SQLite's companions of a database file in WAL mode; they hold the same data and get the same mode. */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

/** Creates `file` empty with mode 0600 unless it exists (then only its mode is set), before SQLite opens it. */
export function createOwnerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, constants.O_CREAT | constants.O_RDWR, OWNER_ONLY));
  restrictToOwner([file]);
}

/**
 * Sets mode 0600 on each of `files` that exists (a file of an older version may still be 0644). A file owned by
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
