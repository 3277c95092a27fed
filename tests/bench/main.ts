// `npm run bench -- --out FILE [--n 100000] [--only ingest,search]`: builds an n-appeal reference server from the
// demo generator (in a child process), runs every registered bench module in one process, prints the figures against the targets and
// writes them as JSON (with the machine they came from). Build the renderer first (the npm script does).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startServerProcess } from './server-process.js';
import { BENCH_MODULES } from './bench-registry.js';
import { BENCH_TARGETS } from './bench-targets.js';
import type { BenchContext, BenchFigures } from './bench-types.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const n = Number(arg('n') ?? 100_000);
const out = arg('out');
const only = arg('only')?.split(',');
if (!Number.isInteger(n) || n < 1) throw new Error('--n must be a positive integer');

const log = (line: string): void => console.log(`  ${line}`);
const workDir = mkdtempSync(join(tmpdir(), 'triage-bench-'));
const figures: BenchFigures = {};
const startedAt = new Date().toISOString();
let chromiumVersion: string | null;
try {
  const seeded = performance.now();
  // In its own process, as the central server is on its own machine in production (see server-process.ts).
  const server = await startServerProcess(join(workDir, 'server'), n);
  log(`reference server with ${n} demo appeals in ${((performance.now() - seeded) / 1000).toFixed(1)} s at ${server.url}`);
  const ctx: BenchContext = { n, workDir, server, syncedDeskDir: null, log };
  try {
    for (const module of BENCH_MODULES) {
      // The ingest bench fills the cache every other module reads, so it always runs.
      if (only && module.name !== 'ingest' && !only.includes(module.name)) continue;
      console.log(`▶ ${module.name}`);
      const result = await module.run(ctx);
      Object.assign(figures, result);
      for (const [name, value] of Object.entries(result)) log(`${name.padEnd(30)} ${value}`);
    }
  } finally {
    await server.close();
  }
  const { chromium } = await import('@playwright/test');
  const { existsSync } = await import('node:fs');
  const executablePath = ['/usr/bin/chromium'].find((p) => existsSync(p));
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox'] });
  chromiumVersion = browser.version();
  await browser.close();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

console.log('\nfigure                         value        target');
let missed = 0;
for (const target of BENCH_TARGETS) {
  const verdict = target.test(figures);
  if (verdict === false) missed++;
  const mark = verdict === null ? '·' : verdict ? '✓' : '✗';
  console.log(`${mark} ${target.figure.padEnd(30)} ${String(figures[target.figure] ?? '—').padEnd(12)} ${target.text}`);
}
const machine = {
  cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version, chromium: chromiumVersion, platform: `${process.platform} ${process.arch}`,
};
console.log(`\nmachine: ${machine.cpus} cores (${machine.cpuModel}), node ${machine.node}, Chromium ${machine.chromium ?? '—'}`);
if (out) {
  const file = resolve(out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ n, startedAt, machine, figures, targetsMissed: missed }, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
