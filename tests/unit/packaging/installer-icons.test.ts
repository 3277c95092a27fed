// The committed installer icons: every size electron-builder and the platforms want, in the formats they read.
// They are generated from resources/installer/icon.svg by `npm run make:installer-icons` (its --check mode confirms
// they match the SVG; that needs Debian's librsvg2-bin, so it is a script, not part of this test).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ICNS_TYPES, ICO_SIZES, LINUX_ICON_SIZES, pngSize, readIcns, readIco, writeIcns, writeIco,
} from '../../../scripts/packaging/installer-icons.js';

const dir = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'installer');
const read = (name: string): Buffer => readFileSync(path.join(dir, name));

describe('installer icons in resources/installer', () => {
  it('draw the ЦУР mark in the product blue, with no font involved', () => {
    const svg = read('icon.svg').toString('utf8');
    expect(svg).toContain('fill="#2563d9"');
    expect(svg).not.toMatch(/<text|font-family/);
  });

  it('have icon.png at 512×512 and the Linux hicolor set, 256×256 among them', () => {
    expect(pngSize(read('icon.png'))).toEqual({ width: 512, height: 512 });
    for (const size of LINUX_ICON_SIZES) expect(pngSize(read(`icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(LINUX_ICON_SIZES).toContain(256);
  });

  it('have an ICO with 16 to 256 pixel images (electron-builder requires 256)', () => {
    const images = readIco(read('icon.ico'));
    expect(images.map((i) => i.size)).toEqual([...ICO_SIZES]);
    for (const { size, png } of images) expect(pngSize(png)).toEqual({ width: size, height: size });
  });

  it('have an ICNS with 16 to 1024 pixel PNG elements', () => {
    const elements = readIcns(read('icon.icns'));
    expect(elements.map((e) => e.type)).toEqual(ICNS_TYPES.map(([type]) => type));
    for (const [i, [, size]] of ICNS_TYPES.entries()) expect(pngSize(elements[i]?.data ?? Buffer.alloc(0))).toEqual({ width: size, height: size });
  });

  it('containers written and read back give the same images', () => {
    const png = read('icons/16x16.png');
    expect(readIco(writeIco([[16, png]]))).toEqual([{ size: 16, png }]);
    expect(readIcns(writeIcns([['icp4', png]]))).toEqual([{ type: 'icp4', data: png }]);
  });
});
