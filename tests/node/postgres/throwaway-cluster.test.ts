// The throw-away PostgreSQL cluster that the central API's PostgreSQL engine is tested against: fresh databases are
// separate and empty, LISTEN/NOTIFY works across connections and only on COMMIT (the live channel relies on that),
// and a cluster of its own keeps its data dir private and leaves nothing behind on stop().
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startThrowawayCluster, TEST_DATABASE_URL_ENV } from '../../../scripts/postgres/throwaway-cluster.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanup.push(() => client.end());
  return client;
}

const userTables = async (client: pg.Client) => (await client.query<{ name: string }>(
  "SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
)).rows.map((r) => r.name);

describe('fresh databases on the shared cluster', () => {
  it('are distinct and empty, and a table written in one is absent in the other', async () => {
    const [urlA, urlB] = await Promise.all([freshDatabaseUrl(), freshDatabaseUrl()]);
    expect(urlA).not.toBe(urlB);
    const a = await connect(urlA!);
    const b = await connect(urlB!);
    const nameOf = async (c: pg.Client) => (await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    expect(await nameOf(a)).not.toBe(await nameOf(b));
    expect(await userTables(a)).toEqual([]);
    expect(await userTables(b)).toEqual([]);

    await a.query('CREATE TABLE appeal (id text PRIMARY KEY, body text NOT NULL)');
    await a.query("INSERT INTO appeal VALUES ('a1', 'Нет воды на ул. Ленина')");
    expect((await a.query('SELECT body FROM appeal')).rows).toEqual([{ body: 'Нет воды на ул. Ленина' }]);
    expect(await userTables(a)).toEqual(['public.appeal']);
    expect(await userTables(b)).toEqual([]);
    expect((await b.query("SELECT to_regclass('appeal') AS t")).rows[0]).toEqual({ t: null });
  });

  it('carry LISTEN/NOTIFY between two clients, and a notification sent in a transaction only after COMMIT', async () => {
    const url = await freshDatabaseUrl();
    const listener = await connect(url);
    const sender = await connect(url);
    const received: string[] = [];
    let arrived: () => void = () => {};
    listener.on('notification', (n) => {
      received.push(n.payload ?? '');
      arrived();
    });
    await listener.query('LISTEN appeal_changed');
    const next = () => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no notification within 5 s')), 5000);
      arrived = () => { clearTimeout(timer); resolve(); };
    });

    let waiting = next();
    await sender.query("SELECT pg_notify('appeal_changed', 'outside')");
    await waiting;
    expect(received).toEqual(['outside']);

    await sender.query('BEGIN');
    await sender.query("SELECT pg_notify('appeal_changed', 'in transaction')");
    // A round trip on the listener's own connection: a notification already delivered would have shown up by now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await listener.query('SELECT 1');
    expect(received).toEqual(['outside']);
    waiting = next();
    await sender.query('COMMIT');
    await waiting;
    expect(received).toEqual(['outside', 'in transaction']);

    // And a rolled-back one never arrives.
    await sender.query('BEGIN');
    await sender.query("SELECT pg_notify('appeal_changed', 'rolled back')");
    await sender.query('ROLLBACK');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await listener.query('SELECT 1');
    expect(received).toEqual(['outside', 'in transaction']);
  });
});

describe('a cluster of its own', () => {
  it.skipIf(Boolean(process.env[TEST_DATABASE_URL_ENV]))('keeps its data dir private and leaves nothing behind on stop()', async () => {
    const cluster = await startThrowawayCluster();
    cleanup.push(() => cluster.stop());
    const dataDir = cluster.dataDir!;
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
    expect(statSync(dataDir).mode & 0o077).toBe(0); // neither group nor others: PostgreSQL itself insists on it
    expect(statSync(path.dirname(dataDir)).mode & 0o007).toBe(0); // the temp dir with the socket and the log too

    const url = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    expect((await client.query('SELECT current_setting($1) AS v', ['max_connections'])).rows[0]).toEqual({ v: '300' });
    expect((await client.query("SELECT current_setting('server_encoding') AS v")).rows[0]).toEqual({ v: 'UTF8' });
    expect((await client.query("SELECT lower('ЁЖИК') AS v")).rows[0]).toEqual({ v: 'ёжик' });
    await client.end();
    await cluster.dropDatabase(url);
    await expect(new pg.Client({ connectionString: url }).connect()).rejects.toThrow(/does not exist/);

    await cluster.stop();
    expect(existsSync(path.dirname(dataDir))).toBe(false);
    const late = new pg.Client({ connectionString: cluster.url, connectionTimeoutMillis: 2000 });
    await expect(late.connect()).rejects.toThrow();
  });
});
