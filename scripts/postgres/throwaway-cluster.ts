// A throw-away PostgreSQL cluster for tests, benches and CI. This module owns the whole life of one cluster: a temp
// dir (data dir, Unix socket, log), initdb, start on a free 127.0.0.1 port, fresh empty databases on request, and the
// stop that removes it all. When TRIAGE_DESK_TEST_DATABASE_URL names a server that IT/CI already runs (a superuser
// URL), nothing is started: databases are created on that server and stop() drops only the ones this run made.
// Auth is `trust` on 127.0.0.1 only: the cluster lives for one run and holds test data, never anything real.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const TEST_DATABASE_URL_ENV = 'TRIAGE_DESK_TEST_DATABASE_URL';
const PG_ROOT = '/usr/lib/postgresql';
const NOT_FOUND = `PostgreSQL not found in ${PG_ROOT}/*/bin: apt-get install -y postgresql`;
const START_ATTEMPTS = 5;

export interface ThrowawayCluster {
  /** Superuser URL of the `postgres` database: for creating and dropping databases, not for test data. */
  readonly url: string;
  readonly port: number;
  /** The cluster's data dir; undefined when an external server (TRIAGE_DESK_TEST_DATABASE_URL) is used. */
  readonly dataDir: string | undefined;
  /** Names of databases made by this run start with it, so stop() can drop them on an external server. */
  readonly databasePrefix: string;
  /** URL of a new empty database; the default name is `<databasePrefix><random>`. */
  createDatabase(name?: string): Promise<string>;
  dropDatabase(url: string): Promise<void>;
  stop(): Promise<void>;
}

export interface ThrowawayOptions {
  log?: (line: string) => void;
}

/** The bin dir of the highest PostgreSQL version installed the Debian way, or null. */
export function findPostgresBin(): string | null {
  let versions: string[];
  try {
    versions = readdirSync(PG_ROOT);
  } catch {
    return null;
  }
  const usable = versions
    .filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const highest = usable.at(-1);
  return highest === undefined ? null : path.join(PG_ROOT, highest, 'bin');
}

export async function startThrowawayCluster(opts: ThrowawayOptions = {}): Promise<ThrowawayCluster> {
  const log = opts.log ?? (() => {});
  const prefix = `t_${randomBytes(4).toString('hex')}_`;
  const external = process.env[TEST_DATABASE_URL_ENV];
  if (external) {
    log(`postgres: using ${TEST_DATABASE_URL_ENV}, starting nothing`);
    return databasesOn(external, prefix, undefined, async () => {});
  }

  const bin = findPostgresBin();
  if (!bin) throw new Error(NOT_FOUND);
  const runAs = postgresUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'log');
  // PostgreSQL refuses to run as root: as root, the binaries run as the `postgres` OS user, which must own the dir.
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const run = (tool: string, args: string[]) => runTool(path.join(bin, tool), args, dir, runAs);
  const pgCtl = (args: string[]) => run('pg_ctl', ['-D', dataDir, ...args]);

  const stopNow = () => {
    // Last resort when the process exits without stop(): a server left behind would hold its port and memory. Keyed
    // on postmaster.pid, not on pg_ctl's verdict: a start that timed out may still have left a server running.
    if (existsSync(path.join(dataDir, 'postmaster.pid'))) spawnSync(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], spawnAs(dir, runAs));
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stopNow);

  try {
    const t0 = Date.now();
    // --no-sync: the cluster dies with the run, so flushing initdb's files to disk is time wasted. A fixed UTF-8
    // locale, not the caller's LANG (which may be POSIX and give SQL_ASCII): Cyrillic text must compare and lower().
    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    appendFileSync(path.join(dataDir, 'postgresql.conf'), [
      '',
      '# throwaway-cluster.ts: a test cluster on a small machine; durability does not matter, connections do',
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 300', // several server instances × their pools, plus benches
      'shared_buffers = 128MB',
      '',
    ].join('\n'));
    const t1 = Date.now();
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      // Removed, not truncated: pg_ctl (as `postgres`) must create it; a root-owned empty file would not be writable.
      rmSync(logFile, { force: true });
      try {
        await pgCtl(['-o', `-p ${port}`, '-l', logFile, '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        // The port was free a moment ago; another process may have taken it since. Anything else is a real failure.
        const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        if (attempt < START_ATTEMPTS && /already in use/i.test(serverLog)) {
          log(`postgres: port ${port} taken meanwhile, trying another`);
          continue;
        }
        throw new Error(`${(error as Error).message}\n--- server log ---\n${serverLog.trim()}`, { cause: error });
      }
    }
    log(`postgres: initdb ${t1 - t0} ms, start ${Date.now() - t1} ms, port ${port}, dir ${dir}`);

    const stopCluster = async () => {
      const t = Date.now();
      try {
        await pgCtl(['-m', 'fast', '-w', 'stop']);
      } finally {
        process.off('exit', stopNow);
        stopNow();
      }
      log(`postgres: stopped in ${Date.now() - t} ms`);
    };
    return databasesOn(`postgres://postgres@127.0.0.1:${port}/postgres`, prefix, dataDir, stopCluster);
  } catch (error) {
    process.off('exit', stopNow);
    stopNow();
    throw error;
  }
}

/** Database management on a server given its superuser URL; `stopServer` runs after this run's databases go. */
function databasesOn(url: string, prefix: string, dataDir: string | undefined, stopServer: () => Promise<void>): ThrowawayCluster {
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const created = new Set<string>();
  let stopping: Promise<void> | undefined;
  return {
    url,
    port: Number(new URL(url).port || 5432),
    dataDir,
    databasePrefix: prefix,
    async createDatabase(name = prefix + randomBytes(6).toString('hex')) {
      await admin((c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
      created.add(name);
      return databaseUrl(url, name);
    },
    async dropDatabase(dbUrl) {
      const name = decodeURIComponent(new URL(dbUrl).pathname.slice(1));
      // WITH (FORCE): a test that failed midway may still hold connections (PostgreSQL 13+).
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
      created.delete(name);
    },
    stop() {
      stopping ??= (async () => {
        // A local cluster is removed whole; on an external server, drop what this run made (including databases that
        // test workers created by name with the prefix) and leave everything else alone.
        if (!dataDir) {
          await admin(async (c) => {
            const { rows } = await c.query<{ datname: string }>(
              "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
            for (const name of new Set([...created, ...rows.map((r) => r.datname)])) {
              await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
            }
          });
        }
        await stopServer();
      })();
      return stopping;
    },
  };
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + encodeURIComponent(name);
  return url.toString();
}

export function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

interface OsUser { uid: number; gid: number }

function postgresUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, PostgreSQL must run as the `postgres` OS user, which does not exist: apt-get install -y postgresql');
  }
}

// cwd is the temp dir: as the `postgres` user, the caller's cwd (e.g. /root/...) may be unreadable and initdb fails.
function spawnAs(cwd: string, user: OsUser | undefined) {
  return { cwd, ...(user ? { uid: user.uid, gid: user.gid } : {}) };
}

function runTool(file: string, args: string[], cwd: string, user: OsUser | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...spawnAs(cwd, user), encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
  });
}

/** A port nobody listens on right now; the caller retries if it is taken before the server binds it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
