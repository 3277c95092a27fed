// A stand-in for Electron's unpacked Linux and Windows distributions, for packaging tests on a machine where the
// real binary cannot be downloaded. electron-builder copies it, renames the executable, moves the licences and
// flips the fuses: the executable carries Electron's fuse sentinel and a V1 fuse wire with Electron's default
// states, so the flip is real and can be read back. It cannot run anything.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** @electron/fuses V1 order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges. */
export const FUSE_NAMES = [
  'runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** Electron's unflipped defaults, '1' enabled, '0' disabled. */
const DEFAULT_WIRE = '10110001';

function executable(): Buffer {
  return Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for the Electron binary (packaging tests): it cannot run the app.\n# '),
    Buffer.from(FUSE_SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE, 'latin1'),
    Buffer.from('\necho "stand-in Electron binary: not runnable" >&2\nexit 1\n'),
  ]);
}

/** Writes `<dir>/linux` and `<dir>/win32`, each an unpacked Electron layout as electron-builder expects it. */
export function writeElectronStandIn(dir: string): { linux: string; win32: string } {
  const result = { linux: path.join(dir, 'linux'), win32: path.join(dir, 'win32') };
  for (const [platform, root] of Object.entries(result)) {
    mkdirSync(path.join(root, 'resources'), { recursive: true });
    mkdirSync(path.join(root, 'locales'), { recursive: true });
    writeFileSync(path.join(root, platform === 'win32' ? 'electron.exe' : 'electron'), executable(), { mode: 0o755 });
    for (const name of ['LICENSE', 'LICENSES.chromium.html', 'version', 'locales/en-US.pak', 'locales/ru.pak']) {
      writeFileSync(path.join(root, name), `stand-in ${name}\n`);
    }
    if (platform === 'linux') writeFileSync(path.join(root, 'chrome-sandbox'), 'stand-in chrome-sandbox\n', { mode: 0o755 });
  }
  return result;
}

/** The fuse states in a (flipped) binary, by name: true enabled, false disabled. */
export function readFuses(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'latin1');
  if (at === -1) throw new Error('no fuse sentinel');
  const wire = at + FUSE_SENTINEL.length;
  if (binary[wire] !== 1) throw new Error(`fuse wire version ${binary[wire]}`);
  const length = binary[wire + 1] ?? 0;
  return Object.fromEntries(FUSE_NAMES.slice(0, length).map((name, i) => [name, binary[wire + 2 + i] === 0x31]));
}
