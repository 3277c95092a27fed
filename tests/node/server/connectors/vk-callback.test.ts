// The VK Callback API connector (issue 14 item 2) end to end: fixture events from VK's published shapes posted by a real
// HTTP client to the real server on loopback, on SQLite (project node) and PostgreSQL (project node-postgres).
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../../shared/domain/appeal.js';
import { openLive } from '../live-reader.js';
import { mutationId } from '../server-fixture.js';
import { CONFIRMATION, GROUP_ID, SECRET, startVkFixture, vkEvent, type VkFixture } from './vk-fixture.js';

let vk: VkFixture;
afterEach(async () => {
  await vk.dispose();
});

const COMMENT_ID = `vk:${GROUP_ID}:wall:3301:4512`;
const MESSAGE_ID = `vk:${GROUP_ID}:msg:610000451:37`;
const withSecret = <T extends object>(event: T, secret = SECRET): T & { secret: string } => ({ ...event, secret });
const ok = { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };

describe('VK Callback API: confirmation, secret, group, event type', () => {
  it('answers confirmation with the configured string as text/plain, and refuses it with a wrong secret', async () => {
    vk = await startVkFixture();
    expect(await vk.post(vkEvent('confirmation'))).toEqual({ status: 200, text: CONFIRMATION, contentType: 'text/plain; charset=utf-8' });
    const { secret: _drop, ...bare } = vkEvent('confirmation');
    expect((await vk.post(bare)).text).toBe(CONFIRMATION);
    expect((await vk.post(withSecret(vkEvent('confirmation'), 'wrong'))).status).toBe(403);
  });

  it('refuses a wrong or missing secret with 403 and stores nothing', async () => {
    vk = await startVkFixture();
    const { secret: _drop, ...bare } = withSecret(vkEvent('wall_reply_new'));
    for (const event of [withSecret(vkEvent('wall_reply_new'), 'fixture-secret-Zq8'), withSecret(vkEvent('wall_reply_new'), ''), bare,
      withSecret(vkEvent('message_new'), SECRET.toUpperCase())]) {
      const res = await vk.post(event);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'bad_secret' } });
    }
    expect(await vk.appeals()).toEqual([]);
  });

  it('answers 404 for a group that is not configured, 400 for a body of another group, and stores nothing', async () => {
    vk = await startVkFixture();
    expect((await vk.post(withSecret(vkEvent('wall_reply_new')), { groupId: 200000002 })).status).toBe(404);
    expect((await vk.post(withSecret(vkEvent('wall_reply_new')), { groupId: 'club200000001' })).status).toBe(404);
    expect((await vk.post(withSecret({ ...vkEvent('wall_reply_new'), group_id: 200000002 }))).status).toBe(400);
    expect(await vk.appeals()).toEqual([]);
  });

  it('answers ok to an event type it does not take, logs it, stores nothing', async () => {
    vk = await startVkFixture();
    expect(await vk.post(withSecret(vkEvent('group_join')))).toEqual(ok);
    expect(vk.log.some((line) => line.includes('group_join') && line.includes('not taken'))).toBe(true);
    expect(await vk.appeals()).toEqual([]);
    // Still secret-checked first.
    expect((await vk.post(withSecret(vkEvent('group_join'), 'wrong'))).status).toBe(403);
  });

  it('refuses bodies off VK\'s schema with 400, an oversized one with 413, and stores nothing', async () => {
    vk = await startVkFixture();
    const comment = () => withSecret(vkEvent('wall_reply_new'));
    const offSchema: unknown[] = [
      { ...comment(), object: { ...comment().object, post_id: undefined } },
      { ...comment(), object: { ...comment().object, text: 42 } },
      { ...comment(), object: { ...comment().object, from_id: '610000017' } },
      { ...comment(), object: { ...comment().object, attachments: [{ type: 'photo', photo: { id: 'x' } }] } },
      { ...comment(), object: undefined },
      { ...comment(), event_id: undefined },
      // Not well-formed: stored as U+FFFD, two such events would share one once-only record and the second be lost.
      { ...comment(), event_id: 'z\uD801' },
      { ...comment(), event_id: 'z\u0000' },
      { ...comment(), group_id: undefined },
      { ...withSecret(vkEvent('message_new')), object: { text: 'старая форма без object.message' } },
      { ...comment(), object: { ...comment().object, post_owner_id: -1 } },
      [comment()],
      'ok',
    ];
    for (const body of offSchema) expect((await vk.post(body)).status, JSON.stringify(body).slice(0, 200)).toBe(400);
    expect((await vk.post(undefined, { raw: '{"type": "wall_reply_new", ' })).status).toBe(400);
    expect((await vk.post(undefined, { raw: '' })).status).toBe(400);

    const started = Date.now();
    const huge = { ...comment(), object: { ...comment().object, text: 'я'.repeat(600_000) } }; // 1.2 MB of UTF-8
    const res = await vk.post(huge);
    expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await vk.appeals()).toEqual([]);
    // Each refusal kind leaves IT a line (the first of a burst: the ones after it within 10 s are counted, not written).
    const refusals = vk.log.filter((line) => line.startsWith('connector refused: '));
    expect(refusals).toEqual([
      expect.stringMatching(/^connector refused: POST \/api\/v1\/connectors\/vk\/200000001 → 400 invalid_request: Событие VK не по схеме: /),
      expect.stringMatching(/^connector refused: POST \/api\/v1\/connectors\/vk\/200000001 → 413 payload_too_large: /),
    ]);
  });
});

describe('VK Callback API: events become appeals', () => {
  it('takes a comment: stable id, link to it, author link, placeholder name without a token, largest photo, video, link, document', async () => {
    vk = await startVkFixture();
    expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
    const [appeal] = await vk.appeals();
    expect(appeal).toEqual({
      id: COMMENT_ID, source: 'vk', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' },
      author: { name: 'Пользователь VK id610000017', url: 'https://vk.com/id610000017' },
      text: vkEvent('wall_reply_new').object.text,
      attachments: [
        { kind: 'link', url: `https://vk.com/wall-${GROUP_ID}_3301?reply=4512` },
        { kind: 'photo', url: 'https://sun9-41.userapi.com/impg/fixture-photo-1/z.jpg?size=960x1280&quality=96&type=album' },
        { kind: 'video', url: 'https://vk.com/video610000017_456239017' },
        { kind: 'link', url: 'https://www.gosuslugi.ru/help/faq/zapis_k_vrachu' },
        { kind: 'link', url: 'https://vk.com/doc610000017_670000042?hash=fixturehash&dl=fixture&api=1&no_preview=1' },
      ],
      receivedAt: new Date(1764653400 * 1000).toISOString(),
      status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
    });
  });

  it('keeps the thread of a reply to a comment in its link, and links a community author to its page', async () => {
    vk = await startVkFixture();
    expect(await vk.post(withSecret(vkEvent('wall_reply_new-thread')))).toEqual(ok);
    const fromCommunity = withSecret(vkEvent('wall_reply_new'));
    fromCommunity.object = { ...fromCommunity.object, id: 4600, from_id: -300000005 };
    fromCommunity.event_id = 'another-event';
    expect(await vk.post(fromCommunity)).toEqual(ok);
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a]));
    expect(byId.get(`vk:${GROUP_ID}:wall:3301:4519`)?.attachments[0]).toEqual(
      { kind: 'link', url: `https://vk.com/wall-${GROUP_ID}_3301?reply=4519&thread=4512` });
    expect(byId.get(`vk:${GROUP_ID}:wall:3301:4600`)?.author).toEqual(
      { name: 'Сообщество VK club300000005', url: 'https://vk.com/club300000005' });
  });

  it('does not take the community\'s own replies or outgoing messages as appeals', async () => {
    vk = await startVkFixture();
    const own = withSecret(vkEvent('wall_reply_new'));
    own.object = { ...own.object, from_id: -GROUP_ID };
    expect(await vk.post(own)).toEqual(ok);
    const outgoing = withSecret(vkEvent('message_edit'));
    outgoing.object = { ...outgoing.object, out: 1, from_id: -GROUP_ID };
    expect(await vk.post(outgoing)).toEqual(ok);
    expect(await vk.appeals()).toEqual([]);
  });

  it('takes a private message (5.103+ object.message) and its edit as a new version', async () => {
    vk = await startVkFixture();
    expect(await vk.post(withSecret(vkEvent('message_new')))).toEqual(ok);
    let [appeal] = await vk.appeals();
    expect(appeal).toMatchObject({
      id: MESSAGE_ID, version: 1, text: (vkEvent('message_new').object.message as { text: string }).text,
      author: { name: 'Пользователь VK id610000451', url: 'https://vk.com/id610000451' },
      attachments: [
        { kind: 'link', url: `https://vk.com/gim${GROUP_ID}?sel=610000451&msgid=1187` },
        { kind: 'photo', url: 'https://sun9-7.userapi.com/impg/fixture-photo-2/w.jpg?size=1280x960&quality=95&type=album' },
      ],
    });
    expect(await vk.post(withSecret(vkEvent('message_edit')))).toEqual(ok);
    [appeal] = await vk.appeals();
    expect(appeal).toMatchObject({ id: MESSAGE_ID, version: 2, text: vkEvent('message_edit').object.text,
      attachments: [{ kind: 'link', url: `https://vk.com/gim${GROUP_ID}?sel=610000451&msgid=1187` }] });
  });

  it('takes a comment edit as a new version: a desk deciding on the old text gets the usual conflict', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const operator = await vk.fx.signIn('operator1');
    expect(await vk.post(withSecret(vkEvent('wall_reply_edit')))).toEqual(ok);
    const [edited] = await vk.appeals();
    expect(edited).toMatchObject({ id: COMMENT_ID, version: 2, status: 'new', text: vkEvent('wall_reply_edit').object.text });
    expect(edited?.attachments).toHaveLength(2);

    const decide = await vk.fx.call('POST', '/mutations', { token: operator, body: { mutations: [
      { id: mutationId(), appealId: COMMENT_ID, baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'minzdrav' }] } });
    expect(decide.body).toMatchObject({ results: [{ status: 'conflict', appeal: { version: 2, text: vkEvent('wall_reply_edit').object.text } }] });

    // The same text again under another event id (VK sends an edit per save): no new version.
    expect(await vk.post({ ...withSecret(vkEvent('wall_reply_edit')), event_id: 'edit-again' })).toEqual(ok);
    expect((await vk.appeals())[0]?.version).toBe(2);
    // Edited back to the first text, then VK retries the first edit's event: the retry changes nothing (event id).
    const back = { ...withSecret(vkEvent('wall_reply_edit')), event_id: 'edit-back' };
    back.object = { ...back.object, text: vkEvent('wall_reply_new').object.text };
    expect(await vk.post(back)).toEqual(ok);
    expect(await vk.post(withSecret(vkEvent('wall_reply_edit')))).toEqual(ok);
    expect((await vk.appeals()).find((a) => a.id === COMMENT_ID)).toMatchObject({ version: 3, text: vkEvent('wall_reply_new').object.text });
    // An edit of a comment never seen makes it an appeal (VK's retries may bring the edit first).
    const unseen = withSecret(vkEvent('wall_reply_edit'));
    unseen.object = { ...unseen.object, id: 4700 };
    unseen.event_id = 'edit-of-unseen';
    expect(await vk.post(unseen)).toEqual(ok);
    expect((await vk.appeals()).find((a) => a.id === `vk:${GROUP_ID}:wall:3301:4700`)).toMatchObject({ version: 1 });
  });

  // Deletions and restores (withdrawn by its author, issue 14 item 6): vk-withdrawn.test.ts.

  it('stores hostile text as sent, a lone surrogate as U+FFFD, and cuts text over the limit with a mark', async () => {
    vk = await startVkFixture();
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> \u202Eевил\u202C \u0000 {{7*7}} \'; DROP TABLE appeals; --';
    const event = withSecret(vkEvent('wall_reply_new'));
    event.object = { ...event.object, text: `${hostile} \uD800 конец`, attachments: [] };
    expect(await vk.post(event)).toEqual(ok);
    const long = withSecret(vkEvent('wall_reply_new'));
    long.object = { ...long.object, id: 9000, text: 'ж'.repeat(MAX_TEXT_LENGTH + 5000), attachments: [] };
    long.event_id = 'long-one';
    expect(await vk.post(long)).toEqual(ok);
    const byId = new Map((await vk.appeals()).map((a) => [a.id, a]));
    expect(byId.get(COMMENT_ID)?.text).toBe(`${hostile} \uFFFD конец`);
    const cut = byId.get(`vk:${GROUP_ID}:wall:3301:9000`)?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(cut).toMatch(/\[текст обрезан: показано \d+ из 205000 символов\]$/);
    expect(cut.startsWith('ж'.repeat(1000))).toBe(true);
  });
});

describe('VK Callback API: live desks', () => {
  it('tells a signed-in desk to pull within a second of a new comment and of an edit, and not for a retry', async () => {
    vk = await startVkFixture();
    const stream = await openLive(vk.fx.server.url, await vk.fx.signIn('operator1'));
    try {
      await stream.nextEvent('hello', 1000);
      expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '1' });
      expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
      expect(await vk.post(withSecret(vkEvent('wall_reply_edit')))).toEqual(ok);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '2' });
    } finally {
      stream.close();
    }
  });
});

describe('VK Callback API: retries', () => {
  it('stores one appeal for the same event sent 5 times, and for the same comment under two event ids', async () => {
    vk = await startVkFixture();
    for (let i = 0; i < 5; i++) expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
    expect(await vk.post({ ...withSecret(vkEvent('wall_reply_new')), event_id: 'a-second-delivery' })).toEqual(ok);
    const appeals = await vk.appeals();
    expect(appeals.map((a) => [a.id, a.version])).toEqual([[COMMENT_ID, 1]]);
  });

  it('stores one appeal for a concurrent flood of retries (same and different event ids), every one answered ok', async () => {
    vk = await startVkFixture();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      vk.post({ ...withSecret(vkEvent('wall_reply_new')), event_id: i % 2 === 0 ? 'flood' : `flood-${i}` })));
    for (const answer of answers) expect(answer).toEqual(ok);
    expect((await vk.appeals()).map((a) => [a.id, a.version])).toEqual([[COMMENT_ID, 1]]);
  });
});

describe('VK Callback API: author names through users.get', () => {
  it('resolves the name through the (fake) VK API with the community token in the body, once for a flood', async () => {
    vk = await startVkFixture({ accessToken: true });
    vk.vkApi.names.set(610000017, ['Анна', 'Петрова']);
    vk.vkApi.delayMs = 100;
    const answers = await Promise.all(Array.from({ length: 10 }, () => vk.post(withSecret(vkEvent('wall_reply_new')))));
    for (const answer of answers) expect(answer).toEqual(ok);
    expect((await vk.appeals())[0]?.author).toEqual({ name: 'Анна Петрова', url: 'https://vk.com/id610000017' });
    expect(vk.vkApi.calls).toHaveLength(1);
    const [call] = vk.vkApi.calls;
    expect(call?.fields.get('user_ids')).toBe('610000017');
    expect(call?.fields.get('fields')).toBe('city');
    expect(call?.fields.get('access_token')).toBe('vk1.a.fixture-community-token');
    expect(call?.fields.get('v')).toBe('5.199');
    expect(call?.target).not.toContain('fixture-community-token');
  });

  it('stores the place the profile names (its city) with the name, as one line; none when the profile shows none', async () => {
    vk = await startVkFixture({ accessToken: true });
    vk.vkApi.names.set(610000017, ['Анна', 'Петрова']);
    vk.vkApi.cities.set(610000017, '  Бердск \n');
    vk.vkApi.names.set(610000451, ['Иван', 'Сидоров']);
    expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
    expect(await vk.post(withSecret(vkEvent('message_new')))).toEqual(ok);
    const authors = new Map((await vk.appeals()).map((a) => [a.author.url, a.author]));
    expect(authors.get('https://vk.com/id610000017')).toEqual({ name: 'Анна Петрова', url: 'https://vk.com/id610000017', place: 'Бердск' });
    expect(authors.get('https://vk.com/id610000451')).toEqual({ name: 'Иван Сидоров', url: 'https://vk.com/id610000451' });
  });

  it('stores the placeholder name when the VK API is slow or answers an error, and still answers VK in time', async () => {
    vk = await startVkFixture({ accessToken: true, lookupTimeoutMs: 300 });
    vk.vkApi.names.set(610000451, ['Иван', 'Сидоров']);
    // The error about the person first: after a timeout nothing is asked with the token for a while
    // (vk-community-names.test.ts covers that pause).
    vk.vkApi.error = { error_code: 18, error_msg: 'User was deleted or banned' };
    expect(await vk.post(withSecret(vkEvent('wall_reply_new')))).toEqual(ok);
    delete vk.vkApi.error;
    vk.vkApi.delayMs = 5000;
    const started = Date.now();
    expect(await vk.post(withSecret(vkEvent('message_new')))).toEqual(ok);
    expect(Date.now() - started).toBeLessThan(2000);
    const names = (await vk.appeals()).map((a) => a.author.name).sort();
    expect(names).toEqual(['Пользователь VK id610000017', 'Пользователь VK id610000451']);
    expect(vk.log.some((line) => line.includes('users.get') && line.includes('no answer in 300 ms'))).toBe(true);
    expect(vk.log.some((line) => line.includes('users.get') && line.includes('VK error 18'))).toBe(true);
    expect(vk.log.join('\n')).not.toContain('fixture-community-token');
  });
});
