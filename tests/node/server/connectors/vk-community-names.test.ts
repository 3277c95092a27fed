// Comments by a community writing as itself (negative from_id: a shop's or a village's page under the ministry's post)
// are named through VK's groups.getById (5.199 answer `{ groups, profiles }`, tests/fixtures/connectors/vk/
// groups.getById.json) as people are through users.get: same bounded wait, same cache, the appeal stored with the
// placeholder on any failure (or the author's last known name, however old). An id VK does not know is not asked again
// for a while, a failure about the id backs that id off briefly, a failure of the token or of VK (no answer, HTTP error,
// VK errors 5, 6, 9, 10, 29) pauses every lookup with that token and is logged once; each community's token asks for its
// own appeals. Real server and a fake VK API on loopback; SQLite
// (project node) and PostgreSQL (project node-postgres); the waits in time against the fake VK API with a clock.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorPayload, listenOnLoopback, startConnectorServer } from './connector-server.js';
import { ACCESS_TOKEN, GROUP_ID, SECRET, startFakeVkApi, startVkFixture, vkEvent, type VkFixture } from './vk-fixture.js';
import {
  CACHE_TTL_MS, createVkUserNames, FAILURE_BACKOFF_MS, RATE_LIMIT_DOWN_MS, TOKEN_DOWN_MS, UNKNOWN_TTL_MS, WRONG_TOKEN_DOWN_MS,
} from '../../../../server/connectors/vk/vk-user-names.js';

let vk: VkFixture;
// What a test started, stopped after it (the VK fixture, or the parts a test assembles itself).
const started: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of started.splice(0).reverse()) await stop();
});
async function startVk(opts: Parameters<typeof startVkFixture>[0]): Promise<VkFixture> {
  const fixture = await startVkFixture(opts);
  started.push(() => fixture.dispose());
  return fixture;
}

const ok = { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };
const SHOP = 300000005;
const VILLAGE = 300000006;

/** The published-shape groups.getById answer: its communities, loaded into a fake VK API. */
function loadGroupsInto(groups: Map<number, Record<string, unknown>>): void {
  const answer = connectorPayload<{ response: { groups: ({ id: number } & Record<string, unknown>)[] } }>('vk', 'groups.getById');
  for (const group of answer.response.groups) groups.set(group.id, group);
}
const loadGroups = (): void => loadGroupsInto(vk.vkApi.groups);

/** wall_reply_new by `fromId` (a community when negative) as comment `commentId`, under its own event id. */
function commentBy(fromId: number, commentId: number) {
  const event = { ...vkEvent('wall_reply_new'), secret: SECRET, event_id: `comment-${commentId}` };
  event.object = { ...event.object, id: commentId, from_id: fromId, attachments: [] };
  return event;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const appealId = (commentId: number) => `vk:${GROUP_ID}:wall:3301:${commentId}`;
const callsOf = (method: string) => vk.vkApi.calls.filter((c) => c.method === method);

describe('VK community authors: names through groups.getById', () => {
  it('names a comment by a community and links its page, with the token in the POST body only', async () => {
    vk = await startVk({ accessToken: true });
    loadGroups();
    expect(await vk.post(commentBy(-SHOP, 5001))).toEqual(ok);
    const [appeal] = await vk.appeals();
    expect(appeal).toMatchObject({ id: appealId(5001), author: { name: 'Магазин «Колосок» — с. Озёрное', url: `https://vk.com/club${SHOP}` } });
    expect(callsOf('users.get')).toEqual([]);
    const [call, ...more] = callsOf('groups.getById');
    expect(more).toEqual([]);
    expect(call?.fields.get('group_ids')).toBe(String(SHOP));
    expect(call?.fields.get('access_token')).toBe('vk1.a.fixture-community-token');
    expect(call?.fields.get('v')).toBe('5.199');
    expect(call?.target).not.toContain('fixture-community-token');
  });

  it('stores a hostile community name as plain text, as sent (cut at 500 characters)', async () => {
    vk = await startVk({ accessToken: true });
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script> \u202Eевил\u202C {{7*7}}';
    vk.vkApi.groups.set(SHOP, { id: SHOP, name: hostile, screen_name: 'x', is_closed: 0, type: 'page' });
    vk.vkApi.groups.set(VILLAGE, { id: VILLAGE, name: 'ы'.repeat(900), screen_name: 'club300000006', is_closed: 0, type: 'group' });
    expect(await vk.post(commentBy(-SHOP, 5001))).toEqual(ok);
    expect(await vk.post(commentBy(-VILLAGE, 5002))).toEqual(ok);
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author.name]));
    expect(byId.get(appealId(5001))).toBe(hostile);
    expect(byId.get(appealId(5002))).toBe('ы'.repeat(500));
  });

  it('stores the appeal with the placeholder when groups.getById fails or is slow, answers VK in time, logs no token', async () => {
    vk = await startVk({ accessToken: true, lookupTimeoutMs: 300 });
    loadGroups();
    vk.vkApi.error = { error_code: 15, error_msg: 'Access denied: group is blocked' };
    expect(await vk.post(commentBy(-VILLAGE, 5002))).toEqual(ok);
    // A community VK does not return (none in the answer) keeps the placeholder too.
    delete vk.vkApi.error;
    expect(await vk.post(commentBy(-300000099, 5003))).toEqual(ok);
    vk.vkApi.delayMs = 5000;
    const started = Date.now();
    expect(await vk.post(commentBy(-SHOP, 5001))).toEqual(ok);
    expect(Date.now() - started).toBeLessThan(2000);

    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author]));
    expect(byId.get(appealId(5001))).toEqual({ name: `Сообщество VK club${SHOP}`, url: `https://vk.com/club${SHOP}` });
    expect(byId.get(appealId(5002))).toEqual({ name: `Сообщество VK club${VILLAGE}`, url: `https://vk.com/club${VILLAGE}` });
    expect(byId.get(appealId(5003))?.name).toBe('Сообщество VK club300000099');
    expect(vk.log.some((line) => line.includes(`groups.getById for club${SHOP}`) && line.includes('no answer in 300 ms'))).toBe(true);
    expect(vk.log.some((line) => line.includes(`groups.getById for club${VILLAGE}`) && line.includes('VK error 15'))).toBe(true);
    expect(vk.log.join('\n')).not.toContain('fixture-community-token');

    // Each was asked once. The blocked community is backed off briefly (after the back-off it is asked again, and
    // named: the clock tests below); the unknown community is not asked again either. The timeout is VK's, not the
    // shop's: for a while nothing is asked with this token, so the next comments — the shop's, and a person's never
    // seen before, VK working again meanwhile — are stored at once with placeholders, VK not asked, one line logged.
    vk.vkApi.delayMs = 0;
    vk.vkApi.names.set(610000017, ['Анна', 'Петрова']);
    expect(await vk.post(commentBy(-SHOP, 5004))).toEqual(ok);
    expect(await vk.post(commentBy(-VILLAGE, 5005))).toEqual(ok);
    expect(await vk.post(commentBy(-300000099, 5006))).toEqual(ok);
    expect(await vk.post(commentBy(610000017, 5007))).toEqual(ok);
    const later = new Map((await vk.appeals()).map((a) => [a.id, a.author.name]));
    expect(later.get(appealId(5004))).toBe(`Сообщество VK club${SHOP}`);
    expect(later.get(appealId(5005))).toBe(`Сообщество VK club${VILLAGE}`);
    expect(later.get(appealId(5006))).toBe('Сообщество VK club300000099');
    expect(later.get(appealId(5007))).toBe('Пользователь VK id610000017');
    expect(callsOf('groups.getById').map((c) => c.fields.get('group_ids'))).toEqual([String(VILLAGE), '300000099', String(SHOP)]);
    expect(callsOf('users.get')).toEqual([]);
    expect(vk.log.filter((line) => line.includes('no lookups with this token'))).toHaveLength(1);
  });

  it('asks VK once for an id it does not know, person or community, however many comments follow', async () => {
    vk = await startVk({ accessToken: true });
    loadGroups();
    for (let i = 0; i < 4; i++) {
      expect(await vk.post(commentBy(-300000099, 5100 + i))).toEqual(ok);
      expect(await vk.post(commentBy(610000999, 5200 + i))).toEqual(ok);
    }
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author.name]));
    for (let i = 0; i < 4; i++) {
      expect(byId.get(appealId(5100 + i))).toBe('Сообщество VK club300000099');
      expect(byId.get(appealId(5200 + i))).toBe('Пользователь VK id610000999');
    }
    expect(callsOf('groups.getById')).toHaveLength(1);
    expect(callsOf('users.get')).toHaveLength(1);
  });

  it('cuts a long name between characters: an emoji across the 500th unit goes whole, one within it stays', async () => {
    vk = await startVk({ accessToken: true });
    // 😀 is two UTF-16 units (the contract's 500 are units): at 500–501 a cut at 500 kept its first half alone.
    vk.vkApi.groups.set(SHOP, { id: SHOP, name: `${'ы'.repeat(499)}😀 и дальше`, screen_name: 'x', is_closed: 0, type: 'page' });
    vk.vkApi.groups.set(VILLAGE, { id: VILLAGE, name: `${'ы'.repeat(498)}😀 село`, screen_name: 'y', is_closed: 0, type: 'group' });
    expect(await vk.post(commentBy(-SHOP, 5301))).toEqual(ok);
    expect(await vk.post(commentBy(-VILLAGE, 5302))).toEqual(ok);
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author.name]));
    expect(byId.get(appealId(5301))).toBe('ы'.repeat(499));
    expect(byId.get(appealId(5302))).toBe(`${'ы'.repeat(498)}😀`);
    for (const name of byId.values()) expect(name).not.toMatch(LONE_SURROGATE);
  });

  it('asks VK once for many comments by the same community, one after another and all at once', async () => {
    vk = await startVk({ accessToken: true });
    loadGroups();
    vk.vkApi.delayMs = 100;
    for (let i = 0; i < 5; i++) expect(await vk.post(commentBy(-VILLAGE, 6000 + i))).toEqual(ok);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => vk.post(commentBy(-VILLAGE, 6100 + i))));
    for (const answer of answers) expect(answer).toEqual(ok);
    const appeals = await vk.appeals();
    expect(appeals).toHaveLength(25);
    for (const appeal of appeals) expect(appeal.author).toEqual({ name: 'Администрация Озёрного сельсовета', url: `https://vk.com/club${VILLAGE}` });
    expect(callsOf('groups.getById')).toHaveLength(1);
  });

  it('names a mixed flood of people and communities, each through its own method, each once', async () => {
    vk = await startVk({ accessToken: true });
    loadGroups();
    vk.vkApi.names.set(610000017, ['Анна', 'Петрова']);
    vk.vkApi.names.set(610000451, ['Иван', 'Сидоров']);
    vk.vkApi.delayMs = 50;
    const authors = [610000017, -SHOP, 610000451, -VILLAGE];
    const expected = new Map<number, { name: string; url: string }>([
      [610000017, { name: 'Анна Петрова', url: 'https://vk.com/id610000017' }],
      [610000451, { name: 'Иван Сидоров', url: 'https://vk.com/id610000451' }],
      [-SHOP, { name: 'Магазин «Колосок» — с. Озёрное', url: `https://vk.com/club${SHOP}` }],
      [-VILLAGE, { name: 'Администрация Озёрного сельсовета', url: `https://vk.com/club${VILLAGE}` }],
    ]);
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => vk.post(commentBy(authors[i % 4] ?? 0, 7000 + i))));
    for (const answer of answers) expect(answer).toEqual(ok);
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author]));
    expect(byId.size).toBe(24);
    for (let i = 0; i < 24; i++) expect(byId.get(appealId(7000 + i)), `comment ${i}`).toEqual(expected.get(authors[i % 4] ?? 0));

    expect(callsOf('users.get').map((c) => c.fields.get('user_ids')).sort()).toEqual(['610000017', '610000451']);
    expect(callsOf('groups.getById').map((c) => c.fields.get('group_ids')).sort()).toEqual([String(SHOP), String(VILLAGE)]);
  });

  it('keeps the community as the author a deletion is matched against: deleted by itself, the appeal is withdrawn', async () => {
    vk = await startVk({ accessToken: true });
    loadGroups();
    expect(await vk.post(commentBy(-SHOP, 4512))).toEqual(ok);
    const deletion = { ...vkEvent('wall_reply_delete'), secret: SECRET };
    deletion.object = { ...deletion.object, user_id: -SHOP, deleter_id: -SHOP };
    expect(await vk.post(deletion)).toEqual(ok);
    const [appeal] = await vk.appeals();
    expect(appeal).toMatchObject({ id: appealId(4512), version: 2, author: { name: 'Магазин «Колосок» — с. Озёрное' } });
    expect(appeal?.withdrawnAt).toBeDefined();
  });
});

describe('VK name lookups per community token', () => {
  const OTHER_GROUP = 200000002;
  const OTHER_SECRET = 'fixture-secret-other-4Rt';
  // A token the fake VK API refuses (error 5): the other community's, revoked.
  const OTHER_TOKEN = 'vk1.a.fixture-other-community-token';

  it('asks with each community\'s own token: one community\'s token never answers for another\'s comment', async () => {
    const vkApi = await startFakeVkApi();
    started.push(() => vkApi.close());
    const server = await startConnectorServer({
      vk: [
        { groupId: GROUP_ID, secret: { env: 'VK_SECRET_A' }, confirmation: 'a1b2c3d4', accessToken: { env: 'VK_TOKEN_A' },
          channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' } },
        { groupId: OTHER_GROUP, secret: { env: 'VK_SECRET_B' }, confirmation: 'e5f6a7b8', accessToken: { env: 'VK_TOKEN_B' },
          channel: { name: 'Минтранс НСО', url: 'https://vk.com/mintrans_nso' } },
      ],
    }, {
      env: { VK_SECRET_A: SECRET, VK_TOKEN_A: ACCESS_TOKEN, VK_SECRET_B: OTHER_SECRET, VK_TOKEN_B: OTHER_TOKEN },
      vkApiUrl: vkApi.url,
    });
    started.push(() => server.fx.dispose());
    vkApi.names.set(610000017, ['Анна', 'Петрова']);
    vkApi.delayMs = 200;
    const post = (groupId: number, secret: string, commentId: number, fromId = 610000017) => {
      const event = { ...vkEvent('wall_reply_new'), group_id: groupId, secret, event_id: `comment-${groupId}-${commentId}` };
      event.object = { ...event.object, id: commentId, from_id: fromId, owner_id: -groupId, post_owner_id: -groupId, attachments: [] };
      return fetch(`${server.fx.server.url}/api/v1/connectors/vk/${groupId}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event),
      }).then((res) => res.text());
    };
    // The same author under both communities' posts at the same moment, the refused token's lookup first: coalesced
    // by author alone, both comments waited for its failure (and the other way round, the refused token got a name).
    const first = post(OTHER_GROUP, OTHER_SECRET, 8001);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await Promise.all([first, post(GROUP_ID, SECRET, 8002)])).toEqual(['ok', 'ok']);

    const byId = new Map((await server.appeals()).map((a) => [a.id, a.author.name]));
    expect(byId.get(`vk:${OTHER_GROUP}:wall:3301:8001`)).toBe('Пользователь VK id610000017');
    expect(byId.get(`vk:${GROUP_ID}:wall:3301:8002`)).toBe('Анна Петрова');
    expect(vkApi.calls.map((c) => c.fields.get('access_token'))).toEqual([OTHER_TOKEN, ACCESS_TOKEN]);

    // The refused token is down, for its community alone: a new author under its post is not asked about (placeholder
    // at once), a new author under the other community's post is, with that community's token and named.
    vkApi.names.set(610000451, ['Иван', 'Сидоров']);
    expect(await post(OTHER_GROUP, OTHER_SECRET, 8003, 610000451)).toBe('ok');
    expect(await post(GROUP_ID, SECRET, 8004, 610000451)).toBe('ok');
    const later = new Map((await server.appeals()).map((a) => [a.id, a.author.name]));
    expect(later.get(`vk:${OTHER_GROUP}:wall:3301:8003`)).toBe('Пользователь VK id610000451');
    expect(later.get(`vk:${GROUP_ID}:wall:3301:8004`)).toBe('Иван Сидоров');
    expect(vkApi.calls.map((c) => c.fields.get('access_token'))).toEqual([OTHER_TOKEN, ACCESS_TOKEN, ACCESS_TOKEN]);
    expect(server.log.filter((line) => line.includes('VK error 5 '))).toHaveLength(1);
    expect(server.log.join('\n')).not.toContain('fixture-other-community-token');
  });
});

describe('VK name lookups in time (a clock; the fake VK API on loopback)', () => {
  async function namesWithClock() {
    const vkApi = await startFakeVkApi();
    started.push(() => vkApi.close());
    const clock = { ms: Date.parse('2026-12-02T10:00:00Z') };
    const log: string[] = [];
    const names = createVkUserNames({ apiUrl: vkApi.url, now: () => clock.ms, log: (line) => log.push(line) });
    return { vkApi, clock, log, nameOf: (fromId: number) => names.nameOf(fromId, ACCESS_TOKEN) };
  }

  it('an id VK does not know is asked again only after UNKNOWN_TTL_MS, and named once VK knows it', async () => {
    const { vkApi, clock, nameOf } = await namesWithClock();
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    vkApi.names.set(610000017, ['Анна', 'Петрова']);
    loadGroupsInto(vkApi.groups);
    clock.ms += UNKNOWN_TTL_MS - 1_000;
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    expect(vkApi.calls).toHaveLength(2);
    clock.ms += 2_000;
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(await nameOf(610000017)).toBe('Анна Петрова');
    expect(vkApi.calls).toHaveLength(4);
  });

  it('VK\'s «Invalid user id» (113) is an unknown id, not a failure to back off briefly', async () => {
    const { vkApi, clock, nameOf } = await namesWithClock();
    vkApi.error = { error_code: 113, error_msg: 'Invalid user id' };
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    delete vkApi.error;
    vkApi.names.set(610000017, ['Анна', 'Петрова']);
    clock.ms += FAILURE_BACKOFF_MS + 1_000;
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    expect(vkApi.calls).toHaveLength(1);
  });

  it('a failure about the id is backed off for FAILURE_BACKOFF_MS, that id only, not taken for unknown: then asked again', async () => {
    const { vkApi, clock, log, nameOf } = await namesWithClock();
    loadGroupsInto(vkApi.groups);
    vkApi.error = { error_code: 15, error_msg: 'Access denied: group is blocked' };
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    delete vkApi.error;
    // Another id with the same token is asked meanwhile: error 15 says nothing about the token.
    expect(await nameOf(-VILLAGE)).toBe('Администрация Озёрного сельсовета');
    clock.ms += FAILURE_BACKOFF_MS - 1_000;
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    expect(vkApi.calls).toHaveLength(2);
    clock.ms += 2_000;
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(vkApi.calls).toHaveLength(3);
    expect(log.filter((line) => line.includes('VK error 15'))).toHaveLength(1);
  });

  it('groups.getById\'s «invalid group id» (100) is an unknown community, asked again only after UNKNOWN_TTL_MS', async () => {
    const { vkApi, clock, nameOf } = await namesWithClock();
    vkApi.error = { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: invalid group id' };
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    delete vkApi.error;
    loadGroupsInto(vkApi.groups);
    clock.ms += FAILURE_BACKOFF_MS + 1_000;
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    // Not a token fault either: another community is asked and named meanwhile.
    expect(await nameOf(-VILLAGE)).toBe('Администрация Озёрного сельсовета');
    expect(vkApi.calls).toHaveLength(2);
    clock.ms += UNKNOWN_TTL_MS;
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(vkApi.calls).toHaveLength(3);
  });

  it('an expired name whose refresh fails is still the name (VK down, or a failure about the id); VK\'s «unknown» is not', async () => {
    const { vkApi, clock, nameOf } = await namesWithClock();
    loadGroupsInto(vkApi.groups);
    vkApi.names.set(610000017, ['Анна', 'Петрова']);
    vkApi.names.set(610000451, ['Иван', 'Сидоров']);
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(await nameOf(-VILLAGE)).toBe('Администрация Озёрного сельсовета');
    expect(await nameOf(610000017)).toBe('Анна Петрова');
    clock.ms += CACHE_TTL_MS + 1_000;

    // A failure about the id: the old name, asked again after the back-off.
    vkApi.error = { error_code: 15, error_msg: 'Access denied: group is blocked' };
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(vkApi.calls).toHaveLength(4);
    // VK itself failing (internal error): the old name, and during the outage still the old name, VK not asked.
    vkApi.error = { error_code: 10, error_msg: 'Internal server error' };
    expect(await nameOf(-VILLAGE)).toBe('Администрация Озёрного сельсовета');
    expect(await nameOf(610000017)).toBe('Анна Петрова');
    expect(await nameOf(610000451)).toBe('Пользователь VK id610000451');
    expect(vkApi.calls).toHaveLength(5);

    // VK back: names refreshed; an id VK no longer knows loses its old name (the placeholder, not a stale one).
    delete vkApi.error;
    vkApi.names.delete(610000017);
    clock.ms += Math.max(TOKEN_DOWN_MS, FAILURE_BACKOFF_MS) + 1_000;
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    expect(await nameOf(610000017)).toBe('Пользователь VK id610000017');
    expect(await nameOf(-VILLAGE)).toBe('Администрация Озёрного сельсовета');
    expect(vkApi.calls).toHaveLength(7);
  });
});

describe('VK down or the token refused: lookups with that token pause (a clock; loopback)', () => {
  /** Names with a clock, as in the block above (the fake VK API; or `apiUrl`: a stub, a closed port). */
  async function namesWithClock(opts: { apiUrl?: string; timeoutMs?: number } = {}) {
    const vkApi = await startFakeVkApi();
    started.push(() => vkApi.close());
    const clock = { ms: Date.parse('2026-12-02T10:00:00Z') };
    const log: string[] = [];
    const names = createVkUserNames({
      apiUrl: opts.apiUrl ?? vkApi.url, now: () => clock.ms, log: (line) => log.push(line),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
    /** A name, and how long its answer took in real time. */
    const timed = async (fromId: number) => {
      const start = performance.now();
      const name = await names.nameOf(fromId, ACCESS_TOKEN);
      return { name, ms: performance.now() - start };
    };
    return { vkApi, clock, log, nameOf: (fromId: number) => names.nameOf(fromId, ACCESS_TOKEN), timed };
  }

  /** An HTTP server on loopback answering every request with `status` (and `headers`), counting them. */
  async function startHttpStub(status: number, headers: Record<string, string> = {}) {
    const stub = { requests: 0 };
    const server = createServer((req, res) => {
      stub.requests++;
      req.resume();
      req.on('end', () => res.writeHead(status, { 'content-type': 'text/html', ...headers }).end('<h1>Bad Gateway</h1>'));
    });
    const { url, close } = await listenOnLoopback(server);
    started.push(close);
    return Object.assign(stub, { url });
  }

  const ANNA = 610000017;
  const IVAN = 610000451;
  const PETR = 610000452;

  it.each([
    [5, 'User authorization failed: invalid access_token (4).', TOKEN_DOWN_MS],
    [6, 'Too many requests per second', TOKEN_DOWN_MS],
    [9, 'Flood control', TOKEN_DOWN_MS],
    [10, 'Internal server error', TOKEN_DOWN_MS],
    [29, 'Rate limit reached', RATE_LIMIT_DOWN_MS],
    [27, 'Group authorization failed: method is unavailable with group auth.', WRONG_TOKEN_DOWN_MS],
    [28, 'Application authorization failed: method is unavailable with service token.', WRONG_TOKEN_DOWN_MS],
  ])('VK error %i: no call with the token for the pause, every author the placeholder at once, one log line', async (code, msg, pause) => {
    const { vkApi, clock, log, nameOf, timed } = await namesWithClock();
    loadGroupsInto(vkApi.groups);
    vkApi.names.set(ANNA, ['Анна', 'Петрова']);
    vkApi.names.set(IVAN, ['Иван', 'Сидоров']);
    vkApi.error = { error_code: code, error_msg: msg };
    expect(await nameOf(ANNA)).toBe(`Пользователь VK id${ANNA}`);
    delete vkApi.error;
    // Other authors, people and communities, never asked about before: not asked now either.
    for (const fromId of [IVAN, -SHOP, PETR, -VILLAGE]) {
      const { name, ms } = await timed(fromId);
      expect(name).toBe(fromId > 0 ? `Пользователь VK id${fromId}` : `Сообщество VK club${-fromId}`);
      expect(ms).toBeLessThan(100);
    }
    clock.ms += pause - 1_000;
    expect(await nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(vkApi.calls).toHaveLength(1);
    clock.ms += 2_000;
    expect(await nameOf(IVAN)).toBe('Иван Сидоров');
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(vkApi.calls).toHaveLength(3);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain(`VK error ${code} ${msg}`);
    expect(log[0]).toContain(`no lookups with this token for ${pause / 1000} s`);
    expect(log.join('\n')).not.toContain('fixture-community-token');
  });

  it('no answer in time: the next new authors do not wait, VK is not asked, and all at once the outage is one line', async () => {
    const { vkApi, clock, log, nameOf, timed } = await namesWithClock({ timeoutMs: 200 });
    vkApi.names.set(ANNA, ['Анна', 'Петрова']);
    vkApi.names.set(IVAN, ['Иван', 'Сидоров']);
    vkApi.delayMs = 5000;
    // Three authors at once, all timing out: one outage, one line.
    expect(await Promise.all([nameOf(ANNA), nameOf(IVAN), nameOf(-SHOP)]))
      .toEqual([`Пользователь VK id${ANNA}`, `Пользователь VK id${IVAN}`, `Сообщество VK club${SHOP}`]);
    expect(vkApi.calls).toHaveLength(3);
    const first = await timed(PETR);
    const second = await timed(-VILLAGE);
    expect([first.name, second.name]).toEqual([`Пользователь VK id${PETR}`, `Сообщество VK club${VILLAGE}`]);
    expect(Math.max(first.ms, second.ms)).toBeLessThan(100);
    expect(vkApi.calls).toHaveLength(3);
    expect(log).toEqual([expect.stringMatching(/^vk: (users\.get for id\d+|groups\.getById for club\d+): no answer in 200 ms; no lookups with this token for 30 s$/)]);

    // Past the pause one lookup tries again; while it waits, the others keep the placeholder without a call. It fails
    // too: the same outage, not logged again.
    clock.ms += TOKEN_DOWN_MS + 1_000;
    const probe = nameOf(ANNA);
    expect(await nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(await probe).toBe(`Пользователь VK id${ANNA}`);
    expect(vkApi.calls).toHaveLength(4);
    expect(log).toHaveLength(1);

    // VK answers again: names, and a later outage is a new line.
    vkApi.delayMs = 0;
    clock.ms += TOKEN_DOWN_MS + 1_000;
    expect(await nameOf(ANNA)).toBe('Анна Петрова');
    expect(await nameOf(IVAN)).toBe('Иван Сидоров');
    vkApi.error = { error_code: 10, error_msg: 'Internal server error' };
    expect(await nameOf(PETR)).toBe(`Пользователь VK id${PETR}`);
    expect(await nameOf(-VILLAGE)).toBe(`Сообщество VK club${VILLAGE}`);
    expect(vkApi.calls).toHaveLength(7);
    expect(log).toHaveLength(2);
    expect(log[1]).toContain('VK error 10');
  });

  it('HTTP 502: a pause of TOKEN_DOWN_MS; HTTP 503 with Retry-After: as long as VK asks (within an hour)', async () => {
    const badGateway = await startHttpStub(502);
    const bad = await namesWithClock({ apiUrl: badGateway.url });
    expect(await bad.nameOf(ANNA)).toBe(`Пользователь VK id${ANNA}`);
    expect(await bad.nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    bad.clock.ms += TOKEN_DOWN_MS - 1_000;
    expect(await bad.nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(badGateway.requests).toBe(1);
    bad.clock.ms += 2_000;
    expect(await bad.nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(badGateway.requests).toBe(2);
    expect(bad.log).toEqual([`vk: users.get for id${ANNA}: HTTP 502; no lookups with this token for 30 s`]);

    const unavailable = await startHttpStub(503, { 'retry-after': '300' });
    const busy = await namesWithClock({ apiUrl: unavailable.url });
    expect(await busy.nameOf(ANNA)).toBe(`Пользователь VK id${ANNA}`);
    busy.clock.ms += 299_000;
    expect(await busy.nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(unavailable.requests).toBe(1);
    busy.clock.ms += 2_000;
    expect(await busy.nameOf(IVAN)).toBe(`Пользователь VK id${IVAN}`);
    expect(unavailable.requests).toBe(2);
    expect(busy.log).toEqual([`vk: users.get for id${ANNA}: HTTP 503; no lookups with this token for 300 s`]);
  });

  it('VK unreachable (the connection dropped, no answer at all) is an outage too', async () => {
    // A server that drops every connection, kept listening: a closed port's number could be taken meanwhile by another
    // test file's fake VK API (same token), which answered «no such user» — CI of 3421ec4, run in parallel.
    const dropping = createServer();
    dropping.on('connection', (socket) => socket.destroy());
    const closed = await listenOnLoopback(dropping);
    started.push(() => closed.close());
    const { clock, log, nameOf, timed } = await namesWithClock({ apiUrl: closed.url });
    expect(await nameOf(ANNA)).toBe(`Пользователь VK id${ANNA}`);
    expect((await timed(IVAN)).name).toBe(`Пользователь VK id${IVAN}`);
    clock.ms += TOKEN_DOWN_MS + 1_000;
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/^vk: users\.get for id610000017: .+; no lookups with this token for 30 s$/);
  });
});
