// search_p95_ms: the 50 fixed queries through the desk core (input parsing, FTS5 ranking, filters, the count),
// over the cache filled by the ingest bench. Each query runs once to warm the page cache, then is timed.
import { createDeskCore } from '../../electron/core/desk-core.js';
import { percentile, round, type BenchModule } from './bench-types.js';
import { BENCH_QUERIES } from './search-queries.js';

export const searchBench: BenchModule = {
  name: 'search',
  async run(ctx) {
    if (ctx.syncedDeskDir === null) throw new Error('search bench needs the ingest bench first');
    const core = await createDeskCore({ dataDir: ctx.syncedDeskDir, apiUrl: ctx.server.url, syncIntervalMs: 3_600_000 });
    try {
      const timings: number[] = [];
      let hits = 0;
      for (const text of BENCH_QUERIES) {
        await core.call('search.query', { text });
        const started = performance.now();
        const result = await core.call('search.query', { text });
        timings.push(performance.now() - started);
        if (!result.ok) throw new Error(`search «${text}» failed: ${result.error.message}`);
        hits += (result.value as { total: number }).total;
      }
      const worst = BENCH_QUERIES[timings.indexOf(Math.max(...timings))] ?? '';
      ctx.log(`search: ${BENCH_QUERIES.length} queries, ${hits} hits in all, slowest «${worst}» ${Math.max(...timings).toFixed(1)} ms`);
      // With a filter as well: the source a lead narrows to most often.
      const filtered: number[] = [];
      for (const text of BENCH_QUERIES.slice(0, 10)) {
        const started = performance.now();
        await core.call('search.query', { text, sources: ['pos'], statuses: ['new'] });
        filtered.push(performance.now() - started);
      }
      return {
        search_p95_ms: round(percentile(timings, 95)),
        search_p50_ms: round(percentile(timings, 50)),
        search_filtered_p95_ms: round(percentile(filtered, 95)),
      };
    } finally {
      await core.close();
    }
  },
};
