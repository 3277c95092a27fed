// scripts/electron-binary.ts, the launcher side of the Electron shell (npm start, .ci/run, the _electron specs): the
// binary is installed on demand through the electron package's own install-electron bin, bounded in time, and a
// failure comes back as one short reason. Stand-in packages with stand-in install scripts; nothing is downloaded.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  electronPackage, electronSkipReason, ensureElectronBinary, installFailureReason, lastInstallFailure, type ElectronPackage,
} from '../../../scripts/electron-binary.js';

let dir: string;
let pkg: ElectronPackage;

function standIn(script: string): void {
  writeFileSync(pkg.installScript, script);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'electron-binary-'));
  const packageDir = path.join(dir, 'node_modules', 'electron');
  mkdirSync(packageDir, { recursive: true });
  pkg = { dir: packageDir, version: '45.5.0', installScript: path.join(packageDir, 'install.js') };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('electronPackage', () => {
  it("finds the installed electron package and its install-electron bin without require('electron')", () => {
    const found = electronPackage();
    expect(found?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(path.basename(found?.installScript ?? '')).toBe('install.js');
  });
});

describe('ensureElectronBinary', () => {
  it('reports a refused download in one short reason and remembers it for the skip message', async () => {
    standIn("process.stderr.write('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:15270:13\\n'); process.exit(1);");
    const outcome = await ensureElectronBinary({ pkg, projectRoot: dir, env: {} });
    expect(outcome).toEqual({ ok: false, reason: 'fetch failed' });
    expect(lastInstallFailure(dir)).toBe('fetch failed');
    expect(electronSkipReason(dir)).toBe('Electron binary could not be downloaded (fetch failed); nothing to launch');
  });

  it('returns the binary the install script put in place, and forgets the earlier failure', async () => {
    standIn(`const fs = require('node:fs'); const path = require('node:path');
      fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
      fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '');
      fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');`);
    mkdirSync(path.join(dir, '.cache'), { recursive: true });
    writeFileSync(path.join(dir, '.cache', 'electron-install-attempt.json'), JSON.stringify({ reason: 'fetch failed' }));
    const outcome = await ensureElectronBinary({ pkg, projectRoot: dir, env: {} });
    expect(outcome).toEqual({ ok: true, binary: path.join(pkg.dir, 'dist', 'electron'), downloaded: true });
    expect(lastInstallFailure(dir)).toBeNull();
  });

  it('does not run the install script when the binary is already there', async () => {
    mkdirSync(path.join(pkg.dir, 'dist'));
    const binary = path.join(pkg.dir, 'dist', 'electron');
    writeFileSync(binary, '');
    chmodSync(binary, 0o755);
    writeFileSync(path.join(pkg.dir, 'path.txt'), 'electron');
    standIn('process.exit(3);');
    expect(await ensureElectronBinary({ pkg, projectRoot: dir, env: {} })).toEqual({ ok: true, binary, downloaded: false });
  });

  it('gives a slow download a bounded time, says it is downloading, and stops it', async () => {
    standIn('setInterval(() => {}, 1000);');
    const said: string[] = [];
    const started = Date.now();
    const outcome = await ensureElectronBinary({ pkg, projectRoot: dir, env: {}, timeoutMs: 4_000, onSlow: (line) => said.push(line) });
    expect(outcome).toEqual({ ok: false, reason: 'download took longer than 4 s' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(said).toEqual(['downloading Electron 45.5.0 (npx install-electron, up to 4 s)…']);
  }, 15_000);

  it('says so when the electron package itself is missing', async () => {
    expect(await ensureElectronBinary({ pkg: null, projectRoot: dir })).toEqual({ ok: false, reason: 'the electron package is not installed (run npm ci)' });
  });
});

describe('installFailureReason', () => {
  it("takes the error's message from a stack trace, skipping warnings", () => {
    expect(installFailureReason('(node:12) ExperimentalWarning: x\nHTTPError: Response code 404 (Not Found) for https://github.com/e.zip\n    at a (b:1:2)', 1))
      .toBe('Response code 404 (Not Found) for https://github.com/e.zip');
    expect(installFailureReason('Error: Generated checksum for "electron.zip" did not match expected checksum.', 1))
      .toBe('Generated checksum for "electron.zip" did not match expected checksum.');
  });

  it('falls back to the last line, or the exit status', () => {
    expect(installFailureReason('something odd\nand then this\n', 1)).toBe('and then this');
    expect(installFailureReason('', 7)).toBe('install-electron exited with code 7');
    expect(installFailureReason('', null, 'SIGKILL')).toBe('install-electron ended by SIGKILL');
  });
});
