// The Linux x64 better-sqlite3 addon that ships: compiled from better-sqlite3's own sources (its SQLite
// amalgamation, compile options and C++ binding) with zig against glibc 2.28 and a statically linked libc++, so it
// loads on Astra Linux SE 1.7, ALT p10 and RED OS 7 where the npm prebuild (glibc 2.34, GLIBCXX 3.4.29) cannot.
// Inputs are pinned and hashed into a key: the same key gives the same bytes, and a per-user cache keyed by it
// lets a fresh clone on the same machine skip the ~2 minute compile. docs/IT.md, «Native addon and the glibc floor».
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkGlibcFloor, GLIBC_FLOOR, type FloorReport } from './glibc-floor.js';
import { ensureZig, toolCacheDir, ZIG } from './zig-toolchain.js';

/** Bump when the recipe below changes in a way the hashed inputs do not show. */
const RECIPE = 1;
export const ZIG_TARGET = 'x86_64-linux-gnu.2.28';
/** zig's linker has no --exclude-libs: a version script keeps every symbol but the N-API entry points local. */
const EXPORTS_MAP = '{\n  global: napi_register_module_v1; node_api_module_get_api_version_v1;\n  local: *;\n};\n';

export interface SqliteAddonPaths { dir: string; file: string; info: string }

export function sqliteAddonPaths(root: string, arch = 'x64'): SqliteAddonPaths {
  const dir = path.join(root, 'build', 'native', `linux-${arch}`);
  return { dir, file: path.join(dir, 'better_sqlite3.node'), info: path.join(dir, 'build-info.json') };
}

export interface SqliteAddonInfo {
  key: string;
  sha256: string;
  bytes: number;
  zig: string;
  zigTarget: string;
  betterSqlite3: string;
  sqlite: string;
  floor: typeof GLIBC_FLOOR;
  runtimeVersions: string[];
  needed: string[];
  buildSeconds: number;
}

export interface EnsureResult { action: 'up-to-date' | 'from-cache' | 'built'; file: string; info: SqliteAddonInfo; seconds: number }

interface Inputs {
  key: string; moduleDir: string; betterSqlite3: string; sqlite: string; addonApiDir: string; napiInclude: string; defines: string[];
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]).sort();
}

/** SQLite's compile options exactly as better-sqlite3's deps/defines.gypi lists them for node-gyp. */
export function sqliteDefines(moduleDir: string): string[] {
  const gypi = readFileSync(path.join(moduleDir, 'deps', 'defines.gypi'), 'utf8');
  const block = /'defines'\s*:\s*\[([\s\S]*?)\]/.exec(gypi)?.[1];
  if (block === undefined) throw new Error('deps/defines.gypi: no defines list');
  const defines = [...block.matchAll(/'([A-Z0-9_]+(?:=[^']*)?)'/g)].map((m) => m[1] ?? '');
  if (!defines.includes('SQLITE_ENABLE_FTS5')) throw new Error('deps/defines.gypi: FTS5 missing, the cache needs it');
  return defines;
}

function compileFlags(inputs: Pick<Inputs, 'addonApiDir' | 'napiInclude' | 'defines'>): { common: string[]; sqlite: string[]; addon: string[]; link: string[] } {
  // node-gyp's Release defaults on Linux plus binding.gyp's and deps/sqlite3.gyp's own flags.
  const common = ['-target', ZIG_TARGET, '-O3', '-flto', '-fPIC', '-pthread', '-g0', '-fno-sanitize=all',
    '-DNDEBUG', '-D_FILE_OFFSET_BITS=64', '-D_LARGEFILE_SOURCE'];
  const sqlite = ['-std=c99', '-w', ...inputs.defines.map((d) => `-D${d}`)];
  const addon = ['-std=c++20', '-fvisibility=hidden', '-fvisibility-inlines-hidden', '-fno-rtti', '-fno-exceptions',
    '-DNAPI_VERSION=10', '-DNAPI_DISABLE_CPP_EXCEPTIONS', '-DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS',
    '-DBUILDING_NODE_EXTENSION', '-DNODE_GYP_MODULE_NAME=better_sqlite3',
    '-I', inputs.addonApiDir, '-I', inputs.napiInclude, '-I', 'deps/sqlite3'];
  const link = ['-target', ZIG_TARGET, '-shared', '-O3', '-flto', '-fno-sanitize=all', '-s', '-pthread',
    '-Wl,-Bsymbolic', '-ldl'];
  return { common, sqlite, addon, link };
}

function collectInputs(root: string): Inputs {
  const require = createRequire(path.join(root, 'package.json'));
  const moduleDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const betterSqlite3 = (JSON.parse(readFileSync(path.join(moduleDir, 'package.json'), 'utf8')) as { version: string }).version;
  const moduleRequire = createRequire(path.join(moduleDir, 'package.json'));
  const addonApiDir = path.dirname(moduleRequire.resolve('node-addon-api/package.json'));
  const napiInclude = path.join(path.dirname(require.resolve('node-api-headers/package.json')), 'include');
  const sqliteHeader = readFileSync(path.join(moduleDir, 'deps', 'sqlite3', 'sqlite3.h'), 'utf8');
  const sqlite = /#define SQLITE_VERSION\s+"([^"]+)"/.exec(sqliteHeader)?.[1] ?? 'unknown';

  const files: Record<string, string> = {};
  const add = (base: string, label: string, list: string[]): void => {
    for (const file of list) files[`${label}/${path.relative(base, file).split(path.sep).join('/')}`] = sha256(readFileSync(file));
  };
  add(moduleDir, 'better-sqlite3', [
    path.join(moduleDir, 'binding.gyp'), path.join(moduleDir, 'deps', 'defines.gypi'),
    ...walk(path.join(moduleDir, 'deps', 'sqlite3')), ...walk(path.join(moduleDir, 'src')),
  ]);
  add(addonApiDir, 'node-addon-api', walk(addonApiDir).filter((f) => f.endsWith('.h')));
  add(napiInclude, 'node-api-headers', walk(napiInclude));
  const defines = sqliteDefines(moduleDir);
  // Flags with the machine's paths left out: the header contents are hashed above instead.
  const flags = compileFlags({ addonApiDir: '<node-addon-api>', napiInclude: '<node-api-headers>', defines });
  const key = sha256(JSON.stringify({ RECIPE, zig: ZIG, target: ZIG_TARGET, exportsMap: EXPORTS_MAP, flags, betterSqlite3, files }));
  return { key, moduleDir, betterSqlite3, sqlite, addonApiDir, napiInclude, defines };
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve()
      : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}\n${stderr.slice(-4000)}`)));
  });
}

/** Loads the addon in a fresh Node process through better-sqlite3's nativeBinding option and runs FTS5 once. */
export function smokeLoad(root: string, file: string): string {
  const script = `
    const Database = require(${JSON.stringify(path.join(root, 'node_modules', 'better-sqlite3'))});
    const db = new Database(':memory:', { nativeBinding: ${JSON.stringify(file)} });
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2'); INSERT INTO t VALUES ('Мусор во дворе')");
    const hit = db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'мусор'").get();
    process.stdout.write(db.prepare('SELECT sqlite_version() AS v').get().v + ' fts5:' + hit.n);`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`loading ${file} failed: ${child.stderr.trim() || child.status}`);
  return child.stdout;
}

async function compile(inputs: Inputs, out: string, log: (line: string) => void): Promise<number> {
  const { zig, source } = ensureZig(log);
  const work = mkdtempSync(path.join(tmpdir(), 'sqlite-addon-'));
  const started = performance.now();
  try {
    const env = {
      ...process.env,
      // libc++, libunwind and the glibc 2.28 stubs zig builds once per machine live here, the objects in `work`.
      ZIG_GLOBAL_CACHE_DIR: path.join(toolCacheDir(), 'zig-cache'),
      ZIG_LOCAL_CACHE_DIR: path.join(work, 'zig-local-cache'),
    };
    const flags = compileFlags(inputs);
    const sqliteObj = path.join(work, 'sqlite3.o');
    const addonObj = path.join(work, 'better_sqlite3.o');
    const exportsMap = path.join(work, 'exports.map');
    writeFileSync(exportsMap, EXPORTS_MAP);
    log(`sqlite addon: compiling SQLite ${inputs.sqlite} and better-sqlite3 ${inputs.betterSqlite3} with zig ${ZIG.version} (${source}) for ${ZIG_TARGET}`);
    await Promise.all([
      run(zig, ['cc', ...flags.common, ...flags.sqlite, '-c', 'deps/sqlite3/sqlite3.c', '-o', sqliteObj], { cwd: inputs.moduleDir, env }),
      run(zig, ['c++', ...flags.common, ...flags.addon, '-c', 'src/better_sqlite3.cpp', '-o', addonObj], { cwd: inputs.moduleDir, env }),
    ]);
    log(`sqlite addon: linking (link-time optimisation, libc++ static) after ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const linked = path.join(work, 'better_sqlite3.node');
    await run(zig, ['c++', ...flags.link, `-Wl,--version-script=${exportsMap}`, sqliteObj, addonObj, '-o', linked], { cwd: inputs.moduleDir, env });
    copyFileSync(linked, out);
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readInfo(file: string): SqliteAddonInfo | null {
  try { return JSON.parse(readFileSync(file, 'utf8')) as SqliteAddonInfo; } catch { return null; }
}

function matches(file: string, info: SqliteAddonInfo | null, key: string): info is SqliteAddonInfo {
  return info !== null && info.key === key && existsSync(file) && sha256(readFileSync(file)) === info.sha256;
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** One builder at a time per output folder (parallel test workers, a `dist` next to `npm test`). */
async function withLock<T>(dir: string, log: (line: string) => void, body: () => Promise<T>): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, '.build-lock');
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSafe(path.join(lock, 'pid')));
      const young = Date.now() - (statSafeMtime(lock) ?? 0) < 10_000;
      if (!(Number.isInteger(pid) && pid > 0 ? isAlive(pid) : young)) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (!told) { log(`sqlite addon: waiting for process ${pid || '?'} building into ${dir}`); told = true; }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try { return await body(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

function readFileSafe(file: string): string { try { return readFileSync(file, 'utf8'); } catch { return ''; } }
function statSafeMtime(file: string): number | null { try { return statSync(file).mtimeMs; } catch { return null; } }

export interface EnsureOptions {
  /** Compile even when the output or the per-user cache already has this key. */
  force?: boolean;
  /** Neither read nor write the per-user cache. */
  noCache?: boolean;
  log?: (line: string) => void;
}

/**
 * Makes build/native/linux-x64/better_sqlite3.node current for the pinned inputs — kept when its key and hash
 * match, copied from the per-user cache when that has the key, compiled otherwise — and refuses it when a needed
 * symbol version is above the glibc floor.
 */
export async function ensureSqliteAddon(root: string, options: EnsureOptions = {}): Promise<EnsureResult> {
  const log = options.log ?? console.log;
  const started = performance.now();
  const paths = sqliteAddonPaths(root);
  return withLock(paths.dir, log, async () => {
    const inputs = collectInputs(root);
    const cacheDir = path.join(toolCacheDir(), 'sqlite-addon', inputs.key.slice(0, 32));
    const cached = { file: path.join(cacheDir, 'better_sqlite3.node'), info: path.join(cacheDir, 'build-info.json') };
    let action: EnsureResult['action'];
    let info = readInfo(paths.info);
    if (!options.force && matches(paths.file, info, inputs.key)) {
      action = 'up-to-date';
    } else if (!options.force && !options.noCache && matches(cached.file, readInfo(cached.info), inputs.key)) {
      copyFileSync(cached.file, `${paths.file}.copy`);
      renameSync(`${paths.file}.copy`, paths.file);
      copyFileSync(cached.info, paths.info);
      info = readInfo(paths.info);
      action = 'from-cache';
    } else {
      // better-sqlite3's nativeBinding wants a name ending in .node, so the file being made is staged as one.
      const staged = path.join(paths.dir, 'better_sqlite3.staged.node');
      rmSync(paths.info, { force: true });
      let floor: FloorReport;
      let buildSeconds: number;
      try {
        buildSeconds = await compile(inputs, staged, log);
        floor = checkGlibcFloor(staged);
        if (floor.problems.length > 0) throw new Error(`the built addon breaks the glibc floor: ${floor.problems.join('; ')}`);
        log(`sqlite addon: loads in Node ${process.version}: SQLite ${smokeLoad(root, staged)}`);
        renameSync(staged, paths.file);
      } finally {
        rmSync(staged, { force: true });
      }
      const bytes = readFileSync(paths.file);
      info = {
        key: inputs.key, sha256: sha256(bytes), bytes: bytes.length, zig: ZIG.version, zigTarget: ZIG_TARGET,
        betterSqlite3: inputs.betterSqlite3, sqlite: inputs.sqlite, floor: GLIBC_FLOOR,
        runtimeVersions: floor.runtimeVersions, needed: floor.needed, buildSeconds: Math.round(buildSeconds),
      };
      writeFileSync(paths.info, `${JSON.stringify(info, null, 2)}\n`);
      if (!options.noCache) {
        mkdirSync(cacheDir, { recursive: true });
        copyFileSync(paths.file, cached.file);
        copyFileSync(paths.info, cached.info);
      }
      action = 'built';
    }
    if (info === null) throw new Error(`${paths.info} unreadable`);
    const floor = checkGlibcFloor(paths.file);
    if (floor.problems.length > 0) throw new Error(`${paths.file} breaks the glibc floor: ${floor.problems.join('; ')}`);
    return { action, file: paths.file, info, seconds: (performance.now() - started) / 1000 };
  });
}
