// What the Linux package ships, from a real electron-builder run of electron-builder.yml: the `dir` target (plus
// the deb and rpm targets up to the fpm call, which would download fpm) with a stand-in Electron binary, and a
// Windows `dir` for comparison. Checked: the one glibc-2.28 SQLite addon (unpacked, within the floor, loading
// through the packaged better-sqlite3), no dependency tests, sources, maps or TypeScript, fuses flipped as
// configured, icons taken from resources/installer, app.asar within its budget (files, MB) and holding only what the
// bundles leave outside, the packaged demo server starting from the extracted package alone. Not checkable with a
// stand-in: that Electron 45 honours the fuses and loads the app (main.js and its exceljs chunk from the asar),
// Windows' embedded asar integrity resource (needs a real PE file; disabled for the stand-in), and the deb/rpm
// archives themselves. ~30 s here.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Arch, build, Platform, type AfterPackContext } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFiles } from '../../../scripts/packaging/app-files.js';
import { checkGlibcFloor } from '../../../scripts/packaging/glibc-floor.js';
import { appFileProblems, SHIPPING_FUSES } from '../../../scripts/packaging/packaging-rules.js';
import { ensureSqliteAddon } from '../../../scripts/packaging/sqlite-addon.js';
import { readFuses, writeElectronStandIn } from './electron-stand-in.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { extractAll(archive: string, dest: string): void };

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'linux-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = path.join(work, 'out');
const linuxDir = path.join(out, 'linux-unpacked');
const winDir = path.join(out, 'win-unpacked');
/** app.asar of the Linux package, extracted (with app.asar.unpacked): what the packaged app can load, and no more. */
const extracted = path.join(work, 'extracted');

interface FpmCall { args: string[]; desktopEntry: string }
const fpm = new Map<string, FpmCall>();
let windowsIcon: string | null = null;
let addonFile = '';
let packSeconds = 0;

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
  asar.extractAll(path.join(linuxDir, 'resources', 'app.asar'), extracted);
  console.log(`linux package: electron-builder packed linux (dir, deb and rpm up to fpm) and win32 dir in ${packSeconds.toFixed(1)} s`);
}, 15 * 60_000);

describe('the Linux package (linux-unpacked)', () => {
  it('carries one SQLite addon: the glibc-2.28 build, unpacked where better-sqlite3 looks first', () => {
    const natives = appFiles(path.join(linuxDir, 'resources')).filter((f) => f.file.endsWith('.node'))
      .map(({ file, unpacked }) => ({ file, unpacked }));
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

  it('ships no dependency tests, C/C++ sources, source maps or TypeScript, only the app build, within the budget', () => {
    const resources = path.join(linuxDir, 'resources');
    const files = appFiles(resources);
    expect(appFileProblems(files, statSync(path.join(resources, 'app.asar')).size)).toEqual([]);
    const list = files.map((f) => f.file);
    expect(list.filter((f) => f.startsWith('node_modules/better-sqlite3/prebuilds/'))).toEqual([]);
    expect(list).toContain('build/electron/main.js');
    expect(list).toContain('build/server/main.js');
    expect(list).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(list).toContain('node_modules/electron-updater/package.json');
    // Inlined into the bundles (electron/vite.config.ts), so not shipped as packages.
    for (const name of ['zod', 'exceljs', 'snowball-stemmers', 'pkijs', 'pg', 'node-addon-api']) {
      expect(list.filter((f) => f.startsWith(`node_modules/${name}/`)), name).toEqual([]);
    }
  });

  it('loads the packaged better-sqlite3 with its own default loader, which finds the shipped addon', () => {
    const script = `
      const { createRequire } = require('node:module');
      const load = createRequire(${JSON.stringify(path.join(extracted, 'package.json'))});
      const outside = ['better-sqlite3', 'electron-updater']
        .map((m) => load.resolve(m)).filter((p) => !p.startsWith(${JSON.stringify(extracted)}));
      if (outside.length) throw new Error('resolved outside the package: ' + outside.join(', '));
      load('electron-updater');
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

  it('runs the packaged demo server (build/server/main.js, as demo mode forks it) from the package alone', async () => {
    // Plain Node stands in for Electron's utility process; the extracted package has no node_modules above it.
    const server = spawn(process.execPath, [path.join(extracted, 'build', 'server', 'main.js'),
      '--host', '127.0.0.1', '--port', '0', '--data', path.join(work, 'demo-data'), '--demo', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const seen = (chunk: Buffer): void => {
          output += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match?.[1] !== undefined) resolve(match[1]);
        };
        server.stdout.on('data', seen);
        server.stderr.on('data', seen);
        server.once('exit', (code) => reject(new Error(`demo server exited with ${code}: ${output}`)));
      });
      const response = await fetch(new URL('/api/v1/health', url));
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      server.kill();
    }
  }, 120_000);

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
    const natives = appFiles(path.join(winDir, 'resources')).filter((f) => f.file.endsWith('.node'))
      .map(({ file, unpacked }) => ({ file, unpacked }));
    expect(natives).toEqual([{ file: 'node_modules/better-sqlite3/prebuilds/win32-x64.node', unpacked: true }]);
    expect(readFuses(readFileSync(path.join(winDir, 'triage-desk.exe')))).toMatchObject(SHIPPING_FUSES);
    expect(windowsIcon).toBe(path.join(root, 'resources', 'installer', 'icon.ico'));
  });
});
