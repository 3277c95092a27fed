// An export never replaces a file (trial of 4 December: the second list saved in a minute replaced the first): real
// files in a temp folder, the name claimed exclusively and numbered when taken, even by saves running at once; the
// file is its owner's only (0600); a failed write leaves nothing behind and nobody else's file is touched.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstFreeFileName, writeNewOwnerOnlyFile } from '../../../shared/node/new-owner-only-file.js';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'new-owner-only-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const save = (name: string, text: string): Promise<string> =>
  writeNewOwnerOnlyFile(dir, name, (file) => file.writeFile(text, 'utf8'));
const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('writeNewOwnerOnlyFile', () => {
  it('two saves of one name keep both: the second is numbered', async () => {
    const first = await save('spisok-20261204-1657.xlsx', 'МинЖКХ НСО, 7 строк');
    const second = await save('spisok-20261204-1657.xlsx', 'Минздрав НСО, 5 строк');
    expect(first).toBe(join(dir, 'spisok-20261204-1657.xlsx'));
    expect(second).toBe(join(dir, 'spisok-20261204-1657 (2).xlsx'));
    expect(readFileSync(first, 'utf8')).toBe('МинЖКХ НСО, 7 строк');
    expect(readFileSync(second, 'utf8')).toBe('Минздрав НСО, 5 строк');
  });

  it.skipIf(process.platform === 'win32')('creates the file readable and writable by its owner only, whatever the umask', async () => {
    const previous = process.umask(0o000);
    try {
      expect(modeOf(await save('otchet-2026-12.csv', 'a'))).toBe(0o600);
      expect(modeOf(await save('otchet-2026-12.csv', 'b'))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('saves started at once each claim a name of their own', async () => {
    const paths = await Promise.all(Array.from({ length: 8 }, (_, i) => save('otchet-2026-12.xlsx', `копия ${i}`)));
    expect(new Set(paths).size).toBe(8);
    expect(readdirSync(dir).sort()).toEqual(['otchet-2026-12 (2).xlsx', 'otchet-2026-12 (3).xlsx', 'otchet-2026-12 (4).xlsx',
      'otchet-2026-12 (5).xlsx', 'otchet-2026-12 (6).xlsx', 'otchet-2026-12 (7).xlsx', 'otchet-2026-12 (8).xlsx',
      'otchet-2026-12.xlsx']);
    const texts = paths.map((p) => readFileSync(p, 'utf8')).sort();
    expect(texts).toEqual(Array.from({ length: 8 }, (_, i) => `копия ${i}`).sort());
  });

  it('skips a numbered name that is taken too, and leaves the files there as they were', async () => {
    writeFileSync(join(dir, 'a.csv'), 'first');
    writeFileSync(join(dir, 'a (2).csv'), 'second');
    expect(await save('a.csv', 'third')).toBe(join(dir, 'a (3).csv'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('first');
    expect(readFileSync(join(dir, 'a (2).csv'), 'utf8')).toBe('second');
  });

  it('a write that fails removes its own half-written file only', async () => {
    writeFileSync(join(dir, 'a.csv'), 'kept');
    await expect(writeNewOwnerOnlyFile(dir, 'a.csv', async (file) => {
      await file.writeFile('half', 'utf8');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual(['a.csv']);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('kept');
  });

  it('a folder that is not there fails as it is, with no name taken', async () => {
    await expect(writeNewOwnerOnlyFile(join(dir, 'missing'), 'a.csv', async () => undefined))
      .rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('firstFreeFileName', () => {
  it('proposes the name itself, or the first numbered one nobody holds', () => {
    expect(firstFreeFileName(dir, 'otchet-2026-12.xlsx')).toBe('otchet-2026-12.xlsx');
    writeFileSync(join(dir, 'otchet-2026-12.xlsx'), '');
    writeFileSync(join(dir, 'otchet-2026-12 (2).xlsx'), '');
    expect(firstFreeFileName(dir, 'otchet-2026-12.xlsx')).toBe('otchet-2026-12 (3).xlsx');
  });
});
