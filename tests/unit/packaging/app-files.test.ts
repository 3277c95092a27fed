// What app.asar may hold (appFileProblems): the app build, package.json and shipped packages, no sources, maps,
// TypeScript or tests, within the file and size budget; and how its files are grouped per package.
import { describe, expect, it } from 'vitest';
import { ownerOf } from '../../../scripts/packaging/app-files.js';
import { APP_BUDGET, appFileProblems } from '../../../scripts/packaging/packaging-rules.js';

const files = (...list: string[]): Array<{ file: string }> => list.map((file) => ({ file }));
const good = files('package.json', 'build/electron/main.js', 'build/server/main.js', 'node_modules/better-sqlite3/lib/index.js',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/electron-updater/out/main.js');

describe('appFileProblems', () => {
  it('accepts the app build, package.json and shipped packages within the budget', () => {
    expect(appFileProblems(good, 7 * 1024 * 1024)).toEqual([]);
  });

  it('flags sources, maps, TypeScript, tests and stray folders', () => {
    const bad = files('src/main.ts', 'build/electron/main.js.map', 'node_modules/zod/src/index.ts', 'node_modules/x/test/a.js',
      'node_modules/y/lib/a.spec.mjs', 'node_modules/sqlite/src/sqlite3.c', 'build/harness/desk-bridge.js');
    expect(appFileProblems([...good, ...bad], 1)).toEqual([
      'app.asar carries files outside build/, node_modules/ and package.json: src/main.ts',
      'app.asar carries source maps: build/electron/main.js.map',
      'app.asar carries TypeScript: src/main.ts, node_modules/zod/src/index.ts',
      'app.asar carries C/C++ sources: node_modules/sqlite/src/sqlite3.c',
      'app.asar carries tests, benchmarks or examples: node_modules/x/test/a.js, node_modules/y/lib/a.spec.mjs',
      'app.asar carries the harness or build/native: build/harness/desk-bridge.js',
    ]);
  });

  it('flags a package set over the file budget, and an archive over the size budget', () => {
    const many = files(...Array.from({ length: APP_BUDGET.files + 1 }, (_, i) => `node_modules/es-abstract/${i}.js`));
    expect(appFileProblems(many, APP_BUDGET.asarBytes + 1)).toEqual([
      `app.asar has ${APP_BUDGET.files + 1} files, over the budget of ${APP_BUDGET.files}: is a bundled package shipped again?`,
      `app.asar is 12.0 MB, over the budget of ${APP_BUDGET.asarBytes / 1024 / 1024} MB`,
    ]);
  });
});

describe('ownerOf', () => {
  it('groups files by app part and package, scoped packages included', () => {
    expect(['package.json', 'build/electron/main.js', 'node_modules/zod/index.js', 'node_modules/@noble/hashes/sha2.js'].map(ownerOf))
      .toEqual(['package.json', 'build', 'node_modules/zod', 'node_modules/@noble/hashes']);
  });
});
