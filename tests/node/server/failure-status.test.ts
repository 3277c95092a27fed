// Failures that are not the server's bug get a clear status instead of 500 `internal` with a stack in the log:
// a malformed request line is 400, a full disk is 507 `storage_full` (a real full disk: a tiny tmpfs when the tests
// may mount one (root) — the SQLite folder on it, or on PostgreSQL a tablespace holding the database; always, a real
// SQLITE_FULL from SQLite's max_page_count through the same mapping), a database that went away is 503.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { databaseUrl, quoteIdent } from '../../../scripts/postgres/throwaway-cluster.js';
import { failureOf } from '../../../server/failure-status.js';
import { incoming, startFixture, tempDir, TEST_ENGINE, useDatabaseFor, type Fixture } from './server-fixture.js';

let fx: Fixture | undefined;
let mounted: string | undefined;
/** On PostgreSQL, the database and tablespace made on the tmpfs, dropped before it is unmounted. */
let tablespace: { name: string; database: string } | undefined;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

afterEach(async () => {
  // A mount point cannot be removed: stop the server, unmount, then let the fixture delete its folder.
  await fx?.server.close();
  if (tablespace) {
    const { name, database } = tablespace;
    await admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      await c.query(`DROP TABLESPACE IF EXISTS ${quoteIdent(name)}`);
    });
    tablespace = undefined;
  }
  if (mounted) execFileSync('umount', [mounted]);
  mounted = undefined;
  await fx?.dispose();
  fx = undefined;
});

/** Writes `raw` on a fresh TCP connection and resolves with everything the server sends back until it closes. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { text += chunk; });
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

const looksLikeStack = (line: string) => /\n\s+at /.test(line) || /internal error/.test(line);

describe('malformed request line', () => {
  it('answers GET http://[bad/… with 400 invalid_request and logs no stack', async () => {
    const log: string[] = [];
    fx = await startFixture({ server: { log: (line) => log.push(line) } });
    for (const target of ['http://[bad/api/v1/targets', 'http://[::1/api/v1/session']) {
      const answer = await rawExchange(fx.server.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0], target).toBe('HTTP/1.1 400 Bad Request');
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;
      expect(body).toEqual({ error: { code: 'invalid_request', message: 'Некорректный адрес в строке запроса' } });
    }
    expect(log.filter(looksLikeStack)).toEqual([]);
    // The server is fine afterwards.
    expect((await fx.call('GET', '/health')).status).toBe(200);
  });
});

describe('full disk', () => {
  it('maps a real SQLITE_FULL (max_page_count) to 507 storage_full with a Russian message and a one-line log', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let thrown: unknown;
    try {
      db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
    } catch (err) {
      thrown = err;
    }
    db.close();
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
    const { error, logLine } = failureOf(thrown, 'POST /api/v1/appeals');
    expect({ status: error.status, code: error.code }).toEqual({ status: 507, code: 'storage_full' });
    expect(error.message).toMatch(/закончилось место на диске/);
    expect(logLine).toBe('storage full on POST /api/v1/appeals: SQLITE_FULL');
    // Everything else stays a logged 500.
    expect(failureOf(new Error('boom'), 'GET /x').error.status).toBe(500);
    // PostgreSQL's passing states are 503 with Retry-After (out of connections, read-only after a failover, a
    // statement or lock timeout, a deadlock victim, the host not found); text it cannot hold is the client's 400.
    for (const code of ['53300', '25006', '57014', '55P03', '40P01', '40001', '57P01', '08006', 'ENOTFOUND', 'ECONNREFUSED']) {
      const failure = failureOf(Object.assign(new Error(`pg ${code}`), { code }), 'POST /api/v1/mutations');
      expect({ code, status: failure.error.status, retry: failure.error.headers?.['retry-after'] }).toEqual({ code, status: 503, retry: '5' });
      expect(failure.logLine).not.toMatch(/\n\s+at /);
    }
    expect(failureOf(Object.assign(new Error('invalid byte sequence'), { code: '22021' }), 'POST /x').error.status).toBe(400);
    expect(failureOf(Object.assign(new Error('duplicate key'), { code: '23505' }), 'POST /x').error.status).toBe(500);
  });

  it('answers 507 storage_full when the data folder\'s disk is really full, and recovers once space is freed', async (ctx) => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    try {
      // A 3 MB tmpfs (24 MB on PostgreSQL, whose new database copies its ~8 MB template there): needs root (or
      // CAP_SYS_ADMIN); elsewhere the max_page_count case above still covers the mapping.
      const size = TEST_ENGINE === 'postgres' ? '24m' : '3m';
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', data], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      ctx.skip();
    }
    mounted = data;
    if (TEST_ENGINE === 'postgres') {
      // The whole database lives in a tablespace on the tmpfs; the server process owns it, so it must be postgres's.
      const location = join(data, 'pg');
      mkdirSync(location);
      chmodSync(dir, 0o711); // postgres must pass through the test's private folder to reach its tablespace

      execFileSync('chown', ['postgres', location]);
      const tag = Math.random().toString(36).slice(2, 10);
      tablespace = { name: `full_${tag}`, database: `${inject('postgresDatabasePrefix')}full_${tag}` };
      const { name, database } = tablespace;
      await admin(async (c) => {
        await c.query(`CREATE TABLESPACE ${quoteIdent(name)} LOCATION '${location}'`);
        await c.query(`CREATE DATABASE ${quoteIdent(database)} TABLESPACE ${quoteIdent(name)}`);
      });
      useDatabaseFor(dir, databaseUrl(inject('postgresAdminUrl'), database));
    }
    const log: string[] = [];
    fx = await startFixture({ dir, server: { log: (line) => log.push(line) } });
    const connector = await fx.signIn('connector');
    // Fill every remaining byte of the disk.
    const filler = join(data, 'filler');
    let written = 0;
    try {
      for (;;) {
        writeFileSync(filler, Buffer.alloc(64 * 1024), { flag: 'a' });
        written += 64 * 1024;
      }
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    expect(written).toBeGreaterThan(0);
    // Text that does not compress (PostgreSQL compresses long values), 5 × 400 KB.
    const letters = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    const noise = (seed: number) => Array.from({ length: 200_000 }, (_, k) => letters[(k * 7919 + seed * 104_729 + ((k * k) % 97)) % letters.length]).join('');
    const big = { appeals: Array.from({ length: 5 }, (_, i) => incoming(`vk-big-${i}`, { text: noise(i) })) };
    const full = await fx.call('POST', '/appeals', { token: connector, body: big });
    expect(full.status).toBe(507);
    expect(full.body).toEqual({ error: { code: 'storage_full', message: expect.stringMatching(/закончилось место на диске/) } });
    expect(log.filter(looksLikeStack)).toEqual([]);
    expect(log).toContain(`storage full on POST /api/v1/appeals: ${TEST_ENGINE === 'postgres' ? '53100' : 'SQLITE_FULL'}`);

    rmSync(filler);
    const retried = await fx.call('POST', '/appeals', { token: connector, body: big });
    expect(retried).toEqual({ status: 200, body: { accepted: 5, duplicates: 0 } });
  });
});
