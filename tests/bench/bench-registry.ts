// Every bench module, in run order. Ingest comes first: it fills the cache the others read. To add figures
// (e.g. routing suggestions), write a module (see bench-types.ts) and append it here.
import type { BenchModule } from './bench-types.js';
import { ingestBench } from './ingest-bench.js';
import { routingBench } from './routing-bench.js';
import { searchBench } from './search-bench.js';
import { uiBench } from './ui-bench.js';

export const BENCH_MODULES: readonly BenchModule[] = [ingestBench, searchBench, uiBench, routingBench];
