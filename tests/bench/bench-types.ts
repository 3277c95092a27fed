// What a bench module is: a name and a run over the shared context, returning named figures. Modules are listed
// in bench-registry.ts and run in that order in one process by tests/bench/main.ts.
import type { RunningServer } from '../../server/start-server.js';

export interface BenchContext {
  /** Appeals on the reference server. */
  n: number;
  /** Scratch folder for this run (removed at the end). */
  workDir: string;
  server: RunningServer;
  /** A desk data folder holding the first sync of all n appeals, signed in as operator1; set by the ingest bench. */
  syncedDeskDir: string | null;
  log(line: string): void;
}

/** Figure name → value; names end in their unit (_ms, _rows_per_s, _mb). */
export type BenchFigures = Record<string, number>;

export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<BenchFigures>;
}

/** The p-th percentile (nearest rank) of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
