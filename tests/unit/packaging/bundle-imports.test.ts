// What a bundle still loads at run time, and the problems that keeps app.asar honest: a package loaded but not shipped,
// a package shipped but inlined (shipped twice), a computed module name, pg-native only where pg is bundled lazily.
import { describe, expect, it } from 'vitest';
import { bundleImports, bundleProblems } from '../../../scripts/packaging/bundle-imports.js';

describe('bundleImports', () => {
  it('finds static, dynamic, re-exported and required modules, not the ones in comments or strings', () => {
    const code = `
      import { app } from "electron";
      import "node:fs";
      export * from "better-sqlite3";
      export { x } from "./local.js";
      const u = await import("electron-updater");
      var __require = createRequire(import.meta.url);
      const z = __require("zlib"), p = require(\`pako\`);
      // var pako = require('pako-in-a-comment')
      const s = "require('in-a-string')";`;
    expect(bundleImports(code)).toEqual({
      specifiers: ['./local.js', 'better-sqlite3', 'electron', 'electron-updater', 'node:fs', 'pako', 'zlib'], nonLiteral: 0,
    });
    expect(bundleImports('const m = require(name); import(`./${m}`);').nonLiteral).toBe(2);
  });
});

describe('bundleProblems', () => {
  const shipped = ['better-sqlite3', 'electron-updater'];
  const ok = new Map([
    ['build/electron/main.js', 'import "electron"; import "better-sqlite3"; import "electron-updater"; import "node:path"; import("./excel-X1.js");'],
    ['build/electron/excel-X1.js', 'import { t as __commonJSMin } from "./main.js"; import crypto from "crypto"; import "util/types";'],
    ['build/server/main.js', 'import "better-sqlite3"; const n = __require("pg-native");'],
  ]);

  it('accepts bundles that load only builtins, electron and the shipped dependencies', () => {
    expect(bundleProblems(ok, shipped)).toEqual([]);
  });

  it('flags a package a bundle loads but the app does not ship (the server importing pg)', () => {
    const bundles = new Map([...ok, ['build/server/main.js', 'import "better-sqlite3"; import pg from "pg";']]);
    expect(bundleProblems(bundles, shipped)).toEqual([
      'build/server/main.js: imports pg, which is not shipped (not in package.json dependencies): inline it (electron/vite.config.ts) or ship it',
    ]);
  });

  it('flags a shipped dependency no bundle loads, pg-native outside the server, computed names and missing chunks', () => {
    const bundles = new Map([...ok, ['build/electron/suggest-worker.js', 'require("pg-native"); require(x); import "./chunk.js";']]);
    expect(bundleProblems(bundles, [...shipped, 'zod'])).toEqual([
      'build/electron/suggest-worker.js: 1 import()/require() call(s) with a computed module name',
      'build/electron/suggest-worker.js: loads ./chunk.js, which is no built chunk next to it',
      'build/electron/suggest-worker.js: imports pg-native, which is not shipped (not in package.json dependencies): inline it (electron/vite.config.ts) or ship it',
      'package.json dependencies: zod is shipped in app.asar but no bundle loads it (inlined or unused): move it to devDependencies',
    ]);
  });
});
