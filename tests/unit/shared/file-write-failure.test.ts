// A file the operator asked for that could not be written is explained in Russian, naming the file and its folder,
// with the system's code kept in parentheses for IT (trial: the shell showed «EACCES: permission denied, open …»).
// Codes from real failed writes (a folder under a regular file, a missing folder), and the mapped codes as such.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileErrorCode, fileWriteFailureText, fileWriteReason } from '../../../shared/node/file-write-failure.js';
import { NAMES_TAKEN_CODE } from '../../../shared/node/new-owner-only-file.js';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'write-failure-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What opening `path` for a new file throws (root writes through chmod, so no read-only folder here). */
const failedOpen = (path: string): Promise<unknown> => open(path, 'wx').then(async (file) => {
  await file.close();
  throw new Error(`${path} was written`);
}, (error: unknown) => error);

describe('file write failures in Russian', () => {
  it('explains a real failure: a folder that is a regular file (ENOTDIR), a folder that is not there (ENOENT)', async () => {
    writeFileSync(join(dir, 'exports'), 'not a folder');
    const underFile = await failedOpen(join(dir, 'exports', 'otchet-2026-12.xlsx'));
    expect(fileErrorCode(underFile)).toBe('ENOTDIR');
    expect(fileWriteFailureText(underFile, 'otchet-2026-12.xlsx', join(dir, 'exports')))
      .toBe(`Файл «otchet-2026-12.xlsx» не записан: вместо папки на этом месте лежит файл (ENOTDIR). Папка: ${join(dir, 'exports')}`);
    const missing = await failedOpen(join(dir, 'USB', 'spisok.csv'));
    expect(fileWriteReason(missing)).toBe('папка не найдена (удалена, переименована или диск отключён) (ENOENT)');
    // Node's English never reaches the text.
    expect(fileWriteFailureText(missing, 'spisok.csv', dir)).not.toMatch(/no such file|not a directory|open '/);
  });

  it('words every common code, the code kept in parentheses', () => {
    const reason = (code: string) => fileWriteReason(Object.assign(new Error(`${code}: English text`), { code }));
    expect(reason('EACCES')).toBe('нет прав на запись в папку (EACCES)');
    expect(reason('EPERM')).toBe('нет прав на запись в папку, или файл открыт в другой программе (EPERM)');
    expect(reason('EBUSY')).toBe('файл с таким именем открыт в другой программе (например, в Excel) — закройте его и сохраните снова (EBUSY)');
    expect(reason('ENOSPC')).toBe('на диске нет места (ENOSPC)');
    expect(reason('EDQUOT')).toBe('на диске закончилось место, отведённое пользователю (EDQUOT)');
    expect(reason('EROFS')).toBe('диск или папка только для чтения (EROFS)');
    expect(reason('EEXIST')).toBe('вместо папки на этом месте лежит файл (EEXIST)');
    expect(reason('EISDIR')).toBe('на месте файла лежит папка с тем же именем (EISDIR)');
    expect(reason('ENAMETOOLONG')).toBe('слишком длинное имя файла или путь к папке (ENAMETOOLONG)');
    expect(reason(NAMES_TAKEN_CODE)).toBe(`в папке уже 1000 файлов с таким именем — уберите старые (${NAMES_TAKEN_CODE})`);
  });

  it('says plainly what it cannot name: another code as is, no code (or not a code\'s shape) without one', () => {
    expect(fileWriteReason(Object.assign(new Error('i/o error'), { code: 'EIO' }))).toBe('ошибка при записи файла (EIO)');
    expect(fileWriteReason(new Error('Corrupted zip'))).toBe('ошибка при записи файла');
    expect(fileWriteReason(Object.assign(new Error('x'), { code: 'ERR_STREAM_DESTROYED' }))).toBe('ошибка при записи файла');
    expect(fileWriteReason('a string')).toBe('ошибка при записи файла');
    expect(fileWriteReason(null)).toBe('ошибка при записи файла');
  });
});
