// The words of the export toast, pure so they are unit-tested: which file was written where, how many rows, and why
// an export failed.
import { countRu, type RuForms } from '../../../../shared/text/plural-ru.js';
import { formatProgressRu } from '../../../../shared/text/number-ru.js';

export const ROW_FORMS: RuForms = { one: 'строка', few: 'строки', many: 'строк' };

/** The folder and the file name of a path the core wrote (Windows or POSIX separators). */
export function splitPath(path: string): { folder: string; file: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? { folder: '', file: path } : { folder: path.slice(0, cut), file: path.slice(cut + 1) };
}

/** The folder's own name, «exports» of «C:\…\exports». */
export function folderName(folder: string): string {
  return splitPath(folder).file || folder;
}

/** «Сохранено: spisok-minzhkkh-nso-20261202-0930.xlsx · exports». */
export function exportDoneTitle(path: string): string {
  const { folder, file } = splitPath(path);
  return folder ? `Сохранено: ${file} · ${folderName(folder)}` : `Сохранено: ${file}`;
}

/** «62 строки»: the rows written, over all sheets. */
export function exportRowsText(rows: number): string {
  return countRu(rows, ROW_FORMS);
}

/** «Выгрузка… 1 234 из 12 000 строк». */
export function exportProgressText(done: number, total: number): string {
  return total > 0 ? `Выгрузка… ${formatProgressRu(done, total)}` : 'Выгрузка…';
}

export function exportFailedText(message: string): string {
  return `Выгрузка не удалась. ${message}`;
}
