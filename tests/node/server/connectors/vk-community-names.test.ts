// Comments by a community writing as itself (negative from_id: a shop's or a village's page under the ministry's post)
// are named through VK's groups.getById (5.199 answer `{ groups, profiles }`, tests/fixtures/connectors/vk/
// groups.getById.json) as people are through users.get: same bounded wait, same cache, the appeal stored with the
// placeholder on any failure. An id VK does not know is not asked again for a while, a failed call is backed off
// briefly, and each community's token asks for its own appeals. Real server and a fake VK API on loopback; SQLite
// (project node) and PostgreSQL (project node-postgres); the waits in time against the fake VK API with a clock.
import { afterEach, describe, expect, it } from 'vitest';
import { connectorPayload, startConnectorServer } from './connector-server.js';
import { ACCESS_TOKEN, GROUP_ID, SECRET, startFakeVkApi, startVkFixture, vkEvent, type VkFixture } from './vk-fixture.js';
import {
  createVkUserNames, FAILURE_BACKOFF_MS, UNKNOWN_TTL_MS,
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

  it('stores the appeal with the placeholder when groups.getById is slow or fails, answers VK in time, logs no token', async () => {
    vk = await startVk({ accessToken: true, lookupTimeoutMs: 300 });
    loadGroups();
    vk.vkApi.delayMs = 5000;
    const started = Date.now();
    expect(await vk.post(commentBy(-SHOP, 5001))).toEqual(ok);
    expect(Date.now() - started).toBeLessThan(2000);
    vk.vkApi.delayMs = 0;
    vk.vkApi.error = { error_code: 15, error_msg: 'Access denied: group is blocked' };
    expect(await vk.post(commentBy(-VILLAGE, 5002))).toEqual(ok);
    // A community VK does not return (none in the answer) keeps the placeholder too.
    delete vk.vkApi.error;
    expect(await vk.post(commentBy(-300000099, 5003))).toEqual(ok);

    const byId = new Map((await vk.appeals()).map((a) => [a.id, a.author]));
    expect(byId.get(appealId(5001))).toEqual({ name: `Сообщество VK club${SHOP}`, url: `https://vk.com/club${SHOP}` });
    expect(byId.get(appealId(5002))).toEqual({ name: `Сообщество VK club${VILLAGE}`, url: `https://vk.com/club${VILLAGE}` });
    expect(byId.get(appealId(5003))?.name).toBe('Сообщество VK club300000099');
    expect(vk.log.some((line) => line.includes(`groups.getById for club${SHOP}`) && line.includes('no answer in 300 ms'))).toBe(true);
    expect(vk.log.some((line) => line.includes(`groups.getById for club${VILLAGE}`) && line.includes('VK error 15'))).toBe(true);
    expect(vk.log.join('\n')).not.toContain('fixture-community-token');

    // Each was asked once. A failed call backs its id off briefly: the community's next comment, VK working again,
    // is stored at once with the placeholder, VK not asked (after the back-off it is, and named: the clock test
    // below); the unknown community is not asked again either.
    expect(await vk.post(commentBy(-SHOP, 5004))).toEqual(ok);
    expect(await vk.post(commentBy(-VILLAGE, 5005))).toEqual(ok);
    expect(await vk.post(commentBy(-300000099, 5006))).toEqual(ok);
    const later = new Map((await vk.appeals()).map((a) => [a.id, a.author.name]));
    expect(later.get(appealId(5004))).toBe(`Сообщество VK club${SHOP}`);
    expect(later.get(appealId(5005))).toBe(`Сообщество VK club${VILLAGE}`);
    expect(later.get(appealId(5006))).toBe('Сообщество VK club300000099');
    expect(callsOf('groups.getById').map((c) => c.fields.get('group_ids'))).toEqual([String(SHOP), String(VILLAGE), '300000099']);
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
    const post = (groupId: number, secret: string, commentId: number) => {
      const event = { ...vkEvent('wall_reply_new'), group_id: groupId, secret, event_id: `comment-${groupId}-${commentId}` };
      event.object = { ...event.object, id: commentId, from_id: 610000017, owner_id: -groupId, post_owner_id: -groupId, attachments: [] };
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

  it('a failed call is backed off for FAILURE_BACKOFF_MS, not taken for unknown: then asked again and named', async () => {
    const { vkApi, clock, log, nameOf } = await namesWithClock();
    loadGroupsInto(vkApi.groups);
    vkApi.error = { error_code: 10, error_msg: 'Internal server error' };
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    delete vkApi.error;
    clock.ms += FAILURE_BACKOFF_MS - 1_000;
    expect(await nameOf(-SHOP)).toBe(`Сообщество VK club${SHOP}`);
    expect(vkApi.calls).toHaveLength(1);
    clock.ms += 2_000;
    expect(await nameOf(-SHOP)).toBe('Магазин «Колосок» — с. Озёрное');
    expect(vkApi.calls).toHaveLength(2);
    expect(log.filter((line) => line.includes('VK error 10'))).toHaveLength(1);
  });
});
