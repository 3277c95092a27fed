// `npm run bench:team -- [--out FILE] [--seconds N] [--operators N]`: a ЦУР shift in team mode with real parts — the
// reference server in its own process, one real desk core per operator (each with its own data folder; the
// headless ones in child processes, each simulating its operator like the renderer would), and some operators
// (2 by default) working through the real renderer in Chromium by the keyboard. Scenarios: `solo` (one operator on
// a backlog: the baseline), `backlog` (the whole team starts at one moment on 500 waiting appeals) and `stream` (an
// empty queue, one new appeal every 5–10 s). Prints wasted reads, conflicts, team efficiency, decision-to-gone and
// hold-to-seen latencies against the targets of issue 9, and the collisions behind every wasted read.
// Desks run with the product's defaults (2 s undo grace before a push, the default poll interval).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';
import { startServerProcess } from './server-process.js';
import { backlogAppeals, CentralClient, streamAppeal, streamTexts } from './team-central.js';
import { startHeadlessDesk, type TeamDesk } from './team-headless-desk.js';
import { computeFigures, type ScenarioFigures, type ScenarioName } from './team-metrics.js';
import { startLiveProbe, type LiveProbe } from './team-live-probe.js';
import { startRendererDesk } from './team-renderer-desk.js';
import { seededRandom } from './team-simulated-operator.js';
import type { ReadTiming } from './team-types.js';
import { positive } from './bench-args.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS: readonly ScenarioName[] = ['solo', 'backlog', 'stream'];
// The solo baseline runs as long as the team: a dozen reads is the least that gives its rate to a few per cent.
const DEFAULT_SECONDS: Record<ScenarioName, number> = { solo: 150, backlog: 150, stream: 150 };
const SETTLE_MS = 3_000;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    seconds: { type: 'string' },
    operators: { type: 'string', default: '10' },
    renderer: { type: 'string', default: '2' },
    backlog: { type: 'string', default: '500' },
    only: { type: 'string' },
    order: { type: 'string', default: 'newest' },
    'read-min': { type: 'string', default: '5' },
    'read-max': { type: 'string', default: '20' },
    'arrival-min': { type: 'string', default: '5' },
    'arrival-max': { type: 'string', default: '10' },
    seed: { type: 'string', default: '54' },
    'renderer-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
  allowPositionals: false,
});

const operators = Math.floor(positive('operators', args.operators));
const rendererCount = Math.min(operators, Math.floor(Number(args.renderer)));
const backlog = Math.floor(positive('backlog', args.backlog));
const seconds = args.seconds === undefined ? null : positive('seconds', args.seconds);
const order = args.order === 'urgency' ? 'urgency' : 'newest';
const read: ReadTiming = { minMs: positive('read-min', args['read-min']) * 1000, maxMs: positive('read-max', args['read-max']) * 1000 };
const arrival = { minMs: positive('arrival-min', args['arrival-min']) * 1000, maxMs: positive('arrival-max', args['arrival-max']) * 1000 };
const seed = Math.floor(Number(args.seed));
const only = args.only?.split(',').map((s) => s.trim()) ?? null;
const scenarios = SCENARIOS.filter((name) => only === null || only.includes(name));
if (operators > 10) throw new Error('--operators: the reference server has ten demo operators (operator1…operator10)');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const log = (line: string): void => console.log(`  ${line}`);

function buildRenderer(outDir: string): void {
  const started = performance.now();
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir'],
    { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`renderer build failed:\n${result.stdout}\n${result.stderr}`);
  log(`renderer built into ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function runScenario(name: ScenarioName, workDir: string, browser: Browser | null, rendererDir: string): Promise<ScenarioFigures> {
  const duration = seconds ?? DEFAULT_SECONDS[name];
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  const server = await startServerProcess(join(dir, 'server'), 0);
  const desks: TeamDesk[] = [];
  let probe: LiveProbe | null = null;
  try {
    const central = new CentralClient(server.url);
    probe = await startLiveProbe(server.url, await central.token('lead'));
    const waiting = name === 'stream' ? 0 : backlog;
    if (waiting > 0) await central.ingest(backlogAppeals(waiting, seed));
    const count = name === 'solo' ? 1 : operators;
    const viaRenderer = name === 'solo' ? 0 : rendererCount;
    log(`${name}: server ${server.url}, ${waiting} waiting appeals; ${count} operator(s), ${viaRenderer} through the renderer`);

    const prepared = performance.now();
    const common = (i: number) => ({
      desk: `operator${i + 1}${i < viaRenderer ? ' (renderer)' : ''}`, apiUrl: server.url, dataDir: join(dir, `desk-${i + 1}`),
      login: `operator${i + 1}`, expectWaiting: waiting, seed: seed * 100 + i + 1, read, order,
    } as const);
    for (let i = 0; i < count; i++) mkdirSync(common(i).dataDir, { recursive: true });
    // Headless desks start in parallel (their first syncs overlap, as on a real morning); renderer desks one by one.
    const headless = Promise.all(Array.from({ length: count - viaRenderer }, (_v, k) => startHeadlessDesk(common(viaRenderer + k))
      .then((desk) => { desks.push(desk); return desk; })));
    for (let i = 0; i < viaRenderer; i++) {
      if (!browser) throw new Error('no browser');
      desks.push(await startRendererDesk({ ...common(i), browser, rendererDir }));
    }
    await headless;
    log(`${name}: ${desks.length} desks signed in and synced in ${((performance.now() - prepared) / 1000).toFixed(1)} s`);

    const startAt = Date.now() + 1_500;
    const endAt = startAt + duration * 1000;
    for (const desk of desks) desk.start(startAt);
    const arrivals: { id: string; at: number }[] = [];
    if (name === 'stream') {
      const templates = streamTexts(400, seed + 1);
      const random = seededRandom(seed + 99);
      let next = startAt;
      for (let i = 0; next < endAt; i++) {
        await sleep(next - Date.now());
        const template = templates[i % templates.length];
        if (!template) break;
        const sentAt = Date.now();
        const appeal = streamAppeal(template, i, seed, new Date(sentAt));
        await central.ingest([appeal]);
        arrivals.push({ id: appeal.id, at: sentAt });
        next += arrival.minMs + random() * (arrival.maxMs - arrival.minMs);
      }
    }
    await sleep(endAt - Date.now());
    await Promise.all(desks.map((desk) => desk.stop()));
    await Promise.all(desks.map((desk) => desk.drain()));
    // The last decisions reach every other desk.
    await sleep(SETTLE_MS);
    const logs = await Promise.all(desks.map((desk) => desk.collect()));
    const serverAppeals = await central.allAppeals();
    const decided = [...serverAppeals.values()].filter((a) => a.status !== 'new')
      .map((a) => ({ id: a.id, routedBy: a.routedBy?.id ?? null, routedAt: a.routedAt }));
    writeFileSync(join(dir, 'logs.json'),
      `${JSON.stringify({ startAt, endAt, arrivals, channelChanges: probe.changes, decided, logs }, null, 1)}\n`);
    const ordered = [...logs].sort((a, b) => a.desk.localeCompare(b.desk, 'en', { numeric: true }));
    return computeFigures({ name, seconds: duration, startAt, endAt, backlog: waiting, logs: ordered, server: serverAppeals, arrivals,
      channelChanges: probe.changes });
  } finally {
    await Promise.all(desks.map((desk) => desk.close().catch((error: unknown) => log(`close ${desk.desk}: ${String(error)}`))));
    await probe?.close();
    await server.close();
  }
}

// ---- run ----
const workDir = mkdtempSync(join(tmpdir(), 'triage-team-bench-'));
const startedAt = new Date().toISOString();
const loadBefore = loadavg();
const results: Partial<Record<ScenarioName, ScenarioFigures>> = {};
let chromiumVersion: string | null = null;
try {
  const needsBrowser = rendererCount > 0 && scenarios.some((name) => name !== 'solo');
  let rendererDir = args['renderer-dir'] ? resolve(args['renderer-dir']) : join(workDir, 'renderer');
  if (needsBrowser && !args['renderer-dir']) buildRenderer(rendererDir);
  let browser: Browser | null = null;
  if (needsBrowser) {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    chromiumVersion = browser.version();
  } else {
    rendererDir = '';
  }
  try {
    for (const name of scenarios) {
      console.log(`▶ ${name}`);
      const figures = await runScenario(name, workDir, browser, rendererDir);
      results[name] = figures;
      printScenario(figures);
    }
  } finally {
    await browser?.close();
  }
} finally {
  if (args.keep) console.log(`kept ${workDir}`);
  else rmSync(workDir, { recursive: true, force: true });
}

function fmt(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function printScenario(f: ScenarioFigures): void {
  log(`reads ${f.reads} (wasted ${f.wasted_reads}: gone ${f.wasted_gone}, refused ${f.wasted_refused}, conflict ${f.wasted_conflict}), ` +
    `abandoned at the end ${f.abandoned_reads}`);
  log(`decisions made ${f.decisions_made}, applied ${f.decisions_applied} (${f.appeals_decided} appeals), conflicts ${f.conflicts} ` +
    `(conflicts.list ${f.conflicts_listed}); hold requests ${f.hold_requests} (taken ${f.hold_taken}, decided ${f.hold_decided})`);
  log(`decision-to-gone p50/p95/max ${fmt(f.decision_to_gone_p50_ms)}/${fmt(f.decision_to_gone_p95_ms)}/${fmt(f.decision_to_gone_max_ms)} ms ` +
    `(${f.decision_to_gone_samples} samples, ${f.decision_to_gone_missing} never gone; desk cores p95 ${fmt(f.decision_to_gone_core_p95_ms)}, ` +
    `renderer grids p95 ${fmt(f.decision_to_gone_grid_p95_ms)}, last desk p95 ${fmt(f.decision_to_gone_all_desks_p95_ms)})`);
  log(`  the server's live channel announced decisions p50/p95 ${fmt(f.decision_to_channel_p50_ms)}/${fmt(f.decision_to_channel_p95_ms)} ms ` +
    'after applying them (a bystander on the channel)');
  for (const slow of f.slowest_gone.filter((x) => x.latencyMs > 1000).slice(0, 8)) {
    log(`  slow: ${slow.appealId} decided by ${slow.decidedBy}, applied at ${slow.appliedAt} s, left ${slow.desk} after ` +
      `${fmt(slow.latencyMs)} ms (channel ${fmt(slow.channelMs ?? Number.NaN)} ms)`);
  }
  log(`hold-to-seen p50/p95/max ${fmt(f.hold_to_seen_p50_ms)}/${fmt(f.hold_to_seen_p95_ms)}/${fmt(f.hold_to_seen_max_ms)} ms ` +
    `(${f.hold_to_seen_samples} samples, ${f.hold_to_seen_missing} never seen; last desk p95 ${fmt(f.hold_to_seen_all_desks_p95_ms)})`);
  if (f.arrivals !== undefined) {
    log(`arrivals ${f.arrivals}, decided ${f.arrivals_decided}; arrival-to-decision p50/p95 ${fmt(f.arrival_to_decision_p50_ms)}/` +
      `${fmt(f.arrival_to_decision_p95_ms)} ms`);
  }
  for (const d of f.perDesk) {
    log(`  ${d.desk.padEnd(22)} reads ${String(d.reads).padStart(3)}  decisions ${String(d.decisions).padStart(3)}  wasted ${d.wasted}  ` +
      `conflicts ${d.conflicts}  holds asked ${d.holdRequests}  live ${d.liveAtStart}→${d.liveAtEnd}`);
    for (const note of d.notes.slice(0, 5)) log(`      note: ${note.split('\n')[0]}`);
    if (d.notes.length > 5) log(`      … ${d.notes.length - 5} more notes`);
  }
  for (const c of f.collisions.slice(0, 25)) {
    log(`  collision: ${c.desk} read ${c.appealId} ${c.readFrom}–${c.readTo} s (hold ${c.hold ?? '—'}) → ${c.kind}; ` +
      `decided by ${c.decidedBy ?? '—'} at ${c.decidedAt} s, who held it from ${Number.isNaN(c.deciderHeldFrom ?? Number.NaN) ? '—' : c.deciderHeldFrom} s; ` +
      `seen held before the read: ${c.sawHeldBeforeRead ? 'yes' : 'no'}`);
  }
  if (f.collisions.length > 25) log(`  … ${f.collisions.length - 25} more collisions (in the JSON)`);
}

// ---- summary ----
const backlogRun = results.backlog;
const streamRun = results.stream;
const soloRun = results.solo;
// Judged on the working-time rates (see decisions_per_operator_work_minute); the plain window ratio is printed too.
const ratio = (a: number | undefined, b: number | undefined): number =>
  (a === undefined || b === undefined || !(b > 0) ? Number.NaN : Number((a / b).toFixed(2)));
const efficiency = ratio(backlogRun?.decisions_per_operator_work_minute, soloRun?.decisions_per_operator_work_minute);
const efficiencyWindow = ratio(backlogRun?.decisions_per_operator_minute, soloRun?.decisions_per_operator_minute);

interface Row { figure: string; cells: [string, string, string]; target: string; verdict: boolean | null }
const cell = (f: ScenarioFigures | undefined, render: (f: ScenarioFigures) => string): string => (f ? render(f) : '—');
const judged = (values: (number | undefined)[], test: (v: number) => boolean): boolean | null => {
  const known = values.filter((v): v is number => v !== undefined && !Number.isNaN(v));
  return known.length === 0 ? null : known.every(test);
};
const rows: Row[] = [
  { figure: 'wasted reads, % of reads', target: '≤ 3 %',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => `${fmt(x.wasted_reads_pct, 1)} (${x.wasted_reads}/${x.reads})`)) as Row['cells'],
    verdict: judged([backlogRun?.wasted_reads_pct, streamRun?.wasted_reads_pct], (v) => v <= 3) },
  { figure: 'conflicts per 100 decisions', target: '—',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.conflicts_per_100_decisions, 1))) as Row['cells'], verdict: null },
  { figure: 'decisions per operator-minute', target: '—',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.decisions_per_operator_minute, 2))) as Row['cells'], verdict: null },
  { figure: '… per working minute (to last read)', target: '—',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.decisions_per_operator_work_minute, 2))) as Row['cells'], verdict: null },
  { figure: 'team efficiency (backlog ÷ solo)', target: '≥ 0.9',
    cells: [`${fmt(efficiency, 2)} (window ${fmt(efficiencyWindow, 2)})`, '—', soloRun ? '1' : '—'],
    verdict: Number.isNaN(efficiency) ? null : efficiency >= 0.9 },
  { figure: 'decision-to-gone p95, ms', target: '≤ 1000',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.decision_to_gone_p95_ms))) as Row['cells'],
    verdict: judged([backlogRun?.decision_to_gone_p95_ms, streamRun?.decision_to_gone_p95_ms], (v) => v <= 1000) },
  { figure: '  (live channel announces it, p95 ms)', target: 'diagnostic',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.decision_to_channel_p95_ms))) as Row['cells'], verdict: null },
  { figure: 'hold-to-seen p95, ms', target: '≤ 1000',
    cells: [backlogRun, streamRun, soloRun].map((f) => cell(f, (x) => fmt(x.hold_to_seen_p95_ms))) as Row['cells'],
    verdict: judged([backlogRun?.hold_to_seen_p95_ms, streamRun?.hold_to_seen_p95_ms], (v) => v <= 1000) },
  { figure: 'stream: arrivals decided', target: '—',
    cells: ['—', cell(streamRun, (x) => `${x.arrivals_decided ?? 0}/${x.arrivals ?? 0}`), '—'], verdict: null },
  { figure: 'stream: arrival-to-decision p50/p95, s', target: '—',
    cells: ['—', cell(streamRun, (x) => `${fmt((x.arrival_to_decision_p50_ms ?? Number.NaN) / 1000, 1)}/${fmt((x.arrival_to_decision_p95_ms ?? Number.NaN) / 1000, 1)}`), '—'],
    verdict: null },
];
console.log(`\n${'figure'.padEnd(40)}${'backlog'.padEnd(24)}${'stream'.padEnd(16)}${'solo'.padEnd(14)}target`);
let missed = 0;
for (const row of rows) {
  if (row.verdict === false) missed++;
  const mark = row.verdict === null ? '·' : row.verdict ? '✓' : '✗';
  console.log(`${mark} ${row.figure.padEnd(38)}${row.cells[0].padEnd(24)}${row.cells[1].padEnd(16)}${row.cells[2].padEnd(14)}${row.target}`);
}
const machine = {
  cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version, chromium: chromiumVersion, platform: `${process.platform} ${process.arch}`,
  loadAverageBefore: loadBefore.map((v) => Number(v.toFixed(2))), loadAverageAfter: loadavg().map((v) => Number(v.toFixed(2))),
};
console.log(`\nmachine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, ` +
  `Chromium ${machine.chromium ?? '—'}, load average ${machine.loadAverageBefore[0]} before → ${machine.loadAverageAfter[0]} after`);
console.log(`operators ${operators} (${rendererCount} through the renderer), backlog ${backlog}, reads ${read.minMs / 1000}–${read.maxMs / 1000} s, ` +
  `order ${order}, seconds ${seconds ?? JSON.stringify(DEFAULT_SECONDS)}`);
if (args.out) {
  const file = resolve(args.out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({
    startedAt, machine,
    options: { operators, renderer: rendererCount, backlog, read, arrival, order, seed, seconds: seconds ?? DEFAULT_SECONDS },
    summary: {
      team_efficiency: efficiency,
      team_efficiency_window: efficiencyWindow,
      wasted_reads_pct: { backlog: backlogRun?.wasted_reads_pct, stream: streamRun?.wasted_reads_pct, solo: soloRun?.wasted_reads_pct },
      decision_to_gone_p95_ms: { backlog: backlogRun?.decision_to_gone_p95_ms, stream: streamRun?.decision_to_gone_p95_ms },
      hold_to_seen_p95_ms: { backlog: backlogRun?.hold_to_seen_p95_ms, stream: streamRun?.hold_to_seen_p95_ms },
    },
    targets: rows.filter((r) => r.verdict !== null).map((r) => ({ figure: r.figure, target: r.target, met: r.verdict })),
    targetsMissed: missed,
    scenarios: results,
  }, (_key, value: unknown) => (value === Infinity ? 'Infinity' : value), 2)}\n`);
  console.log(`wrote ${file}`);
}
