// What the server instances' PostgreSQL connections were doing during a bench phase, sampled from pg_stat_activity
// every 50 ms: running, waiting on a lock (the change-sequence counter row every writer takes first), or idle inside
// a transaction (the database waits for a Node process to send the next statement). Averages over the samples.
import pg from 'pg';

const SAMPLE_MS = 50;

export interface PgWaitFigures {
  /** Connections running a statement, on average. */
  active: number;
  /** Of those, waiting for a lock held by another transaction. */
  lockWaits: number;
  /** Connections inside an open transaction, waiting for their client (a Node instance) to send the next statement. */
  idleInTransaction: number;
  /** The most frequent non-idle states, e.g. `Lock:tuple  SELECT value FROM counters …`: average connections in each. */
  top: Record<string, number>;
}

export interface PgWaitSampler {
  stop(): Promise<PgWaitFigures>;
}

export async function startPgWaitSampler(databaseUrl: string): Promise<PgWaitSampler> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'server-bench-sampler' });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let active = 0;
  let lockWaits = 0;
  let idleInTransaction = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ state: string | null; wait: string | null; query: string }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS query
          FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
          AND pid <> pg_backend_pid()`);
      samples += 1;
      for (const row of rows) {
        if (row.state === 'active') active += 1;
        if (row.state === 'active' && row.wait?.startsWith('Lock:')) lockWaits += 1;
        if (row.state === 'idle in transaction') idleInTransaction += 1;
        if (row.state === 'idle') continue;
        const key = `${row.state === 'active' ? (row.wait ?? 'running') : row.state}  ${row.query}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  const average = (n: number) => (samples === 0 ? 0 : Number((n / samples).toFixed(2)));
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([key, n]) => [key, average(n)] as const);
      return { active: average(active), lockWaits: average(lockWaits), idleInTransaction: average(idleInTransaction),
        top: Object.fromEntries(top) };
    },
  };
}
