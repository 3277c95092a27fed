// `npm run check:packaging`: electron-builder loads and schema-validates electron-builder.yml and the Playwright
// build config, then the shipping rules (fuses, signing from env, targets, checksums, the per-platform SQLite addon,
// rpm dependencies for RED OS and ALT, installer icons) are checked. No download.
import path from 'node:path';
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
process.exit(failed ? 1 : 0);
