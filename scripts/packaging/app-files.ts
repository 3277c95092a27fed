// What a packed app carries: the files of resources/app.asar (and which of them live in app.asar.unpacked), read
// back from a real electron-builder output folder, and a summary of them (count, bytes, per top-level package).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  statFile(archive: string, file: string): { files?: unknown; size?: number; unpacked?: boolean };
};

export interface AppFile { file: string; size: number; unpacked: boolean }

/** Every file of `<resources>/app.asar`, as a '/'-separated path with its size, and whether it lives unpacked. */
export function appFiles(resources: string): AppFile[] {
  const archive = path.join(resources, 'app.asar');
  const unpackedRoot = `${archive}.unpacked`;
  const unpacked = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full); else unpacked.add(path.relative(unpackedRoot, full).split(path.sep).join('/'));
    }
  };
  if (existsSync(unpackedRoot)) walk(unpackedRoot);
  return asar.listPackage(archive, { isPack: false }).flatMap((entry) => {
    const file = entry.replace(/^[\\/]/, '').split(path.sep).join('/');
    const header = asar.statFile(archive, file);
    if (header.files !== undefined) return [];
    return [{ file, size: header.size ?? 0, unpacked: unpacked.has(file) }];
  });
}

/** Which part of the app a file belongs to: `build`, `package.json` or `node_modules/<package>`. */
export function ownerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'node_modules') return parts[0] ?? file;
  const name = parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
  return `node_modules/${name}`;
}

export interface AppSummary {
  files: number;
  bytes: number;
  /** Size of app.asar itself (headers included), and of app.asar.unpacked. */
  archiveBytes: number;
  unpackedBytes: number;
  owners: Array<{ owner: string; files: number; bytes: number }>;
}

export function summarize(resources: string, files: AppFile[]): AppSummary {
  const byOwner = new Map<string, { files: number; bytes: number }>();
  for (const f of files) {
    const owner = byOwner.get(ownerOf(f.file)) ?? { files: 0, bytes: 0 };
    owner.files += 1;
    owner.bytes += f.size;
    byOwner.set(ownerOf(f.file), owner);
  }
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    archiveBytes: statSync(path.join(resources, 'app.asar')).size,
    unpackedBytes: files.filter((f) => f.unpacked).reduce((sum, f) => sum + f.size, 0),
    owners: [...byOwner].map(([owner, s]) => ({ owner, ...s })).sort((a, b) => b.bytes - a.bytes),
  };
}
