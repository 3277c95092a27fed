// One way to run a transaction on the central PostgreSQL database, for the store and team mode alike.
// - READ COMMITTED, named explicitly: the change feed's never-skip argument (central-store.ts) and the hold
//   arbitration assume it, whatever `default_transaction_isolation` IT gave the database.
// - A connection checked out of the pool has no 'error' listener of the pool's; if PostgreSQL terminates it mid-request
//   (a failover, `pg_terminate_backend`, a restart), pg would emit 'error' with nobody listening and Node would end the
//   process. One is attached while the connection is held, and the broken connection is handed back as broken.
// - A deadlock or serialization victim was rolled back whole: it is simply run again (a few times at most).
import type pg from 'pg';

const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

/** Checks a connection out for `fn`, safely (see above); the connection goes back broken when it broke. */
export async function withConnection<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => { broken = err; };
  client.on('error', onError);
  try {
    return await fn(client);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

export async function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withConnection(pool, async (client) => {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        try {
          const result = await fn(client);
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
      });
    } catch (err) {
      if (!RETRYABLE.has(String((err as { code?: unknown }).code)) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
