// Builds the Node-side bundles: Electron main (ESM), the sandboxed preload (CommonJS: sandboxed preloads
// cannot be ESM), the reference server (ESM, for demo mode), the routing trainer's worker and the desk core's utility
// process. One `vite build` runs all five as environments of one app build. Each bundle is self-contained but for RUNTIME_EXTERNALS (below), which
// is what keeps app.asar small: electron-builder ships the node_modules of package.json `dependencies` only, so a
// package that is inlined here belongs in devDependencies (figures: README, «Tests», the packaging paragraph).
// tests/node/packaging/bundled-dependencies.test.ts checks the built bundles against package.json.
import { copyFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { defineConfig, type BuildEnvironmentOptions, type EnvironmentOptions } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
// What stays outside the bundles, and so must be shipped as a package (package.json `dependencies`, the only
// node_modules electron-builder copies into app.asar) or be provided by the runtime: Node's builtins, electron, the
// native SQLite addon's package and the updater. Everything else (zod, snowball-stemmers, exceljs, pg for the
// server, our code) is inlined, so those packages are devDependencies and are not shipped.
// `pg-native` is pg's optional libpq binding, required only when `pg.native` is read (never here): not installed.
export const RUNTIME_EXTERNALS = ['electron', 'better-sqlite3', 'electron-updater'] as const;
const external = (id: string): boolean =>
  nodeBuiltins.includes(id) || id.startsWith('node:') || id.startsWith('electron/') ||
  (RUNTIME_EXTERNALS as readonly string[]).includes(id) || id === 'pg-native';

/** `split`: dynamic imports become chunks of their own next to the entry, loaded (and parsed) only when imported. */
export function nodeBundle(entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', emptyOutDir = true,
  split = false,
): BuildEnvironmentOptions {
  return {
    outDir: path.resolve(root, outDir),
    emptyOutDir,
    target: 'node22',
    minify: false,
    sourcemap: true,
    ssr: true,
    rolldownOptions: {
      input: path.join(root, entry),
      external,
      output: { format, entryFileNames: fileName, chunkFileNames: '[name]-[hash].js', codeSplitting: split },
    },
  };
}

/** A Node-side environment whose bundle inlines every package but `external` above. */
export const bundled = (build: BuildEnvironmentOptions): EnvironmentOptions => ({ consumer: 'server', resolve: { noExternal: true }, build });

export default defineConfig({
  root,
  logLevel: 'warn',
  environments: {
    // noExternal: vite's server environments leave every package of package.json outside by default; here only
    // `external` above decides (the sandboxed preload has no require() for npm packages at all: electron only).
    // Main no longer holds the core (it runs in coreHost below), so nothing of main imports exceljs: one file.
    main: bundled(nodeBundle('electron/main/main.ts', 'build/electron', 'main.js', 'es', true)),
    // Same folder as main.js, built after it, so it must not empty the folder. CommonJS: sandboxed preloads cannot be ESM.
    preload: bundled(nodeBundle('electron/preload/preload.ts', 'build/electron', 'preload.cjs', 'cjs', false)),
    // The reference server, run by the packaged app in demo mode (electron/main/demo-server.ts) with its SQLite
    // store: pg is inlined too (the server imports it statically; the demo never connects to PostgreSQL).
    server: bundled(nodeBundle('server/main.ts', 'build/server', 'main.js', 'es')),
    // The routing trainer runs in a worker_threads worker; the core looks for it next to main.js.
    suggestWorker: bundled(nodeBundle('electron/core/routing/suggest-worker.ts', 'build/electron', 'suggest-worker.js', 'es', false)),
    // The desk core's own process (an Electron utilityProcess forked by main.js; electron/main/core-host-utility.ts).
    // It holds the core, so better-sqlite3 stays external (the addon runs on the utility process's Node, the same ABI
    // as main's). Split: exceljs (2.5 MB, imported on the first XLSX export only) is a chunk of its own, not parsed at
    // every start. Same folder: the core finds suggest-worker.js next to itself.
    coreHost: bundled(nodeBundle('electron/main/core-host-utility.ts', 'build/electron', 'core-host.js', 'es', false, true)),
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['main', 'preload', 'server', 'suggestWorker', 'coreHost']) {
        const environment = builder.environments[name];
        if (environment === undefined) throw new Error(`missing build environment ${name}`);
        await builder.build(environment);
      }
      // The server finds its reference data at ../resources/targets.json relative to its own file.
      mkdirSync(path.join(root, 'build', 'resources'), { recursive: true });
      copyFileSync(path.join(root, 'resources', 'targets.json'), path.join(root, 'build', 'resources', 'targets.json'));
    },
  },
});
