// electron-builder beforePack hook: each package carries only its own platform's SQLite addon (electron-builder.yml
// picks it per platform), so make sure that one exists before packing. Linux: the glibc-2.28 build in
// build/native/linux-<arch>/ (built or confirmed by scripts/packaging/build-sqlite-addon.ts, which also checks the
// glibc floor); Windows and macOS: better-sqlite3's own prebuild for the target arch.
// CommonJS: electron-builder require()s hooks.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require(): CommonJS on purpose */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

// electron-builder's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

function requirePrebuild(projectDir, platform, arch) {
  const file = path.join(projectDir, 'node_modules', 'better-sqlite3', 'prebuilds', `${platform}-${arch}.node`);
  if (!existsSync(file)) {
    throw new Error(`better-sqlite3 has no prebuild ${path.basename(file)} for this ${platform} ${arch} package ` +
      '(electron-builder.yml ships exactly one addon per platform and arch; universal macOS builds are not supported)');
  }
}

async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  switch (context.electronPlatformName) {
    case 'linux': {
      if (arch !== 'x64') throw new Error(`the glibc-2.28 SQLite addon is built for linux x64 only, not ${arch}`);
      const tsx = require.resolve('tsx/cli', { paths: [projectDir] });
      const run = spawnSync(process.execPath, [tsx, path.join(projectDir, 'scripts', 'packaging', 'build-sqlite-addon.ts')],
        { cwd: projectDir, stdio: 'inherit' });
      if (run.status !== 0) throw new Error(`npm run build:sqlite-addon failed (exit ${run.status ?? run.signal}); the Linux package needs it`);
      return;
    }
    case 'win32':
      requirePrebuild(projectDir, 'win32', arch);
      return;
    case 'darwin':
    case 'mas':
      requirePrebuild(projectDir, 'darwin', arch);
      return;
    default:
      throw new Error(`no SQLite addon rule for platform ${context.electronPlatformName}`);
  }
}

module.exports = beforePack;
module.exports.default = beforePack;
