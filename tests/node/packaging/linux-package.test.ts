// What the Linux package ships, from a real electron-builder run of electron-builder.yml: the `dir` target (plus
// the deb and rpm targets up to the fpm call, which would download fpm) with a stand-in Electron binary, and a
// Windows `dir` for comparison. Checked: the one glibc-2.28 SQLite addon (unpacked, within the floor, loading
// through the packaged better-sqlite3), no dependency tests, sources, maps or TypeScript, fuses flipped as
// configured, icons taken from resources/installer. Not checkable with a stand-in: that Electron 45 honours the
// fuses and loads the app, Windows' embedded asar integrity resource (needs a real PE file; disabled for the
// stand-in), and the deb/rpm archives themselves. ~30 s here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Arch, build, Platform, type AfterPackContext } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGlibcFloor } from '../../../scripts/packaging/glibc-floor.js';
import { SHIPPING_FUSES } from '../../../scripts/packaging/packaging-rules.js';
import { ensureSqliteAddon } from '../../../scripts/packaging/sqlite-addon.js';
import { readFuses, writeElectronStandIn } from './electron-stand-in.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractAll(archive: string, dest: string): void;
};

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'linux-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = path.join(work, 'out');
const linuxDir = path.join(out, 'linux-unpacked');
const winDir = path.join(out, 'win-unpacked');

interface FpmCall { args: string[]; desktopEntry: string }
const fpm = new Map<string, FpmCall>();
let windowsIcon: string | null = null;
let addonFile = '';
let packSeconds = 0;

/** Files of a packed app (asar and its .unpacked folder), as `path` and whether it lives unpacked. */
function appFiles(resources: string): Array<{ file: string; unpacked: boolean }> {
  const archive = path.join(resources, 'app.asar');
  const unpackedRoot = `${archive}.unpacked`;
  const unpacked = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full); else unpacked.add(path.relative(unpackedRoot, full).split(path.sep).join('/'));
    }
  };
  if (existsSync(unpackedRoot)) walk(unpackedRoot);
  const inArchive = asar.listPackage(archive, { isPack: false }).map((f) => f.replace(/^[\\/]/, '').split(path.sep).join('/'));
  return inArchive.filter((file) => !statIsDir(archive, file)).map((file) => ({ file, unpacked: unpacked.has(file) }));
}

function statIsDir(archive: string, file: string): boolean {
  const header = (require('@electron/asar') as { statFile(a: string, f: string): { files?: unknown } }).statFile(archive, file);
  return header.files !== undefined;
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'build', 'electron', 'main.js'))) {
    console.log('linux package: no app build yet, running npm run build');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
  // The beforePack hook would do this too; here it gets the long timeout and its own log line.
  addonFile = (await ensureSqliteAddon(root, { log: (line) => console.log(line) })).file;
  const standIn = writeElectronStandIn(path.join(work, 'electron'));
  const started = performance.now();
  await build({
    projectDir: root,
    publish: 'never',
    targets: new Map([...Platform.LINUX.createTarget(['dir', 'deb', 'rpm'], Arch.x64), ...Platform.WINDOWS.createTarget('dir', Arch.x64)]),
    config: {
      directories: { output: out },
      electronDist: (options) => (options.platformName === 'win32' ? standIn.win32 : standIn.linux),
      // The stand-in is no PE file: no resource editing, no embedded asar integrity on Windows.
      win: { signAndEditExecutable: false },
      disableAsarIntegrity: true,
      afterPack: async (context: AfterPackContext) => {
        if (context.electronPlatformName === 'win32') windowsIcon = (await (context.packager as unknown as { getIconPath(): Promise<string | null> }).getIconPath());
      },
    },
    // deb and rpm stop right before fpm runs (fpm would be downloaded): keep what they would pass it.
    effectiveOptionComputed: async (options: unknown) => {
      if (!Array.isArray(options) || !Array.isArray(options[0])) return false;
      const [args, desktopFile] = options as [string[], string];
      const target = path.extname(args[args.indexOf('--package') + 1] ?? '').slice(1);
      fpm.set(target, { args, desktopEntry: readFileSync(desktopFile, 'utf8') });
      return true;
    },
  });
  packSeconds = (performance.now() - started) / 1000;
  console.log(`linux package: electron-builder packed linux (dir, deb and rpm up to fpm) and win32 dir in ${packSeconds.toFixed(1)} s`);
}, 15 * 60_000);

describe('the Linux package (linux-unpacked)', () => {
  it('carries one SQLite addon: the glibc-2.28 build, unpacked where better-sqlite3 looks first', () => {
    const natives = appFiles(path.join(linuxDir, 'resources')).filter((f) => f.file.endsWith('.node'));
    expect(natives).toEqual([{ file: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', unpacked: true }]);
    const shipped = path.join(linuxDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(readFileSync(shipped).equals(readFileSync(addonFile))).toBe(true);
  });

  it('has no native file above the glibc floor anywhere in the package', () => {
    const elfs: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) { walk(full); continue; }
        const head = readFileSync(full).subarray(0, 4);
        if (head.length === 4 && head.readUInt32BE(0) === 0x7f454c46) elfs.push(full);
      }
    };
    walk(linuxDir);
    expect(elfs.map((f) => path.relative(linuxDir, f))).toEqual(['resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node']);
    for (const file of elfs) expect(checkGlibcFloor(file).problems).toEqual([]);
  });

  it('ships no dependency tests, C/C++ sources, source maps or TypeScript, and only the app build', () => {
    const files = appFiles(path.join(linuxDir, 'resources')).map((f) => f.file);
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['build', 'node_modules', 'package.json']));
    expect(files.filter((f) => /\.(map|ts|mts|cts|tsx)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(c|cc|cpp|h|hpp|gyp|gypi)$/.test(f) || f.endsWith('binding.gyp'))).toEqual([]);
    expect(files.filter((f) => /\/(test|tests|__tests__|spec|specs|benchmarks?|examples?|coverage)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /^build\/(harness|native)\//.test(f) || f.startsWith('node_modules/better-sqlite3/prebuilds/'))).toEqual([]);
    expect(files).toContain('build/electron/main.js');
    expect(files).toContain('node_modules/better-sqlite3/lib/index.js');
  });

  it('loads the packaged better-sqlite3 with its own default loader, which finds the shipped addon', () => {
    const extracted = path.join(work, 'extracted');
    asar.extractAll(path.join(linuxDir, 'resources', 'app.asar'), extracted);
    const script = `
      const { createRequire } = require('node:module');
      const load = createRequire(${JSON.stringify(path.join(extracted, 'package.json'))});
      const outside = ['better-sqlite3', 'zod', 'snowball-stemmers', 'exceljs', 'electron-updater']
        .map((m) => load.resolve(m)).filter((p) => !p.startsWith(${JSON.stringify(extracted)}));
      if (outside.length) throw new Error('resolved outside the package: ' + outside.join(', '));
      for (const m of ['zod', 'snowball-stemmers', 'exceljs', 'electron-updater']) load(m);
      const Database = load('better-sqlite3');
      const db = new Database(':memory:');
      const row = db.prepare("SELECT sqlite_version() AS v, sqlite_compileoption_used('ENABLE_FTS5') AS fts5").get();
      const addon = require('node:fs').readFileSync('/proc/self/maps', 'utf8').split('\\n')
        .map((l) => l.split(/\\s+/).pop()).find((p) => p && p.endsWith('.node'));
      process.stdout.write(JSON.stringify({ ...row, addon }));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({
      v: expect.stringMatching(/^3\./), fts5: 1, addon: path.join(extracted, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
    });
  });

  it('has the shipping fuses flipped in the executable', () => {
    const fuses = readFuses(readFileSync(path.join(linuxDir, 'triage-desk')));
    expect(fuses).toMatchObject(SHIPPING_FUSES);
    expect(fuses).toMatchObject({ grantFileProtocolExtraPrivileges: false, loadBrowserProcessSpecificV8Snapshot: false });
    expect(statSync(path.join(linuxDir, 'triage-desk')).mode & 0o111).not.toBe(0);
  });

  it('installs the ЦУР icons from resources/installer into hicolor, in both deb and rpm', () => {
    for (const target of ['deb', 'rpm']) {
      const call = fpm.get(target);
      expect(call, `${target} reached fpm`).toBeDefined();
      const icons = (call?.args ?? []).filter((a) => a.includes('/usr/share/icons/hicolor/'));
      expect(icons).toEqual([16, 32, 48, 64, 128, 256, 512].map((n) =>
        `${path.join(root, 'resources', 'installer', 'icons', `${n}x${n}.png`)}=/usr/share/icons/hicolor/${n}x${n}/apps/triage-desk.png`));
      expect(call?.desktopEntry).toMatch(/^Icon=triage-desk$/m);
    }
  });
});

describe('the Windows package (win-unpacked), for comparison', () => {
  it('carries only the win32-x64 prebuild, with the fuses flipped and icon.ico as its icon', () => {
    const natives = appFiles(path.join(winDir, 'resources')).filter((f) => f.file.endsWith('.node'));
    expect(natives).toEqual([{ file: 'node_modules/better-sqlite3/prebuilds/win32-x64.node', unpacked: true }]);
    expect(readFuses(readFileSync(path.join(winDir, 'triage-desk.exe')))).toMatchObject(SHIPPING_FUSES);
    expect(windowsIcon).toBe(path.join(root, 'resources', 'installer', 'icon.ico'));
  });
});
