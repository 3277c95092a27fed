// After the core writes a report into the data folder, the shell offers a save dialog (Documents by default) and
// copies the file where the lead chose; cancelling keeps the copy in the data folder, whose path is shown.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { DeskResult } from '../../shared/desk-api/contract.js';

interface ExportValue { path: string; fileName: string; rows: number }

function isExportValue(value: unknown): value is ExportValue {
  const v = value as Partial<ExportValue> | null;
  return typeof v?.path === 'string' && typeof v.fileName === 'string' && typeof v.rows === 'number';
}

export async function offerSaveAs(window: BrowserWindow, result: DeskResult<unknown>): Promise<DeskResult<unknown>> {
  if (!result.ok || !isExportValue(result.value) || window.isDestroyed()) return result;
  const written = result.value;
  const xlsx = written.fileName.endsWith('.xlsx');
  const choice = await dialog.showSaveDialog(window, {
    title: 'Сохранить выгрузку',
    defaultPath: join(app.getPath('documents'), written.fileName),
    filters: [xlsx ? { name: 'Книга Excel', extensions: ['xlsx'] } : { name: 'CSV (Excel, «;»)', extensions: ['csv'] }],
  });
  if (choice.canceled || !choice.filePath) return result;
  try {
    await copyFile(written.path, choice.filePath);
    return { ok: true, value: { ...written, path: choice.filePath } };
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `Файл не сохранён (${error instanceof Error ? error.message : String(error)}); копия осталась: ${written.path}` } };
  }
}
