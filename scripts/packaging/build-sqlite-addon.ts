// `npm run build:sqlite-addon [-- --force] [-- --no-cache]`: builds (or confirms) the Linux x64 better-sqlite3 addon
// against glibc 2.28 into build/native/linux-x64/, and prints what it needs from the system. The packaging
// hook and the glibc-floor test call the same function; see sqlite-addon.ts.
import path from 'node:path';
import { GLIBC_FLOOR } from './glibc-floor.js';
import { ensureSqliteAddon } from './sqlite-addon.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (arg !== '--force' && arg !== '--no-cache') {
    console.error(`unknown argument ${arg}; use --force (compile even if current) and/or --no-cache (no per-user cache)`);
    process.exit(2);
  }
}

try {
  const result = await ensureSqliteAddon(root, { force: args.has('--force'), noCache: args.has('--no-cache') });
  const { info } = result;
  const what = { 'up-to-date': 'up to date', 'from-cache': 'copied from the per-user cache', built: `built in ${info.buildSeconds} s` }[result.action];
  console.log(`sqlite addon: ${path.relative(root, result.file)} ${what} (${result.seconds.toFixed(1)} s)`);
  console.log(`  better-sqlite3 ${info.betterSqlite3}, SQLite ${info.sqlite}, zig ${info.zig} -target ${info.zigTarget}`);
  console.log(`  sha256 ${info.sha256}, ${(info.bytes / 1024 / 1024).toFixed(1)} MB, key ${info.key.slice(0, 16)}`);
  console.log(`  needs libraries: ${info.needed.join(' ')}`);
  console.log(`  needs symbol versions: ${info.runtimeVersions.join(' ')}`);
  console.log(`  floor: GLIBC ${GLIBC_FLOOR.GLIBC}, GLIBCXX ${GLIBC_FLOOR.GLIBCXX}, CXXABI ${GLIBC_FLOOR.CXXABI} — within it`);
} catch (error) {
  console.error(`sqlite addon: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
