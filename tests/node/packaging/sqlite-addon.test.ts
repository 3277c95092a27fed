// The SQLite addon the Linux package ships, and every other .node file the package would carry: nothing may need a
// GLIBC_/GLIBCXX_/CXXABI_ symbol version above the documented floor (Debian 10: glibc 2.28, GLIBCXX 3.4.25). The
// addon is built from better-sqlite3's own sources when build/native has no current one (`npm run
// build:sqlite-addon`: ~1.5 min with zig's libc++ cache warm, ~3.5 min on a fresh machine, under a second when a
// per-user cache has this exact build), then loaded and run: FTS5, and the same SQLite options as the npm prebuild.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGlibcFloor } from '../../../scripts/packaging/glibc-floor.js';
import { loadBuilderConfig } from '../../../scripts/packaging/packaging-rules.js';
import { ensureSqliteAddon, type EnsureResult } from '../../../scripts/packaging/sqlite-addon.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const moduleDir = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));

/** Directories of the production dependencies (what electron-builder packs), from package-lock.json. */
function productionPackageDirs(): string[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as
    { packages: Record<string, { dev?: boolean; devOptional?: boolean; link?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && entry.dev !== true && entry.devOptional !== true && entry.link !== true)
    .map(([key]) => path.join(root, key));
}

function nodeFiles(dir: string): string[] {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  // Nested node_modules are packages of their own in the lock file.
  return entries.flatMap((entry) => entry.isDirectory() ? (entry.name === 'node_modules' ? [] : nodeFiles(path.join(dir, entry.name)))
    : entry.name.endsWith('.node') ? [path.join(dir, entry.name)] : []);
}

let addon: EnsureResult;
beforeAll(async () => {
  addon = await ensureSqliteAddon(root, { log: (line) => console.log(line) });
  console.log(`sqlite addon ${addon.action} in ${addon.seconds.toFixed(1)} s: ${addon.info.runtimeVersions.join(' ')}`);
}, 20 * 60_000);

describe('the Linux SQLite addon (build/native/linux-x64)', () => {
  it('needs nothing above glibc 2.28 and carries its own C++ runtime', () => {
    const report = checkGlibcFloor(addon.file);
    expect(report.problems).toEqual([]);
    expect(report.runtimeVersions).toContain('GLIBC_2.2.5');
    expect(report.needed).not.toContain('libstdc++.so.6');
    expect(report.needed.filter((lib) => !/^(libc|libm|libdl|libpthread|ld-linux-x86-64)\.so\.\d$/.test(lib))).toEqual([]);
    expect(addon.info.zigTarget).toBe('x86_64-linux-gnu.2.28');
  });

  it('loads through better-sqlite3 and runs FTS5 with the options better-sqlite3 itself compiles in', () => {
    const db = new Database(':memory:', { nativeBinding: addon.file });
    db.exec("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')");
    db.prepare('INSERT INTO t VALUES (?)').run('Не вывозят мусор со двора');
    expect(db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'мусор'").get()).toEqual({ n: 1 });
    const options = (d: Database.Database): string[] =>
      (d.pragma('compile_options') as Array<{ compile_options: string }>).map((r) => r.compile_options).filter((o) => !o.startsWith('COMPILER='));
    const prebuild = new Database(':memory:', { nativeBinding: path.join(moduleDir, 'prebuilds', 'linux-x64.node') });
    expect(options(db)).toEqual(options(prebuild));
    expect(db.prepare('SELECT sqlite_version() AS v').get()).toEqual({ v: addon.info.sqlite });
    db.close();
    prebuild.close();
  });
});

describe('every .node file the Linux package would carry', () => {
  it('is within the glibc floor, or is a prebuild electron-builder.yml leaves out', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    const excluded = JSON.stringify(config.files).includes('!node_modules/better-sqlite3/{src,deps,build,prebuilds}${/*}');
    const found = productionPackageDirs().flatMap(nodeFiles);
    expect(found.length).toBeGreaterThan(0);
    const carried = found.filter((file) => !(excluded && file.startsWith(path.join(moduleDir, 'prebuilds') + path.sep)));
    const problems = [addon.file, ...carried].flatMap((file) => checkGlibcFloor(file).problems.map((p) => `${path.relative(root, file)}: ${p}`));
    expect(problems).toEqual([]);
  }, 30_000);
});
