// The packaging configuration as electron-builder loads it: schema-valid, fuses and signing as shipping requires,
// the Playwright build differing only in the inspect fuse; a broken or weakened config is caught. No download.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, packagingProblems, SHIPPING_FUSES } from '../../../scripts/packaging/packaging-rules.js';

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
    const file = variant('typo.yml', shipping.replace('perMachine: true', 'perMachine: true\n  perMachines: true'));
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
