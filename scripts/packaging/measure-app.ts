// `npx tsx scripts/packaging/measure-app.ts [--top N] [--list] [--keep DIR]`: packs the Linux x64 `dir` target of
// electron-builder.yml with electron-builder itself (as tests/node/packaging/linux-package.test.ts does: a stand-in
// Electron binary, since the real one may not be downloadable; the app files, asar and app.asar.unpacked are
// electron-builder's own), then prints what app.asar carries: files, bytes, app.asar's size on disk and the biggest
// contributors. Needs `npm run build` first. Packs into a temp folder that is removed afterwards (with --keep, the
// packed linux-unpacked folder is moved to DIR first).
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Arch, build, Platform } from 'electron-builder';
import { writeElectronStandIn } from '../../tests/node/packaging/electron-stand-in.js';
import { appFiles, summarize } from './app-files.js';

const { values } = parseArgs({ options: { top: { type: 'string', default: '15' }, list: { type: 'boolean', default: false }, keep: { type: 'string' } } });
const root = path.resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'measure-app-'));
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
try {
  const standIn = writeElectronStandIn(path.join(work, 'electron'));
  const out = path.join(work, 'out');
  await build({
    projectDir: root,
    publish: 'never',
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    config: { directories: { output: out }, electronDist: standIn.linux, disableAsarIntegrity: true },
  });
  const resources = path.join(out, 'linux-unpacked', 'resources');
  const files = appFiles(resources);
  const summary = summarize(resources, files);
  console.log(`app.asar: ${summary.files} files, ${mb(summary.bytes)} of file data; app.asar on disk ${mb(summary.archiveBytes)}, `
    + `app.asar.unpacked ${mb(summary.unpackedBytes)}`);
  for (const owner of summary.owners.slice(0, Number(values.top))) {
    console.log(`  ${owner.owner.padEnd(48)} ${String(owner.files).padStart(6)} files ${mb(owner.bytes).padStart(10)}`);
  }
  if (values.list) for (const f of files) console.log(`${f.unpacked ? 'U' : ' '} ${String(f.size).padStart(9)} ${f.file}`);
  if (values.keep !== undefined) renameSync(path.join(out, 'linux-unpacked'), path.resolve(values.keep));
} finally {
  rmSync(work, { recursive: true, force: true });
}
