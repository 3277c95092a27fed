// Writes an export under a name nobody holds yet: the name is claimed by creating the file exclusively ('wx'), so a
// file already there (an earlier export of the same minute, a colleague's copy) is never replaced; a taken name moves
// on to «… (2).xlsx», (3)… The file holds citizen text: readable and writable by its owner only (0600). Used by the
// desk's core (the data folder's exports) and the Electron shell (the copy where the lead chose to save it).
import { existsSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { numberedFileName } from '../domain/export-file-name.js';
import { OWNER_ONLY } from './owner-only-files.js';

/** Names tried before giving up: a folder with this many copies of one export is not one to add more to. */
export const MAX_NUMBERED_NAMES = 1000;
/** The error code when every numbered name was taken (file-write-failure.ts words it). */
export const NAMES_TAKEN_CODE = 'ENAMESTAKEN';

/** The first of `fileName`, «… (2)», «… (3)»… not in `dir` now: what a save dialog proposes (the write still claims). */
export function firstFreeFileName(dir: string, fileName: string): string {
  for (let n = 1; n < MAX_NUMBERED_NAMES; n++) {
    const name = numberedFileName(fileName, n);
    if (!existsSync(join(dir, name))) return name;
  }
  return numberedFileName(fileName, MAX_NUMBERED_NAMES);
}

async function claim(dir: string, fileName: string): Promise<{ path: string; handle: FileHandle }> {
  for (let n = 1; n <= MAX_NUMBERED_NAMES; n++) {
    const path = join(dir, numberedFileName(fileName, n));
    try {
      return { path, handle: await open(path, 'wx', OWNER_ONLY) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw Object.assign(new Error(`${MAX_NUMBERED_NAMES} files named like ${fileName} in ${dir}`), { code: NAMES_TAKEN_CODE });
}

/**
 * Creates `fileName` in `dir` (or its first free numbered name), lets `write` fill it and returns its path. `write`
 * may close the handle (a write stream made from it does, when it ends). A failed write removes the half-written
 * file: it was created here, so nobody else's file is lost.
 */
export async function writeNewOwnerOnlyFile(
  dir: string, fileName: string, write: (handle: FileHandle) => Promise<void>,
): Promise<string> {
  const { path, handle } = await claim(dir, fileName);
  try {
    // open()'s mode passes through the umask; an unusual umask must not leave it other than 0600.
    await handle.chmod(OWNER_ONLY);
    await write(handle);
    await handle.close();
    return path;
  } catch (error) {
    await handle.close().catch(() => undefined); // already closed by a stream that failed: nothing left to do
    await rm(path, { force: true });
    throw error;
  }
}
