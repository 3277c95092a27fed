// The server bench's central API instances: each one a real `server/main.ts` in its own Node process (as in
// production, and so that three instances can use more than one core), on a SQLite folder or on one PostgreSQL
// database that several instances share.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export type StoreArgs = { dataDir: string } | { databaseUrl: string };

export interface ServerInstance {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts one instance on an ephemeral port and resolves once it prints `listening on <url>`. */
export function spawnServerInstance(store: StoreArgs, opts: { poolSize?: number } = {}): Promise<ServerInstance> {
  // The demo accounts (password = login) sign the desks in; PostgreSQL seeds them only when asked.
  const storeArgs = 'dataDir' in store ? ['--data', store.dataDir] : ['--database', store.databaseUrl, '--demo-users'];
  const poolArgs = opts.poolSize === undefined || 'dataDir' in store ? [] : ['--pool', String(opts.poolSize)];
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN, '--port', '0', '--host', '127.0.0.1',
    ...storeArgs, ...poolArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (!match?.[1] || child.pid === undefined) return;
      resolve({
        url: match[1],
        pid: child.pid,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`server instance exited (${code}): ${stderr}`)));
  });
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
