// `npm run lint:security`: electronegativity over the Electron sources and the renderer page, failing on any finding
// not accepted (with a reason) in security/electronegativity-baseline.json; then the built page's CSP is checked:
// present, no 'unsafe-inline' / 'unsafe-eval', no inline scripts, styles or event handlers.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cspFromHtml } from '../electron/main/content-security-policy.js';

const root = path.resolve(import.meta.dirname, '..');
const problems: string[] = [];

interface Accepted { check: string; file: string; reason: string }
interface SarifResult { ruleId: string; level?: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine?: number } } }[] }

const work = mkdtempSync(path.join(tmpdir(), 'electronegativity-'));
try {
  const scan = path.join(work, 'app');
  cpSync(path.join(root, 'electron'), path.join(scan, 'electron'), { recursive: true });
  cpSync(path.join(root, 'renderer', 'index.html'), path.join(scan, 'renderer', 'index.html'));
  cpSync(path.join(root, 'package.json'), path.join(scan, 'package.json'));
  const out = path.join(work, 'findings.sarif');
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
  const electronVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  const run = spawnSync(bin, ['-i', scan, '-o', out, '-r', '-v', 'false', '-e', electronVersion], { encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(out)) {
    problems.push(`electronegativity did not run: ${run.stderr || run.stdout}`);
  } else {
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: SarifResult[] }[] };
    const baseline = JSON.parse(readFileSync(path.join(root, 'security', 'electronegativity-baseline.json'), 'utf8')) as { accepted: Accepted[] };
    const results = sarif.runs.flatMap((r) => r.results);
    for (const result of results) {
      const location = result.locations[0]?.physicalLocation;
      const file = location?.artifactLocation.uri.replace(/^file:\/\//, '') ?? '?';
      const accepted = baseline.accepted.find((a) => a.check === result.ruleId && a.file === file);
      if (accepted === undefined) problems.push(`new finding ${result.ruleId} (${result.level ?? 'note'}) in ${file}:${location?.region?.startLine ?? '?'}`);
    }
    console.log(`electronegativity: ${results.length} findings, ${results.length - problems.length} accepted in the baseline`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The renderer as shipped: its own CSP meta tag is what app:// also sends as a header (app-protocol.ts).
const built = path.join(root, 'build', 'renderer', 'index.html');
for (const file of [path.join(root, 'renderer', 'index.html'), ...(existsSync(built) ? [built] : [])]) {
  const html = readFileSync(file, 'utf8');
  const csp = cspFromHtml(html);
  const name = path.relative(root, file);
  if (csp === null) problems.push(`${name}: no Content-Security-Policy meta tag`);
  else {
    // data: stays allowed for img-src only (inline SVG icons cannot run script); nothing may widen script-src.
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'"]) {
      if (csp.includes(bad)) problems.push(`${name}: CSP allows ${bad}`);
    }
    if (csp.split(/[;\s]+/).includes('*')) problems.push(`${name}: CSP has a * source`);
    if (!/script-src 'self'(;|$)/.test(csp) && !/default-src 'self'/.test(csp)) problems.push(`${name}: scripts not limited to 'self'`);
  }
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) problems.push(`${name}: inline <script>`);
  if (/<style\b/i.test(html) || /\sstyle\s*=/i.test(html)) problems.push(`${name}: inline style`);
  if (/\son[a-z]+\s*=/i.test(html)) problems.push(`${name}: inline event handler`);
}

for (const problem of problems) console.error(`✗ ${problem}`);
if (problems.length === 0) console.log('security lint: clean');
process.exit(problems.length === 0 ? 0 : 1);
