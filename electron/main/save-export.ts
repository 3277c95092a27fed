// After the core writes a report into the data folder, the shell offers a save dialog (Documents by default) and
// copies the file where the lead chose, then deletes the data folder's copy: citizen text kept twice, and a sign-out
// asks about every report still there (a second read of 5 December: in Electron it would have asked after every
// export). Cancelling keeps the copy in the data folder, whose path is shown, and so does a copy that fails (why, in
// Russian: shared/node/file-write-failure.ts).
// No copy replaces a file unasked: the dialog proposes a free name («… (2).xlsx» beside an earlier export) and asks
// before the lead picks an existing one; any other name is claimed exclusively, numbered if a file took it meanwhile.
// Every copy is the lead's alone (0600), as the data folder's.
import { createReadStream } from 'node:fs';
import { copyFile, lstat, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { app, dialog, type BrowserWindow } from 'electron';
import type { DeskResult } from '../../shared/desk-api/contract.js';
import { fileWriteFailureText } from '../../shared/node/file-write-failure.js';
import { firstFreeFileName, writeNewOwnerOnlyFile } from '../../shared/node/new-owner-only-file.js';
import { restrictToOwner } from '../../shared/node/owner-only-files.js';

interface ExportValue { path: string; fileName: string; rows: number }

function isExportValue(value: unknown): value is ExportValue {
  const v = value as Partial<ExportValue> | null;
  return typeof v?.path === 'string' && typeof v.fileName === 'string' && typeof v.rows === 'number';
}

const exists = (path: string): Promise<boolean> => lstat(path).then(() => true, () => false);

/** Copies `source` to `chosen` (the dialog's answer) and returns the path written. */
export async function copyExport(source: string, chosen: string): Promise<string> {
  if (await exists(chosen)) {
    // There when the dialog closed: the dialog asked before replacing it (showOverwriteConfirmation on Linux, always
    // elsewhere), so the lead chose to replace it.
    await copyFile(source, chosen);
    restrictToOwner([chosen]);
    return chosen;
  }
  return writeNewOwnerOnlyFile(dirname(chosen), basename(chosen), async (file) => {
    await pipeline(createReadStream(source), file.createWriteStream());
  });
}

export async function offerSaveAs(window: BrowserWindow, result: DeskResult<unknown>): Promise<DeskResult<unknown>> {
  if (!result.ok || !isExportValue(result.value) || window.isDestroyed()) return result;
  const written = result.value;
  const xlsx = written.fileName.endsWith('.xlsx');
  const documents = app.getPath('documents');
  const choice = await dialog.showSaveDialog(window, {
    title: 'Сохранить выгрузку',
    defaultPath: join(documents, firstFreeFileName(documents, written.fileName)),
    filters: [xlsx ? { name: 'Книга Excel', extensions: ['xlsx'] } : { name: 'CSV (Excel, «;»)', extensions: ['csv'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  });
  if (choice.canceled || !choice.filePath) return result;
  try {
    const path = await copyExport(written.path, choice.filePath);
    // Best effort: one left behind (locked, say) is deleted with the rest at sign-out, which names it first.
    await rm(written.path, { force: true }).catch(() => undefined);
    return { ok: true, value: { ...written, path, fileName: basename(path) } };
  } catch (error) {
    const message = `${fileWriteFailureText(error, basename(choice.filePath), dirname(choice.filePath))}; копия осталась: ${written.path}`;
    return { ok: false, error: { code: 'internal', message } };
  }
}
