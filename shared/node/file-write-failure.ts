// Why a file the operator asked for could not be written, in Russian (trial: the Electron shell showed Node's
// «EACCES: permission denied, open …»). One wording for every place that writes such a file: the core's exports
// folder (electron/core/lead/export-failure.ts) and the copy the shell saves where the lead chose (save-export.ts).
// The system's code stays at the end in parentheses, for IT when the operator reads the message out.
import { MAX_NUMBERED_NAMES, NAMES_TAKEN_CODE } from './new-owner-only-file.js';

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'нет прав на запись в папку',
  // Windows says EPERM for a file another program holds open, as well as for a folder one may not write to.
  EPERM: 'нет прав на запись в папку, или файл открыт в другой программе',
  EBUSY: 'файл с таким именем открыт в другой программе (например, в Excel) — закройте его и сохраните снова',
  ENOSPC: 'на диске нет места',
  EDQUOT: 'на диске закончилось место, отведённое пользователю',
  EROFS: 'диск или папка только для чтения',
  ENOENT: 'папка не найдена (удалена, переименована или диск отключён)',
  // A regular file where a folder of the path should be: ENOTDIR below it, EEXIST from creating the folder itself.
  ENOTDIR: 'вместо папки на этом месте лежит файл',
  EEXIST: 'вместо папки на этом месте лежит файл',
  EISDIR: 'на месте файла лежит папка с тем же именем',
  ENAMETOOLONG: 'слишком длинное имя файла или путь к папке',
  [NAMES_TAKEN_CODE]: `в папке уже ${MAX_NUMBERED_NAMES} файлов с таким именем — уберите старые`,
};

/** The system's error code of a failed write (EACCES, ENOSPC…), or undefined for an error without one. */
export function fileErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  // Only a code's shape is shown: anything else is not the file system's word.
  return typeof code === 'string' && /^E[A-Z0-9]{1,20}$/.test(code) ? code : undefined;
}

/** «нет прав на запись в папку (EACCES)»: the reason, and the code when there is one. */
export function fileWriteReason(error: unknown): string {
  const code = fileErrorCode(error);
  const reason = (code !== undefined ? REASONS[code] : undefined) ?? 'ошибка при записи файла';
  return code === undefined ? reason : `${reason} (${code})`;
}

/** «Файл «otchet-2026-12.xlsx» не записан: нет прав на запись в папку (EACCES). Папка: C:\Users\…\Documents» */
export function fileWriteFailureText(error: unknown, fileName: string, folder: string): string {
  return `Файл «${fileName}» не записан: ${fileWriteReason(error)}. Папка: ${folder}`;
}
