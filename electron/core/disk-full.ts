// A full disk under the data folder (SQLite's SQLITE_FULL, Node's ENOSPC) is the operator's machine, not the program
// and not the network: it is reported as such, and never turns the desk's status offline.
import { DeskFailure } from './desk-failure.js';

export const DISK_FULL_MESSAGE =
  'На диске закончилось место: изменение не сохранено. Освободите место на диске с данными программы и повторите.';

export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** The failure the dispatcher returns for a write the full disk refused (nothing was saved). */
export function diskFullFailure(dataDir: string): DeskFailure {
  return new DeskFailure('disk_full', `${DISK_FULL_MESSAGE} Папка данных: ${dataDir}`);
}
