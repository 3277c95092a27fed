// The glibc floor check itself: symbol versions above Debian 10's (glibc 2.28, GCC 8's libstdc++) are refused.
// Run on better-sqlite3's own npm prebuild for linux-x64, which is what the Linux package shipped before and
// what must never ship again: it needs GLIBC_2.34 and GLIBCXX_3.4.29.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVersionNeeds } from '../../../scripts/packaging/elf-version-needs.js';
import { checkGlibcFloor, floorProblem, GLIBC_FLOOR } from '../../../scripts/packaging/glibc-floor.js';

const moduleDir = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
const prebuild = path.join(moduleDir, 'prebuilds', 'linux-x64.node');

describe('glibc floor', () => {
  it('is Debian 10 (Astra Linux SE 1.7)', () => {
    expect(GLIBC_FLOOR).toEqual({ GLIBC: '2.28', GLIBCXX: '3.4.25', CXXABI: '1.3.11' });
  });

  it('compares versions numerically, per runtime', () => {
    expect(floorProblem('GLIBC_2.28')).toBeNull();
    expect(floorProblem('GLIBC_2.3.4')).toBeNull();
    expect(floorProblem('GLIBC_2.29')).toBe('GLIBC_2.29 is above the floor GLIBC_2.28');
    expect(floorProblem('GLIBCXX_3.4.25')).toBeNull();
    expect(floorProblem('GLIBCXX_3.4.26')).toBe('GLIBCXX_3.4.26 is above the floor GLIBCXX_3.4.25');
    expect(floorProblem('CXXABI_1.3.12')).toBe('CXXABI_1.3.12 is above the floor CXXABI_1.3.11');
    expect(floorProblem('GLIBC_PRIVATE')).toMatch(/not a public versioned symbol set/);
    expect(floorProblem('NSS_3.2')).toBeNull();
  });

  it('reads what an ELF addon needs from the loader, as objdump -p does', () => {
    const needs = readVersionNeeds(prebuild);
    expect(needs.needed).toEqual(['libstdc++.so.6', 'libm.so.6', 'libc.so.6', 'ld-linux-x86-64.so.2']);
    expect(needs.versions).toContainEqual({ library: 'libc.so.6', version: 'GLIBC_2.34' });
    expect(needs.versions).toContainEqual({ library: 'libstdc++.so.6', version: 'GLIBCXX_3.4.29' });
  });

  it('refuses the npm prebuild better-sqlite3 ships for linux-x64', () => {
    expect(checkGlibcFloor(prebuild).problems).toEqual([
      'GLIBC_2.29 is above the floor GLIBC_2.28',
      'GLIBC_2.33 is above the floor GLIBC_2.28',
      'GLIBC_2.34 is above the floor GLIBC_2.28',
      'GLIBCXX_3.4.29 is above the floor GLIBCXX_3.4.25',
    ]);
  });

  it('says plainly when a file is not an ELF shared object', () => {
    expect(() => readVersionNeeds(Buffer.from('MZ not elf at all, just some bytes to be long enough for the header'.repeat(2))))
      .toThrow('not an ELF file');
  });
});
