// The time every API instance on one PostgreSQL database agrees on: the database's own clock. Hold leases, instance
// liveness and session ages are compared across instances; with each instance on its own system clock, one running
// 100 s fast would expire colleagues' holds at once and one running slow would look dead to the others. The offset to
// the database clock is measured at start and again every `intervalMs` (half the round trip counted on each side).
import type pg from 'pg';

export interface DatabaseClock {
  now(): number;
  /** The last measured offset of the database clock to this machine's, in ms (for the log). */
  offsetMs(): number;
  close(): void;
}

export async function startDatabaseClock(pool: pg.Pool, options: {
  intervalMs?: number; localNow?: () => number; log?: (line: string) => void;
} = {}): Promise<DatabaseClock> {
  const localNow = options.localNow ?? Date.now;
  const log = options.log ?? (() => {});
  const measure = async (): Promise<number> => {
    const before = localNow();
    const row = (await pool.query<{ ms: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms')).rows[0];
    const after = localNow();
    if (!row) throw new Error('the database did not tell its time');
    return row.ms - (before + after) / 2;
  };
  let offset = await measure();
  if (Math.abs(offset) > 2_000) log(`clock: this machine is ${Math.round(-offset / 1000)} s off the database's; team mode follows the database`);
  const timer = setInterval(() => {
    measure().then((next) => { offset = next; }, (err: unknown) => log(`clock: not re-measured: ${(err as Error).message}`));
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return {
    // Whole milliseconds, like Date.now(): times go into bigint columns and ISO strings.
    now: () => Math.round(localNow() + offset),
    offsetMs: () => offset,
    close: () => clearInterval(timer),
  };
}
