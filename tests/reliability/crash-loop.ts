// The crash loop: a desk in a child process (desk-runner.ts) against the reference server, through the fault proxy,
// killed with SIGKILL at random points and restarted on the same data folder; afterwards every acknowledged decision
// must be on the server exactly once and the cache must match the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../harness/seeded-random.js';
import { startFaultProxy, type Fault } from './fault-proxy.js';
import { cacheDifferences, ingest, readCache, serverAppeals, serverMutations } from './reliability-kit.js';
import { startTestServer } from '../harness/test-server.js';

const RUNNER = fileURLToPath(new URL('./desk-runner.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The runner starts hundreds of times: bundle our TypeScript once with esbuild (tsx's own dependency) so each start
 * skips the per-file transform; packages stay external and resolve from the project. Falls back to tsx.
 */
async function runnerCommand(): Promise<{ args: string[]; cleanup: () => void }> {
  try {
    const esbuild = (await import('esbuild' as string)) as { build(options: object): Promise<unknown> };
    // Under node_modules/.cache: packages resolve from the project, and no linter or test glob looks there.
    const dir = mkdtempSync(join(PROJECT_ROOT, 'node_modules', '.cache', 'triage-reliability-'));
    const outfile = join(dir, 'desk-runner.mjs');
    await esbuild.build({
      entryPoints: [RUNNER], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning',
    });
    return { args: [outfile], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return { args: ['--import', 'tsx', RUNNER], cleanup: () => undefined };
  }
}

export type KillPoint = 'startup-migration' | 'decision' | 'push-pull';

export interface CrashLoopOptions {
  kills: number;
  appeals: number;
  seed: number;
  /** Faults the proxy cycles through, one per restart (kills land while they are active). */
  faults: Fault[];
  log?: (line: string) => void;
}

export interface CrashLoopSummary {
  kills: number;
  killsAt: Record<KillPoint, number>;
  faultsInjected: number;
  acknowledged: number;
  onServer: number;
  lost: number;
  duplicated: number;
  cacheMismatches: number;
  integrityFailures: number;
  seconds: number;
}


interface Run {
  child: ChildProcess;
  lines: string[];
  /** Resolves when a stdout line matches. */
  waitFor(predicate: (line: string) => boolean, timeoutMs?: number): Promise<boolean>;
  exited: Promise<number | null>;
}

function startRunner(command: string[], dataDir: string, apiUrl: string, seed: number, finish: boolean,
  onAck: (id: string, appealId: string) => void): Run {
  const child = spawn(process.execPath, [...command, dataDir, apiUrl, String(seed), ...(finish ? ['--finish'] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (hit: boolean) => void }[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      lines.push(line);
      if (line.startsWith('ACK ')) {
        const [, id, appealId] = line.split(' ');
        if (id && appealId) onAck(id, appealId);
      }
      for (const waiter of waiters.splice(0)) {
        if (waiter.predicate(line)) waiter.resolve(true);
        else waiters.push(waiter);
      }
    }
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const waiter of waiters.splice(0)) waiter.resolve(false);
    if (code !== 0 && code !== null && stderr) process.stderr.write(`runner stderr: ${stderr}\n`);
    resolve(code);
  }));
  return {
    child,
    lines,
    exited,
    waitFor: (predicate, timeoutMs = 60_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(false);
      return new Promise((resolve) => {
        // A watchdog, not a sleep: a runner that stops talking is killed and reported rather than waited on forever.
        const timer = setTimeout(() => {
          const index = waiters.findIndex((w) => w.resolve === done);
          if (index >= 0) waiters.splice(index, 1);
          process.stderr.write(`runner silent for ${timeoutMs} ms; last lines: ${lines.slice(-3).join(' | ')}\n`);
          resolve(false);
        }, timeoutMs);
        const done = (hit: boolean) => { clearTimeout(timer); resolve(hit); };
        waiters.push({ predicate, resolve: done });
      });
    },
  };
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopSummary> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const random = seededRandom(options.seed);
  const root = mkdtempSync(join(tmpdir(), 'desk-crash-'));
  const serverDir = join(root, 'server');
  const deskDir = join(root, 'desk');
  const server = await startTestServer({ port: 0, dataDir: serverDir });
  const proxy = await startFaultProxy(server.url);
  mkdirSync(join(PROJECT_ROOT, 'node_modules', '.cache'), { recursive: true });
  const runner = await runnerCommand();
  const acked = new Map<string, string>();
  const killsAt: Record<KillPoint, number> = { 'startup-migration': 0, decision: 0, 'push-pull': 0 };
  let integrityFailures = 0;
  try {
    await ingest(server.url, 1, options.appeals);
    const killed = () => killsAt['startup-migration'] + killsAt.decision + killsAt['push-pull'];
    // A run that finished before its kill does not count: go on until the requested number of kills landed.
    for (let kill = 0; killed() < options.kills && kill < options.kills * 2; kill += 1) {
      const fault = options.faults[kill % Math.max(1, options.faults.length)] ?? { kind: 'none' };
      proxy.setFault(fault);
      const run = startRunner(runner.args, deskDir, proxy.url, options.seed * 100_003 + kill, false, (id, appealId) => acked.set(id, appealId));
      const point: KillPoint = (['startup-migration', 'decision', 'push-pull'] as const)[kill % 3]!;
      if (point === 'startup-migration') {
        // Between process start and the first decision: module load, cache open, integrity check, migrations.
        await run.waitFor((line) => line === 'OPENED' || random() < 0.5);
      } else if (point === 'decision') {
        const after = 1 + Math.floor(random() * 6);
        let seen = 0;
        await run.waitFor((line) => line.startsWith('ACK ') && ++seen >= after);
      } else {
        const after = 1 + Math.floor(random() * 3);
        let seen = 0;
        await run.waitFor((line) => line === 'SYNCING' && ++seen >= after);
      }
      // A little jitter so the kill lands inside the next step, not always on its first instruction.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 25)));
      const finishedEarly = run.child.exitCode !== null;
      run.child.kill('SIGKILL');
      await run.exited;
      if (!finishedEarly) killsAt[point] += 1;
      const cache = (() => { try { return readCache(deskDir); } catch { return null; } })();
      if (cache !== null && cache.integrity !== 'ok') integrityFailures += 1;
      if ((kill + 1) % 25 === 0) log(`  ${killed()} kills, ${acked.size} acknowledged, ${proxy.faultsInjected()} faults injected`);
    }
    // The network heals; the desk delivers what it stored.
    proxy.clear();
    const last = startRunner(runner.args, deskDir, proxy.url, options.seed, true, (id, appealId) => acked.set(id, appealId));
    const done = await last.waitFor((line) => line === 'DONE', 180_000);
    if (!done) last.child.kill('SIGKILL');
    await last.exited;
    if (!done) throw new Error(`final run did not finish: ${last.lines.slice(-5).join(' | ')}`);

    const mutations = serverMutations(serverDir);
    const lost = [...acked.keys()].filter((id) => !mutations.byId.has(id)).length;
    const duplicated = [...mutations.perAppeal.values()].filter((n) => n > 1).length;
    const truth = await serverAppeals(server.url);
    const cache = readCache(deskDir);
    if (cache.integrity !== 'ok') integrityFailures += 1;
    const kills = killsAt['startup-migration'] + killsAt.decision + killsAt['push-pull'];
    return {
      kills,
      killsAt,
      faultsInjected: proxy.faultsInjected(),
      acknowledged: acked.size,
      onServer: mutations.byId.size,
      lost,
      duplicated,
      cacheMismatches: cacheDifferences(cache, truth).length + cache.outbox,
      integrityFailures,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    runner.cleanup();
    await proxy.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export function summaryLine(s: CrashLoopSummary): string {
  return `reliability: kills survived ${s.kills} (startup/migration ${s.killsAt['startup-migration']}, ` +
    `decision ${s.killsAt.decision}, push/pull ${s.killsAt['push-pull']}), faults injected ${s.faultsInjected}, ` +
    `decisions acknowledged ${s.acknowledged}, decisions on the server ${s.onServer}, lost ${s.lost}, ` +
    `duplicated ${s.duplicated}, cache mismatches ${s.cacheMismatches}, integrity failures ${s.integrityFailures} ` +
    `(${s.seconds} s)`;
}

/** Every fault kind the proxy knows, for the restarts to cycle through (none = a clean network between faults). */
export const ALL_FAULTS: Fault[] = [
  { kind: 'none' },
  { kind: 'latency', ms: 150 },
  { kind: 'reset' },
  { kind: 'stall' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503, retryAfter: '1' },
  { kind: 'status', status: 429, retryAfter: '1' },
  { kind: 'truncate' },
  { kind: 'malformed-json' },
  { kind: 'off-contract' },
  { kind: 'lose-response' },
];
