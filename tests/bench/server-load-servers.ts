// The server bench's central API instances: each one a real `server/main.ts` in its own Node process (as in
// production, and so that three instances can use more than one core), on a SQLite folder or on one PostgreSQL
// database that several instances share.
import { spawnServerMain, type ServerChild } from './server-process.js';

export type StoreArgs = { dataDir: string } | { databaseUrl: string };

export type ServerInstance = ServerChild;

/** Starts one instance on an ephemeral port and resolves once it listens. */
export function spawnServerInstance(store: StoreArgs, opts: { poolSize?: number } = {}): Promise<ServerInstance> {
  // The demo accounts (password = login) sign the desks in; PostgreSQL seeds them only when asked.
  const storeArgs = 'dataDir' in store ? ['--data', store.dataDir] : ['--database', store.databaseUrl, '--demo-users'];
  const poolArgs = opts.poolSize === undefined || 'dataDir' in store ? [] : ['--pool', String(opts.poolSize)];
  return spawnServerMain([...storeArgs, ...poolArgs]);
}

/**
 * `count` instances on one store. The first starts alone (it migrates a fresh database and seeds the demo users);
 * the others then start together.
 */
export async function startInstances(store: StoreArgs, count: number, opts: { poolSize?: number } = {}): Promise<ServerInstance[]> {
  const first = await spawnServerInstance(store, opts);
  const rest = await Promise.allSettled(Array.from({ length: count - 1 }, () => spawnServerInstance(store, opts)));
  const started = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  const failed = rest.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.close()));
    throw failed.reason;
  }
  return started;
}
