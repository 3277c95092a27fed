// The installer icons electron-builder takes from resources/installer (directories.buildResources), all rendered
// from resources/installer/icon.svg: icons/<n>x<n>.png for Linux (hicolor), icon.png (512), icon.ico for Windows and
// icon.icns for macOS. Rasterising is librsvg's (Debian's librsvg2-bin: rsvg-convert); the ICO and ICNS containers
// are written here, byte for byte the same on every run, with PNG images inside (Windows Vista+, macOS 10.7+).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS element types with PNG payloads and the pixel size each holds (`@2x` types hold twice their point size). */
export const ICNS_TYPES: ReadonlyArray<readonly [string, number]> = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

export function renderPng(svgFile: string, size: number): Buffer {
  const run = spawnSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', svgFile],
    { maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`rsvg-convert not found (${run.error.message}): apt-get install librsvg2-bin`);
  if (run.status !== 0) throw new Error(`rsvg-convert failed: ${run.stderr.toString()}`);
  return run.stdout;
}

export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function writeIco(images: ReadonlyArray<readonly [number, Buffer]>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

export function readIco(ico: Buffer): Array<{ size: number; png: Buffer }> {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const size = ico.readUInt8(at) || 256;
    const start = ico.readUInt32LE(at + 12);
    return { size, png: ico.subarray(start, start + ico.readUInt32LE(at + 8)) };
  });
}

export function writeIcns(elements: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const parts = elements.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

export function readIcns(icns: Buffer): Array<{ type: string; data: Buffer }> {
  if (icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length) throw new Error('not an ICNS file');
  const result: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8) throw new Error('broken ICNS element');
    result.push({ type: icns.toString('latin1', at, at + 4), data: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return result;
}

/** Every file under resources/installer that is generated from icon.svg, path (relative to it) → bytes. */
export function renderInstallerIcons(svgFile: string): Map<string, Buffer> {
  const cache = new Map<number, Buffer>();
  const png = (size: number): Buffer => {
    let image = cache.get(size);
    if (image === undefined) { image = renderPng(svgFile, size); cache.set(size, image); }
    return image;
  };
  const files = new Map<string, Buffer>();
  for (const size of LINUX_ICON_SIZES) files.set(`icons/${size}x${size}.png`, png(size));
  files.set('icon.png', png(512));
  files.set('icon.ico', writeIco(ICO_SIZES.map((size) => [size, png(size)] as const)));
  files.set('icon.icns', writeIcns(ICNS_TYPES.map(([type, size]) => [type, png(size)] as const)));
  return files;
}

export const readPng = (file: string): { width: number; height: number } => pngSize(readFileSync(file));
