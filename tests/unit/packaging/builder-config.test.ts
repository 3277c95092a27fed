// The packaging configuration as electron-builder loads it: schema-valid, fuses and signing as shipping requires,
// the Playwright build differing only in the inspect fuse; a broken or weakened config is caught; one SQLite addon per
// platform, rpm dependencies RED OS and ALT resolve, installer icons. No download.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addonProblems, iconProblems, loadBuilderConfig, packagingProblems, rpmDependsProblems, SHIPPING_FUSES,
} from '../../../scripts/packaging/packaging-rules.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'builder-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shipping = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');

function variant(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('electron-builder configuration', () => {
  it('ships with every fuse locked down, Authenticode from env, hardened runtime + notarization, all targets, checksums', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    expect(packagingProblems(config, 'shipping')).toEqual([]);
    expect(config.electronFuses).toMatchObject(SHIPPING_FUSES);
    expect(config.win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    expect(config.win?.signtoolOptions).not.toHaveProperty('certificatePassword');
  }, 30_000);

  it('keeps a test build that differs only in what Playwright needs', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.test.yml');
    expect(packagingProblems(config, 'test')).toEqual([]);
    expect(packagingProblems(config, 'shipping')).toEqual(['electronFuses.enableNodeCliInspectArguments must be false']);
  }, 30_000);

  it('is rejected by electron-builder when a key is wrong', async () => {
    const file = variant('typo.yml', shipping.replace('perMachine: false', 'perMachine: false\n  perMachines: true'));
    await expect(loadBuilderConfig(root, file)).rejects.toThrow(/Invalid configuration object/);
  }, 30_000);

  it('flags a weakened build: RunAsNode on, a certificate password in the file', async () => {
    const weak = shipping.replace('runAsNode: false', 'runAsNode: true')
      .replace('    signingHashAlgorithms:', '    certificatePassword: hunter2\n    signingHashAlgorithms:');
    const config = await loadBuilderConfig(root, variant('weak.yml', weak));
    expect(packagingProblems(config, 'shipping')).toEqual([
      'electronFuses.runAsNode must be false',
      'win.signtoolOptions.certificatePassword must come from the environment (CSC_LINK / WIN_CSC_LINK), not the file',
    ]);
  }, 30_000);
});

describe('checksum hook', () => {
  it('writes SHA256SUMS for every artifact in sha256sum format', async () => {
    const { createRequire } = await import('node:module');
    const hook = createRequire(import.meta.url)('../../../scripts/packaging/write-checksums.cjs') as
      (r: { outDir: string; artifactPaths: string[] }) => Promise<string[]>;
    const a = variant('Triage Desk Setup 0.1.0.exe', 'installer');
    const b = variant('triage-desk_0.1.0_amd64.deb', '');
    const written = await hook({ outDir: dir, artifactPaths: [b, a] });
    expect(written).toEqual([path.join(dir, 'SHA256SUMS')]);
    expect(readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8')).toBe(
      `${sha('installer')}  Triage Desk Setup 0.1.0.exe\n${sha('')}  triage-desk_0.1.0_amd64.deb\n`);
  });
});

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('what each package carries', () => {
  it('adds exactly one SQLite addon per platform: the glibc-2.28 build on Linux, the own prebuild elsewhere', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    expect(addonProblems(config)).toEqual([]);
    expect(config.linux?.files).toEqual([
      { from: 'build/native/linux-${arch}', to: 'node_modules/better-sqlite3/build/Release', filter: ['better_sqlite3.node'] },
    ]);
  }, 30_000);

  it('flags a platform file list of bare exclusions, which would make electron-builder pack the whole project', async () => {
    const bare = shipping.replace(/linux:\n(?:.*\n)*? {2}target:/, 'linux:\n  files:\n    - "!node_modules/better-sqlite3/prebuilds${/*}"\n  target:');
    const config = await loadBuilderConfig(root, variant('bare.yml', bare));
    expect(addonProblems(config)).toEqual([
      'linux.files must add only build/native/linux-${arch}/better_sqlite3.node as better-sqlite3/build/Release/better_sqlite3.node',
    ]);
  }, 30_000);

  it('depends on sonames RED OS and ALT both provide, not on Fedora package names or rich dependencies', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    expect(rpmDependsProblems(config.rpm?.depends)).toEqual([]);
    expect(config.rpm?.depends).toContain('libgtk-3.so.0()(64bit)');
    // electron-builder's own defaults for rpm
    expect(rpmDependsProblems(['gtk3', 'libnotify', 'nss', '(libXtst or libXtst6)', 'xdg-utils'])).toEqual([
      'rpm.depends: "gtk3" is neither a soname nor a package name RED OS and ALT share',
      'rpm.depends: "libnotify" is neither a soname nor a package name RED OS and ALT share',
      'rpm.depends: "nss" is neither a soname nor a package name RED OS and ALT share',
      'rpm.depends: "(libXtst or libXtst6)" is neither a soname nor a package name RED OS and ALT share',
    ]);
    expect(rpmDependsProblems(undefined)).toHaveLength(1);
  }, 30_000);

  it('takes the installer icons from resources/installer for every platform', async () => {
    const config = await loadBuilderConfig(root, 'electron-builder.yml');
    expect(iconProblems(config)).toEqual([]);
    const noIcon = await loadBuilderConfig(root, variant('no-icon.yml', shipping.replace('  icon: icon.ico\n', '')));
    expect(iconProblems(noIcon)).toEqual(['win.icon must be icon.ico (in resources/installer)']);
  }, 30_000);
});
