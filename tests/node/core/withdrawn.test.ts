// Withdrawn by its author, in the desk's core (issue 14 item 6), against the real reference server with its VK
// connector on loopback: the withdrawal the server makes (a VK wall_reply_delete) is pulled as a new version and the
// cached row, the rows of any list, the inbox page and the detail all carry the mark; the appeal stays in the inbox
// (never removed) and in search; «Отозвано автором» decides it and reaches the server, and is refused on an appeal
// that is not withdrawn; a restore pulled afterwards clears the mark (and puts an appeal rejected as withdrawn back in
// the inbox). A conflict is journaled by its cause (withdrawn, edited), not as «already decided». The cache migration
// fills the column from what an existing cache holds and makes the next sync pull everything again, so a withdrawal
// an older desk pulled without its mark is recovered.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { MIGRATIONS } from '../../../electron/core/cache/migrations/all-migrations.js';
import { openCache } from '../../../electron/core/cache/open-cache.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { Conflict, InboxRow, ListedRow, LocalAppeal, SyncLogEntry } from '../../../shared/desk-api/contract.js';
import type { Stats } from '../../../shared/desk-api/lead-contract.js';
import type { SearchResult } from '../../../shared/search/search-query.js';
import { centralCall, serverAppeal as appealOn, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const GROUP_ID = 200000001;
const SECRET = 'fixture-secret-Zq7';
const COMMENT = `vk:${GROUP_ID}:wall:3301:4512`;
const FIXTURES = new URL('../../fixtures/connectors/vk/', import.meta.url);
const vkEvent = (name: string): Record<string, unknown> & { object: Record<string, unknown> } =>
  ({ ...JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')), secret: SECRET });

let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;

beforeEach(async () => {
  serverDir = tempDir('server-withdrawn');
  deskDir = tempDir('desk-withdrawn');
  const file = join(serverDir.dir, 'connectors.json');
  writeFileSync(file, JSON.stringify({ vk: [{ groupId: GROUP_ID, secret: { env: 'VK_SECRET' }, confirmation: 'c0nf1rm',
    channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' } }] }), { mode: 0o600 });
  server = await startTestServer({ port: 0, dataDir: join(serverDir.dir, 'data'), connectors: { file, env: { VK_SECRET: SECRET } } });
  core = await startDesk(deskDir.dir);
});
afterEach(async () => {
  await core.close();
  await server.close();
  deskDir.remove();
  serverDir.remove();
});

async function postVk(event: unknown): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/connectors/vk/${GROUP_ID}`, { method: 'POST', body: JSON.stringify(event),
    headers: { 'content-type': 'application/json' } });
  expect(await res.text()).toBe('ok');
}

/** A desk core on the test's server; polling once a minute, so only the test's own `sync.now` pulls. */
const startDesk = (dataDir: string, pushDelayMs = 0): Promise<DeskCore> => createDeskCore({ dataDir, apiUrl: server.url,
  pushDelayMs, syncIntervalMs: 60_000, requestTimeoutMs: 5_000, log: () => undefined });

async function signIn(desk: DeskCore, login: string): Promise<void> {
  await value(desk, 'session.login', { login, password: login });
  await value(desk, 'sync.now', {});
}

const serverAppeal = (id: string): Promise<Appeal | undefined> => appealOn(server.url, id);

const row = async (id: string, desk = core): Promise<ListedRow | undefined> =>
  (await value<{ rows: ListedRow[] }>(desk, 'appeals.rows', { ids: [id] })).rows[0];
const inboxRow = async (id: string, desk = core): Promise<InboxRow | undefined> =>
  (await value<{ rows: InboxRow[] }>(desk, 'inbox.list', {})).rows.find((r) => r.id === id);
const inboxIds = async (): Promise<string[]> => (await value<{ ids: string[] }>(core, 'inbox.ids', {})).ids;

describe('a withdrawn appeal in the desk core', () => {
  it('pulls the withdrawal into the cached row and the detail, keeps it listed and findable, and decides it with «withdrawn»', async () => {
    await postVk(vkEvent('wall_reply_new'));
    const other = vkEvent('wall_reply_new');
    other.object = { ...other.object, id: 4600, text: 'Второй комментарий: не работает лифт' };
    other.event_id = 'another-comment';
    await postVk(other);
    // The shift lead: decides like an operator, and reads the statistics at the end.
    await signIn(core, 'lead');
    expect((await row(COMMENT))?.withdrawnAt ?? null).toBeNull();

    await postVk(vkEvent('wall_reply_delete'));
    await value(core, 'sync.now', {});
    const withdrawnAt = (await serverAppeal(COMMENT))?.withdrawnAt;
    expect(withdrawnAt).toEqual(expect.any(String));
    expect(await row(COMMENT)).toMatchObject({ status: 'new', withdrawnAt });
    expect(await inboxRow(COMMENT)).toMatchObject({ withdrawnAt });
    expect((await value<LocalAppeal>(core, 'appeals.get', { id: COMMENT })).appeal).toMatchObject({ version: 2, withdrawnAt });
    expect(await inboxIds()).toContain(COMMENT);
    expect((await value<SearchResult>(core, 'search.query', { text: 'поликлинике' })).ids).toEqual([COMMENT]);

    // «Отозвано автором» on the other appeal, not withdrawn: refused, nothing queued.
    const refused = await core.call('appeals.reject', { appealId: `vk:${GROUP_ID}:wall:3301:4600`, reason: 'withdrawn' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_withdrawn' } });
    expect((await row(`vk:${GROUP_ID}:wall:3301:4600`))?.status).toBe('new');

    await value(core, 'appeals.reject', { appealId: COMMENT, reason: 'withdrawn' });
    await value(core, 'sync.now', {});
    expect(await serverAppeal(COMMENT)).toMatchObject({ status: 'rejected', rejectReason: 'withdrawn', version: 3, withdrawnAt });
    expect(await row(COMMENT)).toMatchObject({ status: 'rejected', withdrawnAt });
    expect(await inboxIds()).not.toContain(COMMENT);

    // The fixture comments were posted on 2 December 2025 (Novosibirsk): the statistics name the reason and count it.
    const stats = await value<Stats>(core, 'stats.get', { from: '2025-12-02', to: '2025-12-02' });
    expect(stats.totals).toMatchObject({ received: 2, rejected: 1, withdrawn: 1 });
    expect(stats.byRejectReason).toEqual([{ reason: 'withdrawn', label: 'Отозвано автором', count: 1 }]);
  });

  it('clears the mark when the restore is pulled', async () => {
    await postVk(vkEvent('wall_reply_new'));
    await postVk(vkEvent('wall_reply_delete'));
    await signIn(core, 'operator1');
    expect((await row(COMMENT))?.withdrawnAt).toEqual(expect.any(String));
    await postVk(vkEvent('wall_reply_restore'));
    await value(core, 'sync.now', {});
    expect((await row(COMMENT))?.withdrawnAt).toBeNull();
    expect((await value<LocalAppeal>(core, 'appeals.get', { id: COMMENT })).appeal).toMatchObject({ version: 3, withdrawnAt: null });
  });

  it('puts an appeal rejected as withdrawn back in the inbox when its post is restored', async () => {
    await postVk(vkEvent('wall_reply_new'));
    await postVk(vkEvent('wall_reply_delete'));
    await signIn(core, 'operator1');
    await value(core, 'appeals.reject', { appealId: COMMENT, reason: 'withdrawn' });
    await value(core, 'sync.now', {});
    expect(await inboxIds()).not.toContain(COMMENT);
    await postVk(vkEvent('wall_reply_restore'));
    await value(core, 'sync.now', {});
    expect(await row(COMMENT)).toMatchObject({ status: 'new', withdrawnAt: null });
    expect(await inboxIds()).toContain(COMMENT);
    expect((await value<LocalAppeal>(core, 'appeals.get', { id: COMMENT })).appeal)
      .toMatchObject({ version: 4, status: 'new', rejectReason: null, routedBy: null, withdrawnAt: null });
  });
});

/**
 * A second desk routes the comment with a 3 s undo grace; while the decision waits in its outbox, VK sends `event`
 * (a deletion, an edit). The push comes back as a conflict with the server's version 2, as `server` says it is;
 * `then` checks that desk further before it is closed.
 */
async function lateDecision(event: string, label: string, server: Record<string, unknown>, then: (slow: DeskCore) => Promise<void>): Promise<void> {
  await postVk(vkEvent('wall_reply_new'));
  const late = tempDir(label);
  const slow = await startDesk(late.dir, 3_000);
  try {
    await signIn(slow, 'operator1');
    await value(slow, 'appeals.route', { appealId: COMMENT, targetId: 'minzdrav' });
    await postVk(vkEvent(event));
    await expect.poll(async () => (await value<{ conflicts: Conflict[] }>(slow, 'conflicts.list', {})).conflicts,
      { timeout: 15_000 }).toEqual([expect.objectContaining({ appealId: COMMENT, server: expect.objectContaining(server) })]);
    expect(await serverAppeal(COMMENT)).toMatchObject({ status: 'new', version: 2 });
    await then(slow);
  } finally {
    await slow.close();
    late.remove();
  }
}

describe('a decision on the version before the withdrawal', () => {
  it('comes back as a conflict that says the author withdrew it', async () => {
    await lateDecision('wall_reply_delete', 'desk-withdrawn-late', { status: 'new', withdrawnAt: expect.any(String) }, async (slow) => {
      // The conflict leaves the appeal in the inbox, marked.
      expect(await row(COMMENT, slow)).toMatchObject({ status: 'new', withdrawnAt: expect.any(String) });
      // The journal names the cause, not «already decided» (nobody decided it).
      expect(await pushJournal(slow)).toEqual(['Отправлено решений: 1 (обращение отозвано автором: 1)']);
    });
  });

  it('journals a conflict caused by an edit of the text as a change, not as already decided', async () => {
    await lateDecision('wall_reply_edit', 'desk-edited-late', { status: 'new', withdrawnAt: null }, async (slow) => {
      expect(await pushJournal(slow)).toEqual(['Отправлено решений: 1 (обращение изменилось на сервере: 1)']);
    });
  });
});

/** The push lines of a desk's sync journal, oldest first. */
async function pushJournal(desk: DeskCore): Promise<string[]> {
  const { entries } = await value<{ entries: SyncLogEntry[] }>(desk, 'sync.log', { limit: 100 });
  return entries.filter((entry) => entry.event === 'push').map((entry) => entry.message).reverse();
}

describe('cache migration 9', () => {
  it('fills withdrawn_at from the server JSON an older cache already holds', () => {
    const dir = tempDir('cache-009');
    try {
      const db = new Database(join(dir.dir, 'c.sqlite'));
      for (const m of MIGRATIONS.filter((x) => x.version < 9)) {
        db.exec(m.sql);
        m.data?.(db);
      }
      const insert = db.prepare(`INSERT INTO appeals (id, local_status, received_ms, received_at, source, channel_name,
        author_name, attachment_count, excerpt, server_status, server_version, server_json) VALUES (?, 'new', 0, '', 'vk', '', '', 0, '', 'new', 2, ?)`);
      insert.run('w', JSON.stringify({ withdrawnAt: '2026-12-02T04:05:00.000Z' }));
      insert.run('n', JSON.stringify({}));
      db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '\"41\"'), ('user', '{}')").run();
      const step = MIGRATIONS.find((x) => x.version === 9);
      db.exec(step?.sql ?? '');
      expect(db.prepare('SELECT id, withdrawn_at FROM appeals ORDER BY id').all())
        .toEqual([{ id: 'n', withdrawn_at: null }, { id: 'w', withdrawn_at: '2026-12-02T04:05:00.000Z' }]);
      // The cursor goes (the next sync pulls everything again); nothing else in meta does.
      expect(db.prepare('SELECT key FROM meta ORDER BY key').all()).toEqual([{ key: 'user' }]);
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('keeps the cursor of a cache with no appeals (nothing to recover)', () => {
    const dir = tempDir('cache-009-empty');
    try {
      const db = openCache(join(dir.dir, CACHE_FILE_NAME), { upToVersion: 8 });
      db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', '\"7\"')").run();
      db.exec(MIGRATIONS.find((x) => x.version === 9)?.sql ?? '');
      expect(db.prepare("SELECT value FROM meta WHERE key = 'cursor'").all()).toEqual([{ value: '"7"' }]);
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('recovers a withdrawal an older desk pulled without its mark: the next sync pulls it again', async () => {
    await postVk(vkEvent('wall_reply_new'));
    await postVk(vkEvent('wall_reply_delete'));
    const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'operator1', password: 'operator1' } });
    const page = await centralCall<{ appeals: Appeal[]; cursor: string }>(server.url, '/changes?limit=1000', { token });
    const withdrawn = page.appeals.find((a) => a.id === COMMENT);
    expect(withdrawn).toMatchObject({ version: 2, withdrawnAt: expect.any(String) });
    if (!withdrawn) return;

    // The cache as a desk before schema 9 left it: the withdrawn version stored without the mark (its schema dropped
    // the unknown key), the cursor past it.
    const older = tempDir('desk-withdrawn-older');
    const { withdrawnAt, ...asPulled } = withdrawn;
    const db = openCache(join(older.dir, CACHE_FILE_NAME), { upToVersion: 8 });
    db.prepare(`INSERT INTO appeals (id, local_status, received_ms, received_at, source, channel_name, author_name,
      attachment_count, excerpt, server_status, server_version, server_json) VALUES (?, 'new', ?, ?, 'vk', ?, ?, 0, ?, 'new', 2, ?)`)
      .run(COMMENT, Date.parse(asPulled.receivedAt), asPulled.receivedAt, asPulled.channel.name, asPulled.author.name,
        asPulled.text.slice(0, 80), JSON.stringify(asPulled));
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', ?)").run(JSON.stringify(page.cursor));
    db.close();

    const upgraded = await startDesk(older.dir);
    try {
      await signIn(upgraded, 'operator1');
      expect(await row(COMMENT, upgraded)).toMatchObject({ status: 'new', withdrawnAt });
      expect(await inboxRow(COMMENT, upgraded)).toMatchObject({ withdrawnAt });
      expect((await value<LocalAppeal>(upgraded, 'appeals.get', { id: COMMENT })).appeal).toMatchObject({ version: 2, withdrawnAt });
      // Decidable with its own reason now that the desk knows it is withdrawn.
      await value(upgraded, 'appeals.reject', { appealId: COMMENT, reason: 'withdrawn' });
      await value(upgraded, 'sync.now', {});
      expect(await serverAppeal(COMMENT)).toMatchObject({ status: 'rejected', rejectReason: 'withdrawn', version: 3 });
    } finally {
      await upgraded.close();
      older.remove();
    }
  });
});
