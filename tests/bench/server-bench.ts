// `npm run bench:server [-- --seconds N] [--warmup N] [--appeals N] [--desks 20,100] [--only sqlite,postgres-1,postgres-3]
// [--phases changes,decisions] [--pool N] [--out FILE]`: load figures of the reference central API, SQLite and
// PostgreSQL side by side in one run. Each configuration (SQLite, 1 instance; PostgreSQL, 1 instance; PostgreSQL,
// 3 instances on one database behind the bench's own round-robin) runs real server processes, seeds the appeals through
// the connector's POST /appeals, signs the desks in (several desks share a demo user, each with its own token) and
// runs, for each desk count, the change feed phase (every desk pulls the whole feed from cursor 0, 1000 rows a page) and
// then the decisions phase (every desk routes distinct new appeals, one per POST /mutations). Prints a table and the
// ratios the issue asks for, and writes the figures as JSON to the OS temp dir (or --out). Desks are plain HTTP loops in
// this process; the CPU columns show whether this process, the servers or PostgreSQL took the machine's cores.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IngestResponse, SessionResponse, TargetsResponse, type IncomingAppeal } from '../../shared/central-api/contract.js';
import { startThrowawayCluster, type ThrowawayCluster } from '../../scripts/postgres/throwaway-cluster.js';
import { DEMO_USERS } from '../../server/demo/demo-users.js';
import { round } from './bench-types.js';
import { backlogAppeals } from './team-central.js';
import { postmasterPid, startCpuMeter, type CpuFigures } from './server-load-cpu.js';
import { createLoadClient, jsonReply, type LoadClient } from './server-load-http.js';
import { startPgWaitSampler, type PgWaitFigures } from './server-load-pg-waits.js';
import { AppealPool, runChanges, runDecisions, type Desk, type PhaseFigures } from './server-load-phases.js';
import { startInstances, type ServerInstance, type StoreArgs } from './server-load-servers.js';
import { positive } from './bench-args.js';

/** /changes on SQLite with 20 desks before this bench's work (issue text), for the ratio. */
const BASELINE_SQLITE_ROWS_PER_S = 31_000;
const PAGE_LIMIT = 1000;
const INGEST_BATCH = 1000;

const CONFIGS = [
  { name: 'sqlite', engine: 'sqlite', instances: 1 },
  { name: 'postgres-1', engine: 'postgres', instances: 1 },
  { name: 'postgres-3', engine: 'postgres', instances: 3 },
] as const;
type Config = (typeof CONFIGS)[number];
type ConfigName = Config['name'];

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    appeals: { type: 'string', default: '20000' },
    desks: { type: 'string', default: '20,100' },
    only: { type: 'string' },
    phases: { type: 'string', default: 'changes,decisions' },
    pool: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
  allowPositionals: false,
});

const phaseWindow = { warmupMs: positive('warmup', args.warmup) * 1000, measureMs: positive('seconds', args.seconds) * 1000 };
const appealCount = Math.floor(positive('appeals', args.appeals));
const deskCounts = (args.desks ?? '').split(',').map((s) => Math.floor(positive('desks', s)));
const poolSize = args.pool === undefined ? undefined : Math.floor(positive('pool', args.pool));
const only = args.only?.split(',').map((s) => s.trim());
const configs = CONFIGS.filter((c) => only === undefined || only.includes(c.name));
if (only?.some((name) => !CONFIGS.some((c) => c.name === name))) {
  throw new Error(`--only: known configurations are ${CONFIGS.map((c) => c.name).join(', ')}`);
}
const phases = new Set((args.phases ?? '').split(',').map((s) => s.trim()));
if ([...phases].some((p) => p !== 'changes' && p !== 'decisions') || phases.size === 0) {
  throw new Error('--phases: changes, decisions or both');
}
const maxDesks = Math.max(...deskCounts);
const log = (line: string): void => console.log(`  ${line}`);
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

interface Measured extends PhaseFigures {
  cpu: CpuFigures;
  /** PostgreSQL only: what the instances' connections were doing (pg_stat_activity samples). */
  pgWaits?: PgWaitFigures;
}
interface ConfigFigures {
  name: ConfigName;
  engine: Config['engine'];
  instances: number;
  seeded: number;
  /** The machine's 1-minute load average when the configuration started and when it was done (others' work included). */
  loadAverage: [number, number];
  changes: Record<number, Measured>;
  decisions: Record<number, Measured>;
}

// ---- seeding and sign-in ----
const seeds = new Map<number, IncomingAppeal[]>();
/** The same appeals for every configuration (the demo generator's texts; ids of their own per seed). */
function appealsOf(seed: number, count: number): IncomingAppeal[] {
  const known = seeds.get(seed);
  if (known && known.length === count) return known;
  const made = backlogAppeals(count, seed);
  seeds.set(seed, made);
  return made;
}

async function signIn(client: LoadClient, login: string): Promise<string> {
  const reply = await client.request('POST', '/session', null, { login, password: login });
  return SessionResponse.parse(jsonReply(reply, `sign-in as ${login}`)).token;
}

async function ingest(client: LoadClient, token: string, appeals: readonly IncomingAppeal[]): Promise<void> {
  for (let i = 0; i < appeals.length; i += INGEST_BATCH) {
    const reply = await client.request('POST', '/appeals', token, { appeals: appeals.slice(i, i + INGEST_BATCH) });
    const { accepted } = IngestResponse.parse(jsonReply(reply, 'POST /appeals'));
    if (accepted !== Math.min(INGEST_BATCH, appeals.length - i)) throw new Error(`POST /appeals accepted ${accepted}`);
  }
}

/** `count` desks over the demo operators and the lead, several on one user, each with a session of its own. */
async function signInDesks(client: LoadClient, count: number): Promise<Desk[]> {
  const logins = DEMO_USERS.filter((u) => u.role === 'operator' || u.role === 'lead').map((u) => u.login);
  const desks: Desk[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, (_v, k) => logins[(i + k) % logins.length] ?? 'lead');
    desks.push(...await Promise.all(batch.map(async (login) => ({ login, token: await signIn(client, login) }))));
  }
  return desks;
}

// ---- one configuration ----
async function runConfig(config: Config, cluster: ThrowawayCluster | null, workDir: string): Promise<ConfigFigures> {
  const started = performance.now();
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  let store: StoreArgs;
  if (config.engine === 'sqlite') {
    store = { dataDir: join(workDir, config.name) };
  } else {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    store = { databaseUrl: await cluster.createDatabase() };
  }
  const instances: ServerInstance[] = await startInstances(store, config.instances, poolSize === undefined ? {} : { poolSize });
  const client = createLoadClient(instances.map((s) => s.url));
  const pgPid = config.engine === 'postgres' ? postmasterPid(cluster?.dataDir) : null;
  try {
    log(`${config.name}: ${instances.length} instance(s) ${instances.map((s) => s.url).join(' ')} up in ${seconds(started)}`);
    const connector = await signIn(client, 'connector');
    let t = performance.now();
    const backlog = appealsOf(1, appealCount);
    await ingest(client, connector, backlog);
    log(`${config.name}: ${appealCount} appeals ingested in ${seconds(t)}`);
    t = performance.now();
    const desks = await signInDesks(client, maxDesks);
    const targets = TargetsResponse.parse(jsonReply(await client.request('GET', '/targets', desks[0]?.token ?? ''), 'GET /targets'))
      .targets.map((x) => x.id);
    log(`${config.name}: ${desks.length} desks signed in in ${seconds(t)}`);

    const figures: ConfigFigures = { name: config.name, engine: config.engine, instances: config.instances, seeded: appealCount,
      loadAverage: [loadAtStart, loadAtStart], changes: {}, decisions: {} };
    const measure = async (run: () => Promise<PhaseFigures>): Promise<Measured> => {
      const sampler = 'databaseUrl' in store ? await startPgWaitSampler(store.databaseUrl) : null;
      const meter = startCpuMeter(instances.map((s) => s.pid), pgPid);
      const result = await run();
      const cpu = meter.stop();
      return { ...result, cpu, ...(sampler ? { pgWaits: await sampler.stop() } : {}) };
    };
    // The feed first, while it holds exactly the seeded appeals; decisions then re-order it, which no longer matters.
    for (const n of phases.has('changes') ? deskCounts : []) {
      const f = await measure(() => runChanges(client, desks.slice(0, n), PAGE_LIMIT, phaseWindow));
      figures.changes[n] = f;
      log(`${config.name}: /changes, ${n} desks: ${fmt(f.perSecond)} rows/s, page p95 ${fmt(f.p95Ms)} ms${errorNote(f)}${cpuNote(f.cpu)}` +
        waitsNote(f.pgWaits));
    }
    const pool = new AppealPool(backlog.map((a) => a.id));
    let bestRate = 0;
    let topUpSeed = 100;
    for (const n of phases.has('decisions') ? deskCounts : []) {
      // Enough new appeals for the phase at the best rate seen so far (with room); more are ingested when short.
      const need = Math.ceil(Math.max(bestRate, 2000) * ((phaseWindow.warmupMs + phaseWindow.measureMs) / 1000) * 1.5);
      if (pool.left < need) {
        t = performance.now();
        const more = appealsOf(topUpSeed++, need - pool.left);
        await ingest(client, connector, more);
        pool.add(more.map((a) => a.id));
        log(`${config.name}: ${more.length} more appeals ingested for the decisions in ${seconds(t)}`);
      }
      const f = await measure(() => runDecisions(client, desks.slice(0, n), pool, targets, phaseWindow));
      figures.decisions[n] = f;
      bestRate = Math.max(bestRate, f.perSecond);
      const dry = f.seconds * 1000 < phaseWindow.measureMs ? ` (the appeal pool ran dry after ${f.seconds} s)` : '';
      log(`${config.name}: decisions, ${n} desks: ${fmt(f.perSecond)}/s, p95 ${fmt(f.p95Ms)} ms${dry}${errorNote(f)}${cpuNote(f.cpu)}` +
        waitsNote(f.pgWaits));
    }
    figures.loadAverage[1] = round(loadavg()[0] ?? 0, 2);
    return figures;
  } finally {
    client.close();
    await Promise.all(instances.map((s) => s.close()));
    log(`${config.name}: done in ${seconds(started)}; load average ${loadAtStart} at the start, ${round(loadavg()[0] ?? 0, 2)} now`);
  }
}

function fmt(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
const errorNote = (f: PhaseFigures): string => (f.errors > 0 ? `, ${f.errors} errors (first: ${f.firstError ?? '?'})` : '');
const cpuNote = (c: CpuFigures): string =>
  `; cores: servers ${c.servers.toFixed(2)}, postgres ${c.postgres.toFixed(2)}, bench ${c.bench.toFixed(2)}, machine ${c.machine.toFixed(2)}`;
const waitsNote = (w: PgWaitFigures | undefined): string => (w === undefined ? ''
  : `\n      postgres connections: ${w.active.toFixed(1)} running, ${w.lockWaits.toFixed(1)} of them waiting on a lock, ` +
    `${w.idleInTransaction.toFixed(1)} idle in a transaction; most: ` +
    Object.entries(w.top).map(([k, v]) => `${v.toFixed(1)} × ${k}`).join('; '));

// ---- run ----
const startedAt = new Date().toISOString();
const loadBefore = loadavg();
const runStarted = performance.now();
const workDir = mkdtempSync(join(tmpdir(), 'triage-server-bench-'));
const results: ConfigFigures[] = [];
let cluster: ThrowawayCluster | null = null;
try {
  if (configs.some((c) => c.engine === 'postgres')) {
    const t = performance.now();
    cluster = await startThrowawayCluster();
    log(`postgres: throw-away cluster on port ${cluster.port} in ${seconds(t)}`);
  }
  for (const config of configs) {
    console.log(`▶ ${config.name}`);
    results.push(await runConfig(config, cluster, workDir));
  }
} finally {
  await cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
}

// ---- summary ----
const byName = (name: ConfigName) => results.find((r) => r.name === name);
const ratio = (a: number | undefined, b: number | undefined): number =>
  (a === undefined || b === undefined || !(b > 0) ? Number.NaN : round(a / b, 2));
const columns = ['configuration', 'desks', 'decisions/s', 'p95 ms', 'cores s/pg/b', 'lock waits', '/changes rows/s', 'page p95 ms',
  'cores s/pg/b'];
const widths = [14, 6, 12, 8, 14, 10, 16, 12, 14];
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 10) : c.padStart(widths[i] ?? 10))).join('  ');
const cores = (c: CpuFigures | undefined) => (c ? `${c.servers.toFixed(1)}/${c.postgres.toFixed(1)}/${c.bench.toFixed(1)}` : '—');
console.log(`\n${line(columns)}`);
for (const r of results) {
  for (const n of deskCounts) {
    const d = r.decisions[n];
    const c = r.changes[n];
    console.log(line([r.name, String(n), fmt(d?.perSecond), fmt(d?.p95Ms), cores(d?.cpu), d?.pgWaits ? fmt(d.pgWaits.lockWaits, 1) : '—',
      fmt(c?.perSecond), fmt(c?.p95Ms), cores(c?.cpu)]));
  }
}
console.log('  cores: average cores in use during the phase by the server instances / PostgreSQL / this bench process');
console.log('  lock waits: PostgreSQL connections waiting on a lock during the decisions, on average (pg_stat_activity)');

const sqliteRows20 = byName('sqlite')?.changes[20]?.perSecond;
const ratios = {
  sqlite_changes_20_vs_baseline_31k: ratio(sqliteRows20, BASELINE_SQLITE_ROWS_PER_S),
  ...Object.fromEntries(deskCounts.flatMap((n) => [
    [`postgres_3_vs_1_changes_${n}`, ratio(byName('postgres-3')?.changes[n]?.perSecond, byName('postgres-1')?.changes[n]?.perSecond)],
    [`postgres_3_vs_1_decisions_${n}`, ratio(byName('postgres-3')?.decisions[n]?.perSecond, byName('postgres-1')?.decisions[n]?.perSecond)],
    [`postgres_1_vs_sqlite_changes_${n}`, ratio(byName('postgres-1')?.changes[n]?.perSecond, byName('sqlite')?.changes[n]?.perSecond)],
    [`postgres_1_vs_sqlite_decisions_${n}`, ratio(byName('postgres-1')?.decisions[n]?.perSecond, byName('sqlite')?.decisions[n]?.perSecond)],
  ])),
};
console.log(`\nSQLite /changes with 20 desks ÷ ${fmt(BASELINE_SQLITE_ROWS_PER_S)} rows/s before: ` +
  `${fmt(ratios.sqlite_changes_20_vs_baseline_31k, 2)} (target ≥ 2)`);
for (const n of deskCounts) {
  const r = ratios as Record<string, number>;
  console.log(`PostgreSQL 3 ÷ 1 instance, ${n} desks: /changes ${fmt(r[`postgres_3_vs_1_changes_${n}`], 2)}, ` +
    `decisions ${fmt(r[`postgres_3_vs_1_decisions_${n}`], 2)} (target ≥ 1)`);
}
const machine = {
  cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version, platform: `${process.platform} ${process.arch}`,
  loadAverageBefore: loadBefore.map((v) => round(v, 2)), loadAverageAfter: loadavg().map((v) => round(v, 2)),
};
console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, node ${machine.node}, ` +
  `load average ${machine.loadAverageBefore[0]} before → ${machine.loadAverageAfter[0]} after; whole run ${seconds(runStarted)}`);
const file = resolve(args.out ?? join(tmpdir(), `triage-server-bench-${startedAt.replace(/[:.]/g, '-')}.json`));
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify({
  startedAt, machine,
  options: { seconds: phaseWindow.measureMs / 1000, warmup: phaseWindow.warmupMs / 1000, appeals: appealCount, desks: deskCounts,
    phases: [...phases],
    pageLimit: PAGE_LIMIT, poolSize: poolSize ?? 'server default' },
  baseline: { sqlite_changes_rows_per_s: BASELINE_SQLITE_ROWS_PER_S },
  ratios,
  configurations: results,
}, null, 2)}\n`);
console.log(`wrote ${file}`);
