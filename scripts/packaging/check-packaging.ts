// `npm run check:packaging`: electron-builder loads and schema-validates electron-builder.yml and the Playwright
// build config, then the shipping rules (fuses, signing from env, targets, checksums, the per-platform SQLite addon,
// rpm dependencies for RED OS and ALT, installer icons) are checked; then, when the app is built, that the bundles
// load at run time only what app.asar ships (package.json `dependencies`) and ship nothing they inline. No download.
// What app.asar holds after packing (budget, no sources/maps/tests): tests/node/packaging/linux-package.test.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { builtBundleProblems, NODE_BUNDLES } from './bundle-imports.js';
import { loadBuilderConfig, packagingProblems } from './packaging-rules.js';

const root = path.resolve(import.meta.dirname, '..', '..');
let failed = false;
for (const [file, kind] of [['electron-builder.yml', 'shipping'], ['electron-builder.test.yml', 'test']] as const) {
  try {
    const problems = packagingProblems(await loadBuilderConfig(root, file), kind);
    for (const problem of problems) console.error(`${file}: ${problem}`);
    failed ||= problems.length > 0;
    if (problems.length === 0) console.log(`${file}: valid (${kind})`);
  } catch (error) {
    failed = true;
    console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (NODE_BUNDLES.every((file) => existsSync(path.join(root, file)))) {
  const problems = builtBundleProblems(root);
  for (const problem of problems) console.error(problem);
  failed ||= problems.length > 0;
  if (problems.length === 0) console.log('build: the bundles load only node builtins, electron and package.json dependencies, each of which they load');
} else {
  console.log('build: not built, bundles not checked (npm run build first)');
}
process.exit(failed ? 1 : 0);
