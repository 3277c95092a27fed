// Instances on one PostgreSQL database follow the database's clock (server/store/database-clock.ts): two instances
// whose machines are 100 s fast and 40 s slow still agree on the time, to within milliseconds, so neither expires the
// other's holds nor takes the other for dead.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startDatabaseClock } from '../../../server/store/database-clock.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';

const pools: pg.Pool[] = [];
afterAll(async () => {
  for (const pool of pools) await pool.end();
});

describe('the database clock', () => {
  it('gives instances with skewed machine clocks one time, the database\'s', async () => {
    const pool = new pg.Pool({ connectionString: await freshDatabaseUrl() });
    pools.push(pool);
    const logs: string[] = [];
    const fast = await startDatabaseClock(pool, { localNow: () => Date.now() + 100_000, log: (l) => logs.push(l) });
    const slow = await startDatabaseClock(pool, { localNow: () => Date.now() - 40_000 });
    try {
      const database = (await pool.query<{ ms: number }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms')).rows[0]!.ms;
      expect(Math.abs(fast.now() - slow.now())).toBeLessThan(250);
      expect(Math.abs(fast.now() - database)).toBeLessThan(1_000);
      expect(Math.round(fast.offsetMs() / 1000)).toBe(-100);
      expect(logs).toEqual(['clock: this machine is 100 s off the database\'s; team mode follows the database']);
    } finally {
      fast.close();
      slow.close();
    }
  });
});
