// The oldest C and C++ runtime the Linux package must load on: Astra Linux SE 1.7 (Debian 10 base: glibc 2.28,
// libstdc++ of GCC 8). ALT p10 (glibc 2.32) and RED OS 7.3 (2.28 or newer) are above it. docs/IT.md states the
// same numbers; a native file that needs a newer symbol version fails `readVersionNeeds`' check here.
import { readVersionNeeds, type ElfVersionNeeds } from './elf-version-needs.js';

/** Highest symbol version allowed per versioned runtime (Debian 10: glibc 2.28, GCC 8's libstdc++). */
export const GLIBC_FLOOR: Readonly<Record<'GLIBC' | 'GLIBCXX' | 'CXXABI', string>> = {
  GLIBC: '2.28',
  GLIBCXX: '3.4.25',
  CXXABI: '1.3.11',
};

function compare(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `GLIBC_2.34` → problem text when it is above the floor (or not a numbered public version); null when fine. */
export function floorProblem(version: string): string | null {
  const match = /^(GLIBCXX|GLIBC|CXXABI)_(.+)$/.exec(version);
  if (match === null) return null;
  const family = match[1] as keyof typeof GLIBC_FLOOR;
  const number = match[2] ?? '';
  if (!/^\d+(\.\d+)*$/.test(number)) return `${version} is not a public versioned symbol set (floor ${family} ${GLIBC_FLOOR[family]})`;
  return compare(number, GLIBC_FLOOR[family]) > 0 ? `${version} is above the floor ${family}_${GLIBC_FLOOR[family]}` : null;
}

export interface FloorReport extends ElfVersionNeeds {
  /** Distinct GLIBC_/GLIBCXX_/CXXABI_ versions, sorted by family and number. */
  runtimeVersions: string[];
  problems: string[];
}

export function checkGlibcFloor(file: string): FloorReport {
  const needs = readVersionNeeds(file);
  const runtimeVersions = [...new Set(needs.versions.map((v) => v.version).filter((v) => /^(GLIBCXX|GLIBC|CXXABI)_/.test(v)))]
    .sort((a, b) => {
      const [fa = '', na = ''] = a.split('_');
      const [fb = '', nb = ''] = b.split('_');
      return fa === fb ? compare(na, nb) : fa.localeCompare(fb);
    });
  const problems = runtimeVersions.flatMap((v) => floorProblem(v) ?? []);
  return { ...needs, runtimeVersions, problems };
}
