// The fast /changes page (each appeal sent as its stored JSON text, routes/changes.ts and route-table.ts) keeps every
// promise of the slow one: the bytes are the ones JSON.stringify of the checked response would give, a hand-edited
// but well-formed row is served as the same JSON value, and a row that breaks the contract — a field missing, a wrong
// type, not JSON at all — written straight into the database is never served as valid: the page is a 500 and the
// log names the violation. On both engines (the node-postgres project runs this file on PostgreSQL).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { DB_FILE_NAME } from '../../../server/store/sqlite-store.js';
import { incoming, startFixture, TEST_ENGINE, testStore, type Fixture } from './server-fixture.js';

let fx: Fixture;
let token: string;
let logLines: string[];

beforeEach(async () => {
  logLines = [];
  fx = await startFixture({ server: { log: (line) => logLines.push(line) } });
  const connector = await fx.signIn('connector');
  const appeals = Array.from({ length: 30 }, (_v, i) => incoming(`vk-speed-${String(i).padStart(2, '0')}`,
    { text: `Обращение №${i}: «кавычки», \\ обратная косая, "двойные", эмодзи 🚧 и перевод\nстроки` }));
  const ingested = await fx.call('POST', '/appeals', { token: connector, body: { appeals } });
  expect(ingested.status).toBe(200);
  token = await fx.signIn('operator1');
});
afterEach(async () => {
  await fx.dispose();
});

/** Rewrites one appeal's stored JSON by hand, as someone with access to the database might (SQL per engine). */
async function handEdit(id: string, sql: { sqlite: string; postgres: string }): Promise<void> {
  const store = await testStore(fx.dir);
  if ('dataDir' in store) {
    const db = new Database(join(store.dataDir, DB_FILE_NAME));
    try {
      expect(db.prepare(sql.sqlite).run(id).changes).toBe(1);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: store.databaseUrl });
  await client.connect();
  try {
    expect((await client.query(sql.postgres, [id])).rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

async function rawPage(query: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${fx.server.url}/api/v1/changes${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

describe('GET /changes sent as stored JSON', () => {
  it('sends exactly the bytes JSON.stringify of the checked response would', async () => {
    for (const query of ['?limit=1000', '?limit=7', '?cursor=7&limit=7', '?cursor=30']) {
      const { status, text } = await rawPage(query);
      expect(status, query).toBe(200);
      // What the route table sent before: JSON.stringify of the handler's output, i.e. of the parsed stored rows.
      expect(text, query).toBe(JSON.stringify(JSON.parse(text)));
      ChangesResponse.parse(JSON.parse(text));
    }
    const full = ChangesResponse.parse(JSON.parse((await rawPage('?limit=1000')).text));
    expect(full.appeals).toHaveLength(30);
    expect(full.appeals[3]?.text).toBe('Обращение №3: «кавычки», \\ обратная косая, "двойные", эмодзи 🚧 и перевод\nстроки');
  });

  it('serves a hand-edited row that still keeps the contract as the same JSON value', async () => {
    const before = ChangesResponse.parse(JSON.parse((await rawPage('?limit=1000')).text));
    // Reformatted (and, on PostgreSQL, its keys reordered by jsonb): other bytes, the same appeal.
    await handEdit('vk-speed-04', {
      sqlite: 'UPDATE appeals SET data = json_pretty(data) WHERE id = ?',
      postgres: 'UPDATE appeals SET data = jsonb_pretty(data::jsonb)::json WHERE id = $1',
    });
    const { status, text } = await rawPage('?limit=1000');
    expect(status).toBe(200);
    expect(ChangesResponse.parse(JSON.parse(text))).toEqual(before);
  });

  it('never serves a hand-edited row with a field missing: 500, and the log names the field', async () => {
    await handEdit('vk-speed-05', {
      sqlite: "UPDATE appeals SET data = json_remove(data, '$.receivedAt') WHERE id = ?",
      postgres: "UPDATE appeals SET data = (data::jsonb - 'receivedAt')::json WHERE id = $1",
    });
    const { status, text } = await rawPage('?limit=1000');
    expect(status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
    expect(logLines.join('\n')).toMatch(/contract violation in changes response[\s\S]*receivedAt/);
    // Every page holding it is refused; pages after it are served.
    expect((await rawPage('?cursor=4&limit=2')).status).toBe(500);
    expect((await rawPage('?cursor=5&limit=2')).status).toBe(500);
    const after = await rawPage('?cursor=6&limit=1000');
    expect(after.status).toBe(200);
    expect(ChangesResponse.parse(JSON.parse(after.text)).appeals).toHaveLength(24);
  });

  it('never serves a hand-edited row with a field of the wrong type or value', async () => {
    await handEdit('vk-speed-10', {
      sqlite: "UPDATE appeals SET data = json_set(data, '$.version', '2') WHERE id = ?",
      postgres: "UPDATE appeals SET data = jsonb_set(data::jsonb, '{version}', '\"2\"')::json WHERE id = $1",
    });
    expect((await rawPage('?limit=1000')).status).toBe(500);
    await handEdit('vk-speed-10', {
      sqlite: "UPDATE appeals SET data = json_set(data, '$.version', 1, '$.status', 'lost') WHERE id = ?",
      postgres: "UPDATE appeals SET data = jsonb_set(jsonb_set(data::jsonb, '{version}', '1'), '{status}', '\"lost\"')::json WHERE id = $1",
    });
    expect((await rawPage('?limit=1000')).status).toBe(500);
    expect(logLines.join('\n')).toMatch(/contract violation in changes response[\s\S]*status/);
  });

  it.runIf(TEST_ENGINE === 'sqlite')('never serves a row that is not JSON at all (SQLite; PostgreSQL json refuses it)', async () => {
    await handEdit('vk-speed-20', { sqlite: `UPDATE appeals SET data = '{"id":"vk-speed-20",' WHERE id = ?`, postgres: '' });
    const { status, text } = await rawPage('?limit=1000');
    expect(status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'internal' } });
  });
});
