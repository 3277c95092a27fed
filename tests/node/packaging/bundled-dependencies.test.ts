// The built Node-side bundles (electron/vite.config.ts) against what the package ships: every package they load at
// run time is in package.json `dependencies` (so electron-builder puts it in app.asar) and every dependency is one
// they load (else it is inlined and shipped again for nothing). And the one heavy inlined package loaded lazily,
// exceljs: an XLSX export through a bundle built with the same options as main.js, run by plain Node, reads back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled, nodeBundle } from '../../../electron/vite.config.js';
import { builtBundleProblems } from '../../../scripts/packaging/bundle-imports.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'bundled-dependencies-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync(path.join(root, 'build', 'electron', 'main.js'))) {
    console.log('bundled dependencies: no app build yet, running npm run build');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
}, 5 * 60_000);

describe('the built bundles', () => {
  it('load at run time only node builtins, electron and the shipped dependencies (better-sqlite3, electron-updater)', () => {
    expect(builtBundleProblems(root)).toEqual([]);
  }, 60_000);

  it('write an XLSX report through the inlined exceljs, split off as main.js splits it (a chunk loaded on first use)', async () => {
    const outDir = path.join(work, 'bundle');
    const builder = await createBuilder({
      configFile: false, root, logLevel: 'silent',
      environments: { writer: bundled(nodeBundle('electron/core/lead/report-writer.ts', outDir, 'report-writer.js', 'es', true, true)) },
    });
    const environment = builder.environments.writer;
    if (environment === undefined) throw new Error('no writer environment');
    await builder.build(environment);
    expect(readdirSync(outDir).filter((f) => f.endsWith('.js'))).toEqual([expect.stringMatching(/^excel-.*\.js$/), 'report-writer.js']);
    // Run from a folder with no node_modules above it: the bundle must stand alone.
    const script = path.join(outDir, 'run.mjs');
    writeFileSync(script, `
      import { writeReport } from './report-writer.js';
      const tables = [{ name: 'Сводка', header: ['Тема', 'Обращений'], rows: [['ЖКХ', 12], ['Дороги', 3.5]] }];
      const file = await writeReport(process.argv[2], 'report.xlsx', 'xlsx', tables, () => {});
      process.stdout.write(file);`);
    const child = spawnSync(process.execPath, [script, path.join(work, 'out')], { encoding: 'utf8', cwd: outDir });
    expect(child.stderr).toBe('');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(child.stdout);
    const sheet = book.getWorksheet('Сводка');
    expect(sheet?.getRow(1).values).toEqual([undefined, 'Тема', 'Обращений']);
    expect(sheet?.getRow(3).values).toEqual([undefined, 'Дороги', 3.5]);
  }, 120_000);
});
