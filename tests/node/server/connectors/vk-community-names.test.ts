// Comments by a community writing as itself (negative from_id: a shop's or a village's page under the ministry's post)
// are named through VK's groups.getById (5.199 answer `{ groups, profiles }`, tests/fixtures/connectors/vk/
// groups.getById.json) as people are through users.get: same bounded wait, same cache, the appeal stored with the
// placeholder on any failure. Real server and a fake VK API on loopback; SQLite (project node) and PostgreSQL
// (project node-postgres).
import { afterEach, describe, expect, it } from 'vitest';
import { connectorPayload } from './connector-server.js';
import { GROUP_ID, SECRET, startVkFixture, vkEvent, type VkFixture } from './vk-fixture.js';

let vk: VkFixture;
afterEach(async () => {
  await vk.dispose();
});

const ok = { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };
const SHOP = 300000005;
const VILLAGE = 300000006;

/** The published-shape groups.getById answer: its communities, loaded into the fake VK API. */
function loadGroups(): void {
  const answer = connectorPayload<{ response: { groups: ({ id: number } & Record<string, unknown>)[] } }>('vk', 'groups.getById');
  for (const group of answer.response.groups) vk.vkApi.groups.set(group.id, group);
}

/** wall_reply_new by `fromId` (a community when negative) as comment `commentId`, under its own event id. */
function commentBy(fromId: number, commentId: number) {
  const event = { ...vkEvent('wall_reply_new'), secret: SECRET, event_id: `comment-${commentId}` };
  event.object = { ...event.object, id: commentId, from_id: fromId, attachments: [] };
  return event;
}

const appealId = (commentId: number) => `vk:${GROUP_ID}:wall:3301:${commentId}`;
const callsOf = (method: string) => vk.vkApi.calls.filter((c) => c.method === method);

describe('VK community authors: names through groups.getById', () => {
  it('names a comment by a community and links its page, with the token in the POST body only', async () => {
    vk = await startVkFixture({ accessToken: true });
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
    vk = await startVkFixture({ accessToken: true });
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
    vk = await startVkFixture({ accessToken: true, lookupTimeoutMs: 300 });
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

    // A failure is not remembered: the community's next comment, VK working again, gets its name.
    expect(await vk.post(commentBy(-SHOP, 5004))).toEqual(ok);
    expect((await vk.appeals()).find((a) => a.id === appealId(5004))?.author.name).toBe('Магазин «Колосок» — с. Озёрное');
  });

  it('asks VK once for many comments by the same community, one after another and all at once', async () => {
    vk = await startVkFixture({ accessToken: true });
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
    vk = await startVkFixture({ accessToken: true });
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
    vk = await startVkFixture({ accessToken: true });
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
