// The cache holds citizen text and unsent decisions: its files are created readable and writable by the operator's
// own user only (0600), whatever the umask, like the session token. The same rule as server/owner-only-files.ts; the
// import rules (core: shared and node:* only; shared: no node:*) leave no folder both may import, hence this copy.
import { chmodSync, closeSync, constants, existsSync, openSync } from 'node:fs';

export const OWNER_ONLY = 0o600;
/** SQLite's companions of a database file in WAL mode; they hold the same data and get the same mode. */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm'] as const;

/** Creates `file` empty with mode 0600 unless it exists (then only its mode is set), before SQLite opens it. */
export function createOwnerOnlyFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, constants.O_CREAT | constants.O_RDWR, OWNER_ONLY));
  restrictToOwner([file]);
}

/** Sets mode 0600 on each of `files` that exists; a file owned by another user is left to the administrator. */
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
