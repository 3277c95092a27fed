// The Electron shell's copy of an export where the lead saves it, with a fake `electron` dialog (Electron cannot run
// here) and real files: the dialog proposes a name free in Documents, so an earlier export there is never replaced
// by accepting it; only a file the lead picked in the dialog (which asked) is replaced; every copy is 0600. A name
// taken while the copy claims it: new-owner-only-file.test.ts. A copy that fails is explained in Russian.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
  documents: '',
  asked: [] as SaveDialogOptions[],
  /** What the lead does in the dialog: the path chosen (null: cancelled), given the dialog's options. */
  answer: (options: SaveDialogOptions): string | null => options.defaultPath ?? null,
}));

vi.mock('electron', () => ({
  app: { getPath: (name: string) => (name === 'documents' ? fake.documents : '') },
  dialog: {
    showSaveDialog: async (_window: unknown, options: SaveDialogOptions) => {
      fake.asked.push(options);
      const filePath = fake.answer(options);
      return filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath };
    },
  },
}));

const { copyExport, offerSaveAs } = await import('../../../electron/main/save-export.js');

const window = { isDestroyed: () => false } as unknown as BrowserWindow;
let root = '';
let exportsDir = '';
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'save-export-'));
  exportsDir = join(root, 'data', 'exports');
  fake.documents = join(root, 'Documents');
  mkdirSync(exportsDir, { recursive: true });
  mkdirSync(fake.documents);
  fake.asked = [];
  fake.answer = (options) => options.defaultPath ?? null;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** An export as the core returns it: written 0600 into the data folder. */
function coreExport(fileName: string, text: string) {
  const path = join(exportsDir, fileName);
  writeFileSync(path, text, { mode: 0o600 });
  return { ok: true as const, value: { path, fileName, rows: 5 } };
}
const modeOf = (path: string): number => statSync(path).mode & 0o777;
const posixOnly = it.skipIf(process.platform === 'win32');

describe('offerSaveAs', () => {
  posixOnly('two exports of one name both stay in Documents: the dialog proposes «… (2)» for the second', async () => {
    const first = await offerSaveAs(window, coreExport('otchet-2026-12.xlsx', 'первый'));
    expect(first).toEqual({ ok: true, value: { path: join(fake.documents, 'otchet-2026-12.xlsx'), fileName: 'otchet-2026-12.xlsx', rows: 5 } });
    // The data folder is emptied at sign-out: the core may well name the next export of the month the same again.
    const second = await offerSaveAs(window, coreExport('otchet-2026-12.xlsx', 'второй'));
    expect(fake.asked.map((o) => o.defaultPath)).toEqual(
      [join(fake.documents, 'otchet-2026-12.xlsx'), join(fake.documents, 'otchet-2026-12 (2).xlsx')]);
    expect(second).toMatchObject({ ok: true, value: { fileName: 'otchet-2026-12 (2).xlsx' } });
    expect(readFileSync(join(fake.documents, 'otchet-2026-12.xlsx'), 'utf8')).toBe('первый');
    expect(readFileSync(join(fake.documents, 'otchet-2026-12 (2).xlsx'), 'utf8')).toBe('второй');
    expect(readdirSync(fake.documents).map((f) => modeOf(join(fake.documents, f)))).toEqual([0o600, 0o600]);
    expect(fake.asked[0]?.properties).toContain('showOverwriteConfirmation');
    // Saved elsewhere, the data folder's copy goes: no citizen text twice, and no sign-out asking about it.
    expect(readdirSync(exportsDir)).toEqual([]);
  });

  it('proposes a free name even when the core wrote the first one', async () => {
    writeFileSync(join(fake.documents, 'spisok-minzhkkh-nso-20261204-1657.xlsx'), 'earlier');
    await offerSaveAs(window, coreExport('spisok-minzhkkh-nso-20261204-1657.xlsx', 'later'));
    expect(fake.asked[0]?.defaultPath).toBe(join(fake.documents, 'spisok-minzhkkh-nso-20261204-1657 (2).xlsx'));
    expect(readFileSync(join(fake.documents, 'spisok-minzhkkh-nso-20261204-1657.xlsx'), 'utf8')).toBe('earlier');
  });

  it('a copy that cannot be written says why in Russian, names the file and keeps the data folder\'s copy', async () => {
    // Real failed writes: a folder chosen that is a regular file meanwhile (ENOTDIR), a stick pulled out (ENOENT).
    writeFileSync(join(fake.documents, 'Отчёты'), 'a file, not a folder');
    fake.answer = () => join(fake.documents, 'Отчёты', 'otchet-2026-12.xlsx');
    const result = coreExport('otchet-2026-12.xlsx', 'x');
    expect(await offerSaveAs(window, result)).toEqual({ ok: false, error: { code: 'internal', message:
      `Файл «otchet-2026-12.xlsx» не записан: вместо папки на этом месте лежит файл (ENOTDIR). Папка: ${join(fake.documents, 'Отчёты')}`
      + `; копия осталась: ${result.value.path}` } });
    fake.answer = () => join(root, 'USB', 'otchet-2026-12.xlsx');
    expect(await offerSaveAs(window, result)).toMatchObject({ ok: false, error: {
      message: expect.stringMatching(/^Файл «otchet-2026-12\.xlsx» не записан: папка не найдена .*\(ENOENT\)\. Папка: /) } });
    expect(readFileSync(result.value.path, 'utf8')).toBe('x');
  });

  it('cancelled: the result names the data folder\'s copy, nothing is written to Documents', async () => {
    fake.answer = () => null;
    const result = coreExport('otchet-2026-12.csv', 'x');
    expect(await offerSaveAs(window, result)).toBe(result);
    expect(readdirSync(fake.documents)).toEqual([]);
  });
});

describe('copyExport', () => {
  posixOnly('a file the lead picked in the dialog (which asked) is replaced, and is 0600 afterwards', async () => {
    const chosen = join(fake.documents, 'report.xlsx');
    writeFileSync(chosen, 'old');
    chmodSync(chosen, 0o644);
    expect(await copyExport(coreExport('otchet-2026-12.xlsx', 'new').value.path, chosen)).toBe(chosen);
    expect(readFileSync(chosen, 'utf8')).toBe('new');
    expect(modeOf(chosen)).toBe(0o600);
  });
});
