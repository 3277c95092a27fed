// The change feed never skips and never repeats under concurrent writers: on PostgreSQL with 3 API instances on one
// database (and, the same test, on the single SQLite server), 20 writers — connectors ingesting, operators deciding,
// the lead re-deciding — spread their requests over random instances while 5 readers pull /changes from random
// instances with random page sizes. A trigger added by the test logs every appeal write with the seq it got (ground
// truth, in the real database). Afterwards, for every page each reader received: every change with a seq at or below
// the page's cursor must already be in what that reader holds — unless that appeal had changed again by the time of
// the read (its next change is at or below the page's head, read in the same snapshot), which moved the row past the
// cursor, to come later. So no cursor passed a change it had not received. No reader ever got the same appeal version
// twice or an older one after a newer, and every reader ends holding exactly the server's final state.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangesResponse, MutationsResponse } from '../../../shared/central-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { type RunningServer } from '../../../server/start-server.js';
import { DB_FILE_NAME } from '../../../server/store/sqlite-store.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { incoming, mutationId, tempDir } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

/** Writers run at least this long, and on until the race has enough of each kind of write (a loaded CI machine got
 *  173 decisions in 6 s once): load changes how long it runs, not whether it passes. */
const WRITE_MS = 6_000;
const ENOUGH_WRITES = 250;
const WRITE_CAP_MS = 30_000;
const CONNECTORS = 4;
const OPERATORS = 12;
const LEADS = 4;
const READERS = 5;
const TARGETS = ['gov', 'minzdrav', 'mintrans', 'minobr'];

interface Page { cursor: string; head: number; rows: { id: string; version: number }[] }
interface LoggedChange { seq: number; id: string; version: number }

const servers: RunningServer[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const c of cleanups.splice(0)) await c();
});

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function call(url: string, method: string, path: string, token: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

async function signIn(url: string, login: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Installs the ground-truth log; returns a reader of it and of the final state. */
interface Truth {
  changes(): Promise<LoggedChange[]>;
  finalState(): Promise<Map<string, Appeal>>;
}

async function postgresTruth(url: string): Promise<Truth> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  cleanups.push(() => client.end());
  await client.query(`CREATE TABLE change_log (seq bigint PRIMARY KEY, id text NOT NULL, version int NOT NULL);
    CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO change_log VALUES (NEW.seq, NEW.id, (NEW.data->>'version')::int); RETURN NEW; END $$;
    CREATE TRIGGER log_change AFTER INSERT OR UPDATE ON appeals FOR EACH ROW EXECUTE FUNCTION log_change();`);
  return {
    changes: async () => (await client.query<{ seq: string; id: string; version: number }>(
      'SELECT seq, id, version FROM change_log ORDER BY seq')).rows.map((r) => ({ seq: Number(r.seq), id: r.id, version: r.version })),
    finalState: async () => new Map((await client.query<{ id: string; data: Appeal }>('SELECT id, data FROM appeals')).rows
      .map((r) => [r.id, r.data])),
  };
}

function sqliteTruth(dataDir: string): Truth {
  const db = new Database(join(dataDir, DB_FILE_NAME));
  db.pragma('busy_timeout = 5000');
  cleanups.push(() => { db.close(); });
  db.exec(`CREATE TABLE change_log (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, version INTEGER NOT NULL);
    CREATE TRIGGER log_insert AFTER INSERT ON appeals BEGIN
      INSERT INTO change_log VALUES (NEW.seq, NEW.id, json_extract(NEW.data, '$.version')); END;
    CREATE TRIGGER log_update AFTER UPDATE ON appeals BEGIN
      INSERT INTO change_log VALUES (NEW.seq, NEW.id, json_extract(NEW.data, '$.version')); END;`);
  return {
    changes: async () => db.prepare<[], LoggedChange>('SELECT seq, id, version FROM change_log ORDER BY seq').all(),
    finalState: async () => new Map(db.prepare<[], { id: string; data: string }>('SELECT id, data FROM appeals').all()
      .map((r) => [r.id, JSON.parse(r.data) as Appeal])),
  };
}

async function runFeedRace(urls: string[], truth: Truth) {
  const url = () => pick(urls);
  // Every writer and reader has a session of its own, signed in through a random instance.
  const connectors = await Promise.all(Array.from({ length: CONNECTORS }, () => signIn(url(), 'connector')));
  const operators = await Promise.all(Array.from({ length: OPERATORS }, (_v, i) => signIn(url(), `operator${(i % 10) + 1}`)));
  const leads = await Promise.all(Array.from({ length: LEADS }, () => signIn(url(), 'lead')));
  const readers = await Promise.all(Array.from({ length: READERS }, (_v, i) => signIn(url(), `operator${(i % 10) + 1}`)));

  // What the writers know: undecided appeals to take, decided ones with their version for the lead to change.
  const undecided: string[] = [];
  const decided = new Map<string, number>();
  let nextId = 0;
  const stats = { ingested: 0, applied: 0, conflicts: 0 };
  const started = Date.now();
  const keepWriting = (): boolean => {
    const ran = Date.now() - started;
    if (ran < WRITE_MS) return true;
    return ran < WRITE_CAP_MS && (stats.ingested < ENOUGH_WRITES || stats.applied < ENOUGH_WRITES);
  };

  const ingestLoop = async (token: string) => {
    while (keepWriting()) {
      const ids = Array.from({ length: 1 + Math.floor(Math.random() * 15) }, () => `race-${(nextId += 1)}`);
      // A known id now and then: duplicates must change nothing.
      const batch = [...ids, ...(undecided.length > 0 && Math.random() < 0.3 ? [pick(undecided)] : [])];
      const res = await call(url(), 'POST', '/appeals', token, { appeals: batch.map((id) => incoming(id)) }) as { accepted: number };
      stats.ingested += res.accepted;
      undecided.push(...ids);
    }
  };
  const decideLoop = async (token: string, lead: boolean) => {
    while (keepWriting()) {
      let appealId: string;
      let baseVersion: number;
      if (lead) {
        if (decided.size === 0) { await new Promise((r) => setTimeout(r, 5)); continue; }
        appealId = pick([...decided.keys()]);
        baseVersion = decided.get(appealId)!;
      } else {
        if (undecided.length === 0) { await new Promise((r) => setTimeout(r, 5)); continue; }
        appealId = pick(undecided);
        baseVersion = 1;
      }
      const body = { mutations: [{ id: mutationId(), appealId, baseVersion, createdAt: new Date().toISOString(), type: 'route', targetId: pick(TARGETS) }] };
      const result = MutationsResponse.parse(await call(url(), 'POST', '/mutations', token, body)).results[0]!;
      if (result.status === 'applied' && result.appeal) {
        stats.applied += 1;
        const i = undecided.indexOf(appealId);
        if (i >= 0) undecided.splice(i, 1);
        decided.set(appealId, result.appeal.version);
      } else if (result.status === 'conflict') {
        stats.conflicts += 1;
        if (result.appeal && result.appeal.status !== 'new') decided.set(appealId, result.appeal.version);
      }
    }
  };

  const logs: Page[][] = readers.map(() => []);
  const held: Map<string, Appeal>[] = readers.map(() => new Map());
  const cursors = readers.map(() => '0');
  let writing = true;
  const pullOnce = async (r: number): Promise<boolean> => {
    const limit = 1 + Math.floor(Math.random() * 60);
    const page = ChangesResponse.parse(await call(url(), 'GET', `/changes?cursor=${cursors[r]}&limit=${limit}`, readers[r]!));
    if (page.appeals.length > 0) expect(BigInt(page.cursor)).toBeGreaterThan(BigInt(cursors[r]!));
    else expect(page.cursor).toBe(cursors[r]);
    for (const appeal of page.appeals) {
      const before = held[r]!.get(appeal.id);
      // Never the same version again, never an older one after a newer.
      if (before) expect(appeal.version, `reader ${r}: ${appeal.id}`).toBeGreaterThan(before.version);
      held[r]!.set(appeal.id, appeal);
    }
    if (page.head === undefined) throw new Error('the server sends the head with every page');
    logs[r]!.push({ cursor: page.cursor, head: Number(page.head), rows: page.appeals.map((a) => ({ id: a.id, version: a.version })) });
    cursors[r] = page.cursor;
    return page.hasMore;
  };
  const readLoop = async (r: number) => {
    while (writing) {
      await pullOnce(r);
      await new Promise((res) => setTimeout(res, Math.random() * 20));
    }
    // Caught up once the writers stopped: everything there is.
    while (await pullOnce(r));
  };

  const reading = readers.map((_t, r) => readLoop(r));
  await Promise.all([
    ...connectors.map((t) => ingestLoop(t)),
    ...operators.map((t) => decideLoop(t, false)),
    ...leads.map((t) => decideLoop(t, true)),
  ]);
  writing = false;
  await Promise.all(reading);

  const changes = await truth.changes();
  const final = await truth.finalState();
  return { stats, changes, final, logs, held };
}

/** Replays each reader's pages against the ground-truth log; returns the first skip found per reader, if any. */
function findSkips(changes: LoggedChange[], logs: Page[][]): string[] {
  const problems: string[] = [];
  // For each change, the seq of the same appeal's next change (Infinity for its last).
  const nextOfSame = new Array<number>(changes.length).fill(Infinity);
  const lastIndex = new Map<string, number>();
  changes.forEach((change, i) => {
    const previous = lastIndex.get(change.id);
    if (previous !== undefined) nextOfSame[previous] = change.seq;
    lastIndex.set(change.id, i);
  });
  logs.forEach((pages, r) => {
    const version = new Map<string, number>();
    let next = 0;
    for (const page of pages) {
      for (const row of page.rows) version.set(row.id, row.version);
      const cursor = Number(page.cursor);
      for (; next < changes.length && changes[next]!.seq <= cursor; next += 1) {
        const change = changes[next]!;
        const have = version.get(change.id) ?? 0;
        // Changed again before this read: the row sat past the cursor then and is due on a later page.
        if (nextOfSame[next]! <= page.head) continue;
        if (have < change.version) {
          problems.push(`reader ${r}: cursor ${cursor} passed seq ${change.seq} (${change.id} v${change.version}) holding v${have}`);
          return;
        }
      }
    }
  });
  return problems;
}

describe('the change feed under concurrent writers', () => {
  it('PostgreSQL, 3 instances: 20 writers and 5 readers on random instances; no reader skips, repeats or ends off the final state', async () => {
    const url = await freshDatabaseUrl();
    // Started together: the numbered migrations run once, under the advisory lock.
    servers.push(...await Promise.all([0, 1, 2].map(() => startTestServer({ port: 0, databaseUrl: url, demoUsers: true }))));
    const truth = await postgresTruth(url);
    const run = await runFeedRace(servers.map((s) => s.url), truth);
    check(run);
  }, 90_000);

  it('SQLite, one server: the same race, the same promises', async () => {
    const dir = tempDir();
    cleanups.push(async () => (await import('node:fs')).rmSync(dir, { recursive: true, force: true }));
    const server = await startTestServer({ port: 0, dataDir: join(dir, 'data') });
    servers.push(server);
    const run = await runFeedRace([server.url], sqliteTruth(join(dir, 'data')));
    check(run);
  }, 90_000);
});

function check(run: Awaited<ReturnType<typeof runFeedRace>>): void {
  const { stats, changes, final, logs, held } = run;
  console.log(`feed race: ${stats.ingested} ingested, ${stats.applied} decisions applied, ${stats.conflicts} conflicts, `
    + `${changes.length} changes logged, ${logs.map((l) => l.length).join('/')} pages per reader`);
  // The race really raced: enough of each kind of write (the conflicts between writers are counted in the log line).
  expect(stats.ingested).toBeGreaterThan(200);
  expect(stats.applied).toBeGreaterThan(200);
  expect(changes.length).toBe(stats.ingested + stats.applied);
  // Sequence values are handed out without gaps or repeats (the log's primary key already refuses repeats).
  expect(changes.map((c) => c.seq)).toEqual(changes.map((_c, i) => i + 1));
  expect(findSkips(changes, logs)).toEqual([]);
  for (const mine of held) {
    expect(mine.size).toBe(final.size);
    for (const [id, appeal] of final) expect(mine.get(id)).toEqual(appeal);
  }
}
