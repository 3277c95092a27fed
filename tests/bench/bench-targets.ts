// The targets of issue #4 for the benchmark's figures: how each is judged and printed.
import type { BenchFigures } from './bench-types.js';

export interface BenchTarget { figure: string; test(figures: BenchFigures): boolean | null; text: string }

const atMost = (figure: string, limit: number, unit: string): BenchTarget => ({
  figure, text: `≤ ${limit} ${unit}`,
  test: (f) => (f[figure] === undefined ? null : (f[figure] ?? Infinity) <= limit),
});

export const BENCH_TARGETS: readonly BenchTarget[] = [
  { figure: 'sync_ingest_rows_per_s', text: '≥ 0.5 × sqlite_raw_insert_rows_per_s',
    test: (f) => (f.sync_ingest_rows_per_s === undefined || f.sqlite_raw_insert_rows_per_s === undefined ? null
      : f.sync_ingest_rows_per_s >= 0.5 * f.sqlite_raw_insert_rows_per_s) },
  atMost('search_p95_ms', 30, 'ms'),
  atMost('inbox_key_p95_ms', 16, 'ms'),
  atMost('route_key_p95_ms', 16, 'ms'),
  atMost('renderer_heap_mb', 250, 'MB'),
];
