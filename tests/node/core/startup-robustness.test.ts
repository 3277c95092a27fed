// Start-up of the core: a malformed deadlines.json (bad JSON, a BOM, wrong shape, a folder) falls back to the
// default rules with one log line naming the file, and a start-up that fails late closes what it had opened.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../../electron/core/desk-core.js';
import { readDeadlineConfig } from '../../../electron/core/lead/deadline-config.js';
import { deadPort, tempDir } from './core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function dataDir(label: string): string {
  const temp = tempDir(label);
  cleanup = temp.remove;
  return temp.dir;
}

describe('deadlines.json', () => {
  it.each([
    ['broken JSON', '{"calendar": {'],
    ['an empty file', ''],
    ['a wrong shape', '{"policy": 12}'],
  ])('falls back to the defaults for %s, naming the file in the log', (_label, text) => {
    const dir = dataDir('deadlines-bad');
    writeFileSync(join(dir, 'deadlines.json'), text);
    const lines: string[] = [];
    expect(readDeadlineConfig(dir, (line) => lines.push(line))).toEqual({});
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(dir, 'deadlines.json'));
    expect(lines[0]).toContain('default rules used');
  });

  it('falls back when deadlines.json is a folder', () => {
    const dir = dataDir('deadlines-folder');
    mkdirSync(join(dir, 'deadlines.json'));
    const lines: string[] = [];
    expect(readDeadlineConfig(dir, (line) => lines.push(line))).toEqual({});
    expect(lines[0]).toContain('not readable as JSON');
  });

  it('reads a file saved with a UTF-8 BOM', () => {
    const dir = dataDir('deadlines-bom');
    writeFileSync(join(dir, 'deadlines.json'), '\uFEFF{"calendar": {"utcOffsetMinutes": 360, "dayStartMinutes": 540, "dayEndMinutes": 1080, "shortenedByMinutes": 60}}');
    const lines: string[] = [];
    expect(readDeadlineConfig(dir, (line) => lines.push(line)).calendar).toMatchObject({ utcOffsetMinutes: 360 });
    expect(lines).toEqual([]);
  });

  it('lets the core start and answer with a broken deadlines.json', async () => {
    const dir = dataDir('deadlines-core');
    writeFileSync(join(dir, 'deadlines.json'), '{ не JSON');
    const lines: string[] = [];
    const core = await createDeskCore({ dataDir: dir, apiUrl: `http://127.0.0.1:${await deadPort()}`, log: (line) => lines.push(line) });
    try {
      expect(await core.call('session.get', {})).toMatchObject({ ok: true });
      expect(lines.some((line) => line.startsWith('deadlines:') && line.includes('deadlines.json'))).toBe(true);
    } finally {
      await core.close();
    }
  });
});

describe('a start-up that fails late', () => {
  it('closes the cache and the suggestion worker (the last connection gone, SQLite removes the WAL file)', async () => {
    const dir = dataDir('startup-fails');
    writeFileSync(join(dir, 'deadlines.json'), '{');
    // The failing step comes after the cache, the sync engine and the worker are up: a logger that throws.
    const attempt = createDeskCore({
      dataDir: dir, apiUrl: `http://127.0.0.1:${await deadPort()}`,
      log: (line) => {
        if (line.startsWith('deadlines:')) throw new Error('log sink gone');
      },
    });
    await expect(attempt).rejects.toThrow('log sink gone');
    expect(existsSync(join(dir, 'cache.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'cache.sqlite-wal'))).toBe(false);
  });
});
