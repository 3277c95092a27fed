// Why an export could not be written, in the words the shift lead reads in the export toast: the file system's code
// (EBUSY, EACCES…) goes to the core's log for IT only, never to the screen.
import { DeskFailure } from '../desk-failure.js';

const REASONS: Readonly<Record<string, string>> = {
  EBUSY: 'файл с таким именем открыт в другой программе (например, в Excel) — закройте его и выгрузите снова',
  EPERM: 'нет прав на запись в папку выгрузок (или файл открыт в другой программе)',
  EACCES: 'нет прав на запись в папку выгрузок',
  EROFS: 'папка выгрузок доступна только для чтения',
  ENOSPC: 'на диске закончилось место',
  EDQUOT: 'на диске закончилось место, отведённое пользователю',
  ENOENT: 'папка выгрузок недоступна',
  ENOTDIR: 'на месте папки выгрузок лежит файл',
  EEXIST: 'на месте папки выгрузок лежит файл',
};

/** The failure the export returns for an error thrown while writing `path` (the folder is named for the reader). */
export function exportFailure(error: unknown, dir: string): DeskFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return new DeskFailure(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : 'internal',
    `Файл не записан: ${reason ?? 'ошибка при записи файла'}. Папка: ${dir}`);
}
