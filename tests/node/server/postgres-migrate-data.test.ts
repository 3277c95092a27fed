// IT moves a pilot's SQLite data into PostgreSQL with the real command line (server/migrate-data-main.ts): a pilot
// built through the real server, the CLI run as a child process, then the server on PostgreSQL must answer as the pilot
// did: same users and passwords, same feed and cursors, a desk's saved cursor continues, re-sent decisions are
// duplicates, new changes continue the sequence. Refusals (server still running, non-empty target, bad arguments)
// change nothing.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangesResponse, MutationsResponse, SessionResponse, type Mutation } from '../../../shared/central-api/contract.js';
import { hashPasswordAsync } from '../../../server/auth.js';
import { type RunningServer } from '../../../server/start-server.js';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { incoming, mutationId, tempDir } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PASSWORD_IN_URL = 'Url-Secret-42';

// Not the demo accounts (password = login): a server that found no users would seed those, and they would sign in
// whether or not the migration copied anything.
const USERS = [
  { id: 'u-ivanova', login: 'ivanova', name: 'Ольга Иванова', role: 'operator', password: 'Иванова «первая смена» 2025!' },
  { id: 'u-petrov', login: 'petrov', name: 'Пётр Петров', role: 'operator', password: 'correct horse battery staple' },
  { id: 'u-smirnova', login: 'smirnova', name: 'Старший смены — Смирнова', role: 'lead', password: 'Lead-Pa55-😀' },
  { id: 'u-bot', login: 'ingest-bot', name: 'Коннектор ВК', role: 'connector', password: 'bot-token-like-password-0123456789' },
] as const;
const HOSTILE_TEXT = '<script>alert(1)</script>\u202Eтекст\u0000 «ул. Ленина 12» 😡 <b onmouseover="x()">жирный</b> ${1+1} \\u0000';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env.TRIAGE_DESK_DATABASE_URL === undefined) delete childEnv.TRIAGE_DESK_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/migrate-data-main.ts', ...args],
    { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function client(server: RunningServer) {
  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/v1${path}`,
      { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    call,
    async signIn(login: string, password: string) {
      const res = await call('POST', '/session', { body: { login, password } });
      return { status: res.status, session: res.status === 200 ? SessionResponse.parse(res.body) : undefined };
    },
    async token(login: string) {
      const user = USERS.find((u) => u.login === login)!;
      const res = await call('POST', '/session', { body: { login, password: user.password } });
      expect(res.status, `sign-in ${login}`).toBe(200);
      return SessionResponse.parse(res.body).token;
    },
    async changes(token: string, cursor: string, limit = 4) {
      const res = await call('GET', `/changes?cursor=${cursor}&limit=${limit}`, { token });
      expect(res.status).toBe(200);
      return ChangesResponse.parse(res.body);
    },
    /** Every page from `cursor` to the end, as a desk pulls them. */
    async pullAll(token: string, cursor: string, limit = 4) {
      const pages: ChangesResponse[] = [];
      for (;;) {
        const page = await this.changes(token, cursor, limit);
        pages.push(page);
        cursor = page.cursor;
        if (!page.hasMore) return pages;
      }
    },
    async send(token: string, ...mutations: Mutation[]) {
      const res = await call('POST', '/mutations', { token, body: { mutations } });
      expect(res.status).toBe(200);
      return MutationsResponse.parse(res.body).results;
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

const tableExists = (url: string, table: string): Promise<boolean> => withClient(url, async (c) =>
  (await c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table])).rows[0]?.t != null);

const route = (appealId: string, baseVersion: number, targetId: string, id = mutationId()): Mutation =>
  ({ id, appealId, baseVersion, createdAt: new Date().toISOString(), type: 'route', targetId });
const reject = (appealId: string, baseVersion: number, id = mutationId()): Mutation =>
  ({ id, appealId, baseVersion, createdAt: new Date().toISOString(), type: 'reject', reason: 'spam' });

describe('npm run server:migrate-data: a SQLite pilot into PostgreSQL', () => {
  it('copies users, appeals with their seq and decision ids; desks continue; refusals change nothing', async () => {
    const dir = tempDir();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = join(dir, 'data');

    // --- The pilot, on SQLite, through the real server.
    const seed = openSqliteStore(dataDir);
    await seed.insertUsers(await Promise.all(USERS.map(async (u) =>
      ({ id: u.id, login: u.login, name: u.name, role: u.role, passwordHash: await hashPasswordAsync(u.password) }))));
    // A connector's record of a deleted comment (#14): the only trace of it, and what stops a retry being taken again.
    const deletion = { key: 'vk:200000001:del-1', appealId: 'vk:200000001:wall:5:77', type: 'wall_reply_delete',
      receivedAt: '2026-11-30T10:00:00.000Z' };
    await seed.applyConnectorEvent(deletion, () => ({ kind: 'record', outcome: 'deleted' }));
    await seed.close();
    const pilot = await startTestServer({ port: 0, dataDir });
    let pilotOpen = true;
    cleanups.push(() => (pilotOpen ? pilot.close() : undefined));
    const p = client(pilot);
    const bot = await p.token('ingest-bot');
    const ordinary = Array.from({ length: 18 }, (_v, i) => incoming(`vk-${i + 1}`, { text: `обращение ${i + 1}: яма во дворе` }));
    const hostile = incoming('vk-hostile', { text: HOSTILE_TEXT, author: { name: '😀 <img src=x onerror=alert(1)>', url: 'https://vk.com/id2' } });
    const telegram = incoming('tg-1', { source: 'telegram', text: 'Спасибо 🙏🏻 👨‍👩‍👧 за <i>дорогу</i>' });
    expect((await p.call('POST', '/appeals', { token: bot, body: { appeals: [...ordinary.slice(0, 10), hostile] } })).status).toBe(200);
    expect((await p.call('POST', '/appeals', { token: bot, body: { appeals: [...ordinary.slice(10), telegram] } })).status).toBe(200);

    const ivanova = await p.token('ivanova');
    const petrov = await p.token('petrov');
    // Her own favourite targets (#13 item 5) move with her.
    expect((await p.call('PUT', '/me/preferences', { token: ivanova, body: { favoriteTargets: ['minzdrav', '', 'gov'] } })).status).toBe(200);
    const smirnova = await p.token('smirnova');
    // A desk that synced right after the ingest: its cursor must keep working after the move.
    const deskEarly = (await p.pullAll(ivanova, '0', 1000)).at(-1)!.cursor;

    // Decisions: mixed-case ids (PostgreSQL's collation may sort them unlike SQLite), an operator's, a lead's re-decision.
    const m1 = route('vk-1', 1, 'mintrans', 'a-lowercase-decision-0001');
    const m2 = reject('vk-2', 1, 'Z-UPPERCASE-DECISION-0002');
    const m3 = route('vk-hostile', 1, 'minzdrav');
    const m4 = route('vk-1', 2, 'minzdrav'); // the lead changes the operator's decision
    expect((await p.send(ivanova, m1, m2)).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await p.send(petrov, m3)).map((r) => r.status)).toEqual(['applied']);
    expect((await p.send(smirnova, m4)).map((r) => r.status)).toEqual(['applied']);

    // What the desks saw on the pilot: the whole feed page by page, and what each saved cursor gets.
    const pilotFeed = await p.pullAll(ivanova, '0');
    const pilotFromEarly = await p.pullAll(ivanova, deskEarly);
    const deskCursor = pilotFeed.at(-1)!.cursor;
    const head = pilotFeed.at(-1)!.head!;
    expect(deskCursor).toBe(head);
    expect(pilotFromEarly.flatMap((page) => page.appeals).map((a) => a.id).sort()).toEqual(['vk-1', 'vk-2', 'vk-hostile']);
    // Re-sending on the pilot is a duplicate that changes nothing: the answer to expect after the move.
    const pilotResend = await p.send(ivanova, m1, m2);
    expect(pilotResend.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect((await p.pullAll(ivanova, deskCursor)).flatMap((page) => page.appeals)).toEqual([]);

    const url = await freshDatabaseUrl();
    const urlWithPassword = Object.assign(new URL(url), { password: PASSWORD_IN_URL }).toString();

    // --- While the pilot's server still runs, the folder is refused and neither side is touched.
    const busy = await runCli(['--from-data', dataDir, '--to-database', urlWithPassword]);
    expect(busy.code, busy.stderr).toBe(1);
    expect(busy.stderr).toContain('in use by another process');
    expect(busy.stderr).toContain('stop the server');
    expect(busy.stdout).toBe('');
    expect(`${busy.stdout}${busy.stderr}`).not.toContain(PASSWORD_IN_URL);
    expect(await tableExists(url, 'appeals')).toBe(false);
    expect(await p.pullAll(ivanova, '0')).toEqual(pilotFeed); // the pilot is undisturbed
    await pilot.close();
    pilotOpen = false;

    // --- Bad arguments: exit 2 with the usage, nothing done.
    const bad = await Promise.all([
      [],
      ['--from-data', dataDir],
      ['--to-database', url],
      ['--from-data', join(dir, 'no-such-folder'), '--to-database', url],
      ['--from-data', dataDir, '--to-database', 'mysql://root@localhost/triage'],
      ['--from-data', dataDir, '--to-database', url, '--bogus'],
      ['--from-data', dataDir, '--to-database', url, 'stray-positional'],
    ].map(async (args) => ({ args, result: await runCli(args) })));
    for (const { args, result } of bad) {
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain('usage: npm run server:migrate-data');
      expect(result.stdout).toBe('');
    }
    expect(await tableExists(url, 'appeals')).toBe(false);

    // --- The migration.
    const run = await runCli(['--from-data', dataDir, '--to-database', urlWithPassword]);
    expect(run.code, run.stderr).toBe(0);
    const appealCount = ordinary.length + 2;
    expect(run.stdout).toContain(`users      ${USERS.length} `);
    expect(run.stdout).toContain(`appeals    ${appealCount}, change sequence head ${head} `);
    expect(run.stdout).toContain('decisions  4 ');
    expect(run.stdout).toMatch(/checksum {3}[0-9a-f]{64} over \(id, seq, data\) in seq order, equal on both sides/);
    expect(run.stdout).toContain('sessions were not copied');
    expect(run.stdout).toContain('postgres://postgres:***@');
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD_IN_URL);

    // --- The server on PostgreSQL.
    const central = await startTestServer({ port: 0, databaseUrl: url });
    cleanups.push(() => central.close());
    const c = client(central);
    // Same users, same passwords; no demo accounts appeared; pilot sessions were not copied.
    for (const u of USERS) {
      const { status, session } = await c.signIn(u.login, u.password);
      expect(status, u.login).toBe(200);
      expect(session?.user).toEqual({ id: u.id, name: u.name, role: u.role });
      expect((await c.signIn(u.login, `${u.password}x`)).status).toBe(401);
    }
    expect((await c.signIn('operator1', 'operator1')).status).toBe(401);
    expect((await c.call('GET', '/me/preferences', { token: await c.token('ivanova') })).body)
      .toEqual({ favoriteTargets: ['minzdrav', '', 'gov'] });
    expect(await withClient(url, async (db) => (await db.query(
      'SELECT event_key AS key, appeal_id AS "appealId", type, outcome, received_at AS "receivedAt" FROM connector_events')).rows))
      .toEqual([{ ...deletion, outcome: 'deleted', receivedAt: new Date(deletion.receivedAt) }]);
    expect((await c.call('GET', '/changes', { token: ivanova })).status).toBe(401);

    const ivanovaPg = await c.token('ivanova');
    // Identical appeals in identical order with identical cursors, page by page; the hostile text byte for byte.
    expect(await c.pullAll(ivanovaPg, '0')).toEqual(pilotFeed);
    const moved = (await c.pullAll(ivanovaPg, '0', 1000))[0]!.appeals;
    expect(moved.find((a) => a.id === 'vk-hostile')).toMatchObject({ text: HOSTILE_TEXT, author: hostile.author, targetId: 'minzdrav' });
    expect(moved.find((a) => a.id === 'vk-1')).toMatchObject({ targetId: 'minzdrav', version: 3, routedBy: { id: 'u-smirnova' } });
    // Saved cursors continue without a re-download: exactly what changed after each.
    expect(await c.pullAll(ivanovaPg, deskEarly)).toEqual(pilotFromEarly);
    expect(await c.pullAll(ivanovaPg, deskCursor)).toEqual([{ appeals: [], cursor: deskCursor, hasMore: false, remaining: 0, head }]);

    // A desk re-sending decisions after the move gets `duplicate`, as on the pilot, and nothing changes.
    const petrovPg = await c.token('petrov');
    expect(await c.send(ivanovaPg, m1, m2)).toEqual(pilotResend);
    expect(await c.send(await c.token('smirnova'), m4)).toMatchObject([{ id: m4.id, status: 'duplicate' }]);
    expect((await c.send(petrovPg, m3))[0]?.status).toBe('duplicate');
    expect(await c.pullAll(ivanovaPg, deskCursor)).toEqual([{ appeals: [], cursor: deskCursor, hasMore: false, remaining: 0, head }]);

    // A new decision continues the sequence right above the pilot's head.
    const [fresh] = await c.send(petrovPg, reject('vk-3', 1));
    expect(fresh?.status).toBe('applied');
    const next = String(Number(head) + 1);
    expect(await c.pullAll(ivanovaPg, deskCursor)).toEqual([{ appeals: [fresh!.appeal], cursor: next, hasMore: false, remaining: 0, head: next }]);

    // --- A second migration into the now non-empty database (URL from the environment): refused, nothing changed.
    const before = await c.pullAll(ivanovaPg, '0', 1000);
    const again = await runCli(['--from-data', dataDir], { TRIAGE_DESK_DATABASE_URL: urlWithPassword });
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain('the target database is not empty');
    expect(again.stderr).toContain('never merged');
    expect(again.stderr).toContain('target: nothing was written to the target database');
    expect(again.stdout).toBe('');
    expect(`${again.stdout}${again.stderr}`).not.toContain(PASSWORD_IN_URL);
    expect(await c.pullAll(ivanovaPg, '0', 1000)).toEqual(before);
    expect((await c.signIn('ivanova', USERS[0].password)).status).toBe(200);
  }, 120_000);
});
