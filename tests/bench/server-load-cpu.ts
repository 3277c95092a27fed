// Where the CPU went during a bench phase (Linux /proc; zeros elsewhere): the server instances, the PostgreSQL
// cluster (its postmaster and every backend), the bench process itself, and the whole machine. On a 2-core machine
// this tells a server-bound phase from one where the load generator or the database ate the cores.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux's USER_HZ: /proc times are in 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

interface ProcTimes { ppid: number; own: number; children: number }

function procTimes(pid: number): ProcTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: state ppid … utime(14) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3] ?? 0);
    return { ppid: n(4), own: n(14) + n(15), children: n(16) + n(17) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by `pid` and everything under it (exited, waited-for children included). */
function treeSeconds(root: number): number {
  const rootTimes = procTimes(root);
  if (!rootTimes) return 0;
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const times = procTimes(Number(name));
    if (!times) continue;
    byParent.set(times.ppid, [...(byParent.get(times.ppid) ?? []), Number(name)]);
  }
  let ticks = rootTimes.own + rootTimes.children;
  const walk = (pid: number) => {
    for (const child of byParent.get(pid) ?? []) {
      const times = procTimes(child);
      if (times) ticks += times.own + times.children;
      walk(child);
    }
  };
  walk(root);
  return ticks / TICKS_PER_SECOND;
}

function machineBusySeconds(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.split(/\s+/).slice(1).map(Number);
    const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Cores in use on average over the phase (1.0 = one core busy the whole time). */
export interface CpuFigures {
  servers: number;
  postgres: number;
  bench: number;
  machine: number;
}

export interface CpuMeter {
  stop(): CpuFigures;
}

/** Starts measuring; `serverPids` are the instances, `postgresPid` the postmaster (or null). */
export function startCpuMeter(serverPids: readonly number[], postgresPid: number | null): CpuMeter {
  const servers = () => serverPids.reduce((sum, pid) => sum + treeSeconds(pid), 0);
  const postgres = () => (postgresPid === null ? 0 : treeSeconds(postgresPid));
  const t0 = performance.now();
  const s0 = servers();
  const p0 = postgres();
  const b0 = process.cpuUsage();
  const m0 = machineBusySeconds();
  return {
    stop() {
      const wall = (performance.now() - t0) / 1000;
      const b = process.cpuUsage(b0);
      const m = machineBusySeconds();
      const cores = (seconds: number) => Number((seconds / wall).toFixed(2));
      const machineCores = m.total > m0.total ? ((m.busy - m0.busy) / (m.total - m0.total)) * availableParallelism() : 0;
      return {
        servers: cores(servers() - s0),
        postgres: cores(postgres() - p0),
        bench: cores((b.user + b.system) / 1e6),
        machine: Number(machineCores.toFixed(2)),
      };
    },
  };
}

/** The postmaster's pid from its data dir, or null (no local cluster, or not readable). */
export function postmasterPid(dataDir: string | undefined): number | null {
  if (dataDir === undefined) return null;
  try {
    const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
