// The Telegram connector's webhook (issue 14 item 3) end to end: fixture updates from the Bot API's documented shapes
// posted by a real HTTP client to the real server on loopback, on SQLite (project node) and PostgreSQL (node-postgres).
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../../shared/domain/appeal.js';
import { openLive } from '../live-reader.js';
import { mutationId } from '../server-fixture.js';
import { BOT, CHANNEL, GROUP_ID, SECRET_TOKEN, startTelegramFixture, tgUpdate, withMessage, type TelegramFixture } from './telegram-fixture.js';

let tg: TelegramFixture;
afterEach(async () => {
  await tg.dispose();
});

const ok = { status: 200, text: 'ok' };
const COMMENT_ID = `tg:${BOT}:${GROUP_ID}:2305`;
const REPLY_ID = `tg:${BOT}:${GROUP_ID}:2310`;
const PRIVATE_ID = `tg:${BOT}:5100000017:88`;
const textOf = (name: string): string => (tgUpdate(name).message ?? tgUpdate(name).edited_message)?.text as string;

describe('Telegram webhook: secret, bot, body', () => {
  it('refuses a missing or wrong secret token with 403 before reading the body, and stores nothing', async () => {
    tg = await startTelegramFixture();
    for (const secret of [null, '', 'wrong', SECRET_TOKEN.toUpperCase(), `${SECRET_TOKEN}x`, SECRET_TOKEN.slice(0, -1)]) {
      const res = await tg.post(tgUpdate('comment'), { secret });
      expect(res.status, String(secret)).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'bad_secret' } });
    }
    // A wrong secret with a body over the cap: refused for the secret (the body is never read).
    expect((await tg.post(undefined, { secret: 'wrong', raw: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(403);
    expect(await tg.appeals()).toEqual([]);
    expect(tg.log.some((line) => line.includes('webhook refused: wrong or missing secret token'))).toBe(true);
    expect(tg.log.join('\n')).not.toContain(SECRET_TOKEN);
  });

  it('answers 404 for a bot that is not configured, 405 for another method; the bot name is case-insensitive', async () => {
    tg = await startTelegramFixture();
    expect((await tg.post(tgUpdate('comment'), { bot: 'other_nso_bot' })).status).toBe(404);
    expect(JSON.parse((await tg.post(tgUpdate('comment'), { bot: 'other_nso_bot' })).text)).toMatchObject({ error: { code: 'unknown_bot' } });
    expect((await tg.post(tgUpdate('comment'), { bot: `${BOT}/extra` })).status).toBe(404);
    expect((await tg.post(undefined, { method: 'GET' })).status).toBe(405);
    expect(await tg.appeals()).toEqual([]);
    expect(await tg.post(tgUpdate('comment'), { bot: BOT.toUpperCase() })).toEqual(ok);
    expect((await tg.appeals()).map((a) => a.id)).toEqual([COMMENT_ID]);
  });

  it('refuses bodies off the Update schema with 400, an oversized one with 413, and stores nothing', async () => {
    tg = await startTelegramFixture();
    const comment = () => tgUpdate('comment') as { update_id: number; message: Record<string, unknown> };
    const offSchema: unknown[] = [
      { ...comment(), update_id: undefined },
      { ...comment(), update_id: '870000102' },
      { ...comment(), update_id: -1 },
      { ...comment(), message: { ...comment().message, chat: undefined } },
      { ...comment(), message: { ...comment().message, chat: { id: GROUP_ID, type: 'forum' } } },
      { ...comment(), message: { ...comment().message, message_id: 'x' } },
      { ...comment(), message: { ...comment().message, text: 42 } },
      { ...comment(), message: { ...comment().message, date: undefined } },
      { ...comment(), message: { ...comment().message, from: { id: 1, first_name: 'без is_bot' } } },
      { ...comment(), message: { ...comment().message, photo: [{ file_id: 'x' }] } },
      { ...comment(), message: { ...comment().message, reply_to_message: { message_id: 1 } } },
      { update_id: 870000999, edited_message: 'текст' },
      [comment()],
      'ok',
      null,
    ];
    for (const body of offSchema) expect((await tg.post(body)).status, JSON.stringify(body)?.slice(0, 200)).toBe(400);
    expect((await tg.post(undefined, { raw: '{"update_id": 1, ' })).status).toBe(400);
    expect((await tg.post(undefined, { raw: '' })).status).toBe(400);

    const started = Date.now();
    const huge = { ...comment(), message: { ...comment().message, text: 'я'.repeat(600_000) } }; // 1.2 MB of UTF-8
    expect((await tg.post(huge)).status).toBe(413);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await tg.appeals()).toEqual([]);
  });

  it('answers an update kind it does not take (channel_post) with 200, logs it, stores nothing', async () => {
    tg = await startTelegramFixture();
    expect(await tg.post(tgUpdate('channel_post'))).toEqual(ok);
    expect(await tg.post({ update_id: 870000200, my_chat_member: { chat: { id: GROUP_ID, type: 'supergroup' } } })).toEqual(ok);
    expect(await tg.appeals()).toEqual([]);
    expect(tg.log.some((line) => line.includes('update 870000110: channel_post not taken'))).toBe(true);
    expect(tg.log.some((line) => line.includes('update 870000200: my_chat_member not taken'))).toBe(true);
  });
});

describe('Telegram webhook: what becomes an appeal', () => {
  it('takes a comment under a channel post: stable id, link to the comment under the post, author and profile link', async () => {
    tg = await startTelegramFixture();
    expect(await tg.post(tgUpdate('channel_forward'))).toEqual(ok);
    expect(await tg.appeals()).toEqual([]);
    expect(await tg.post(tgUpdate('comment'))).toEqual(ok);
    expect(await tg.appeals()).toEqual([{
      id: COMMENT_ID, source: 'telegram', channel: CHANNEL,
      author: { name: 'Анна Петрова', url: 'https://t.me/anna_petrova_nsk' },
      text: textOf('comment'),
      attachments: [{ kind: 'link', url: 'https://t.me/minzdrav_nso/412?comment=2305' }],
      receivedAt: new Date(1764653400 * 1000).toISOString(),
      status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
    }]);
    expect(tg.log.some((line) => line.includes('update 870000101: message: channel_post_forward'))).toBe(true);
  });

  it('links a reply to a comment to the same post: through the forward it remembers, and after a restart through the stored comment', async () => {
    tg = await startTelegramFixture();
    await tg.post(tgUpdate('channel_forward'));
    await tg.post(tgUpdate('comment'));
    expect(await tg.post(tgUpdate('comment_reply'))).toEqual(ok);
    const reply = (await tg.appeals()).find((a) => a.id === REPLY_ID);
    expect(reply).toMatchObject({
      author: { name: 'Иван' }, text: textOf('comment_reply'),
      attachments: [{ kind: 'link', url: 'https://t.me/minzdrav_nso/412?comment=2310' }],
    });
    // No username: no profile link.
    expect(reply?.author.url).toBeUndefined();

    // After a restart the forward is forgotten: a reply to the stored comment still finds the post through it.
    await tg.fx.restart();
    expect(await tg.post(withMessage('comment_reply', 870000301, { message_id: 2311 }))).toEqual(ok);
    expect((await tg.appeals()).find((a) => a.id === `tg:${BOT}:${GROUP_ID}:2311`)?.attachments).toEqual(
      [{ kind: 'link', url: 'https://t.me/minzdrav_nso/412?comment=2311' }]);
    // A reply to a message the connector never saw, in a thread it does not know: a comment in that thread, its post
    // unknown (the members' link to the message in its thread).
    const stray = withMessage('comment_reply', 870000302, { message_id: 2320, message_thread_id: 2290,
      reply_to_message: { ...(tgUpdate('comment_reply').message?.reply_to_message as object), message_id: 2291 } });
    expect(await tg.post(stray)).toEqual(ok);
    // A group message in no thread, answering nothing stored: not a comment it can place.
    expect(await tg.post(withMessage('comment', 870000303, { message_id: 2321, message_thread_id: undefined, reply_to_message: undefined }))).toEqual(ok);
    const links = new Map((await tg.appeals()).map((a) => [a.id, a.attachments[0]?.url]));
    expect([...links.keys()].sort()).toEqual([COMMENT_ID, REPLY_ID, `tg:${BOT}:${GROUP_ID}:2311`, `tg:${BOT}:${GROUP_ID}:2320`].sort());
    expect(links.get(`tg:${BOT}:${GROUP_ID}:2320`)).toBe('https://t.me/c/2000000022/2320?thread=2290');
    expect(tg.log.filter((line) => line.includes(': not_a_comment ')).length).toBe(1);
  });

  it('after a restart, takes a citizen\'s reply to the ministry\'s own answer as a comment in its thread; a retry changes nothing', async () => {
    tg = await startTelegramFixture();
    await tg.post(tgUpdate('channel_forward'));
    await tg.post(tgUpdate('comment'));
    expect(await tg.post(tgUpdate('channel_message'))).toEqual(ok);
    expect(tg.log.some((line) => line.includes('update 870000109: message: own_post'))).toBe(true);
    await tg.fx.restart();
    // Anna answers the ministry's answer (2316): its parent is no stored appeal, its thread (2301) was forgotten.
    const answer = tgUpdate('channel_message').message as Record<string, unknown>;
    const { reply_to_message: _nested, ...answerAsParent } = answer;
    const reply = withMessage('comment', 870000310, { message_id: 2317, date: 1764654400, text: 'Спасибо, но мне так и не позвонили.',
      message_thread_id: 2301, reply_to_message: answerAsParent });
    for (let i = 0; i < 2; i++) expect(await tg.post(reply)).toEqual(ok);
    const taken = (await tg.appeals()).filter((a) => a.id === `tg:${BOT}:${GROUP_ID}:2317`);
    expect(taken).toEqual([expect.objectContaining({
      text: 'Спасибо, но мне так и не позвонили.', version: 1,
      author: { name: 'Анна Петрова', url: 'https://t.me/anna_petrova_nsk' },
      attachments: [{ kind: 'link', url: 'https://t.me/c/2000000022/2317?thread=2301' }],
    })]);
    expect(tg.log.some((line) => line.includes(`update 870000310: message: insert tg:${BOT}:${GROUP_ID}:2317`))).toBe(true);
    // A reply to that reply finds it stored, in the same thread, after another restart too.
    await tg.fx.restart();
    expect(await tg.post(withMessage('comment_reply', 870000311, { message_id: 2318, message_thread_id: 2301,
      reply_to_message: { ...answerAsParent, message_id: 2317, sender_chat: undefined, from: tgUpdate('comment').message?.from } }))).toEqual(ok);
    expect((await tg.appeals()).find((a) => a.id === `tg:${BOT}:${GROUP_ID}:2318`)?.attachments)
      .toEqual([{ kind: 'link', url: 'https://t.me/c/2000000022/2318?thread=2301' }]);
  });

  it('does not take the threads of another channel\'s discussion group, once that channel\'s forward was seen there', async () => {
    tg = await startTelegramFixture();
    const otherChannel = { id: -1009000000099, title: 'Чужой канал', username: 'other_news_nsk', type: 'channel' };
    const otherGroup = { id: -1009000000100, title: 'Чужое обсуждение', type: 'supergroup' };
    const otherForward = { ...(tgUpdate('channel_forward').message as object), chat: otherGroup, sender_chat: otherChannel,
      forward_origin: { type: 'channel', chat: otherChannel, message_id: 77, date: 1764653095 } };
    expect(await tg.post({ update_id: 870000320, message: otherForward })).toEqual(ok);
    expect(await tg.post(withMessage('comment_reply', 870000321, { chat: otherGroup, message_id: 2400, message_thread_id: 2301,
      reply_to_message: { ...(tgUpdate('comment_reply').message?.reply_to_message as object), chat: otherGroup, message_id: 2399 } }))).toEqual(ok);
    expect(await tg.appeals()).toEqual([]);
    expect(tg.log.some((line) => line.includes('update 870000321: message: not_a_comment'))).toBe(true);
  });

  it('takes a forward of a channel without a username as another channel\'s when the configured one is public', async () => {
    tg = await startTelegramFixture();
    // A private channel's post: its forward names the channel, no username (a public channel's always has one).
    const privateChannel = { id: -1001000000077, title: 'Минздрав НСО', type: 'channel' };
    const forward = { ...(tgUpdate('channel_forward').message as object), sender_chat: privateChannel,
      forward_origin: { type: 'channel', chat: privateChannel, message_id: 412, date: 1764653095 } };
    expect(await tg.post({ update_id: 870000330, message: forward })).toEqual(ok);
    expect(await tg.post(withMessage('comment', 870000331, { reply_to_message: forward }))).toEqual(ok);
    // Not linked to the configured channel's post 412, which it is not under.
    expect(await tg.appeals()).toEqual([]);
    for (const update of [870000330, 870000331]) {
      expect(tg.log.some((line) => line.includes(`update ${update}: message: other_channel `)), String(update)).toBe(true);
    }
  });

  it('takes a private message to the bot: no public link, the author\'s t.me link says whom to answer', async () => {
    tg = await startTelegramFixture();
    expect(await tg.post(tgUpdate('private_message'))).toEqual(ok);
    expect(await tg.appeals()).toEqual([expect.objectContaining({
      id: PRIVATE_ID, source: 'telegram', text: textOf('private_message'), attachments: [],
      author: { name: 'Анна Петрова', url: 'https://t.me/anna_petrova_nsk' },
    })]);
  });

  it('takes an edit as a new version: a desk deciding on the old text gets the usual conflict', async () => {
    tg = await startTelegramFixture();
    await tg.post(tgUpdate('comment'));
    const operator = await tg.fx.signIn('operator1');
    expect(await tg.post(tgUpdate('edited_message'))).toEqual(ok);
    const [edited] = await tg.appeals();
    expect(edited).toMatchObject({ id: COMMENT_ID, version: 2, status: 'new', text: textOf('edited_message'),
      attachments: [{ kind: 'link', url: 'https://t.me/minzdrav_nso/412?comment=2305' }] });
    const decide = await tg.fx.call('POST', '/mutations', { token: operator, body: { mutations: [
      { id: mutationId(), appealId: COMMENT_ID, baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'minzdrav' }] } });
    expect(decide.body).toMatchObject({ results: [{ status: 'conflict', appeal: { version: 2, text: textOf('edited_message') } }] });
    // The same text under another update (Telegram also sends edits for reactions and the like): no new version.
    expect(await tg.post({ ...tgUpdate('edited_message'), update_id: 870000401 })).toEqual(ok);
    expect((await tg.appeals())[0]?.version).toBe(2);
    // An edit of a message never seen makes it an appeal (its first update may have been lost).
    expect(await tg.post(withMessage('edited_message', 870000402, { message_id: 2330 }))).toEqual(ok);
    expect((await tg.appeals()).find((a) => a.id === `tg:${BOT}:${GROUP_ID}:2330`)).toMatchObject({ version: 1, text: textOf('edited_message') });
  });

  it('takes a photo\'s caption as the text, marks the photo (largest size), and stores no file URL or token', async () => {
    tg = await startTelegramFixture();
    expect(await tg.post(tgUpdate('photo_caption'))).toEqual(ok);
    const [appeal] = await tg.appeals();
    expect(appeal).toMatchObject({
      id: `tg:${BOT}:${GROUP_ID}:2312`,
      text: `${tgUpdate('photo_caption').message?.caption as string}\n\n[фото 1280×960]`,
      attachments: [{ kind: 'link', url: 'https://t.me/minzdrav_nso/412?comment=2312' }],
    });
    expect(JSON.stringify(appeal)).not.toMatch(/api\.telegram\.org|AgACAgIAAxkBAAIC|7000000001/);
    // A photo without a caption is still an appeal: the mark is its text.
    expect(await tg.post(withMessage('photo_caption', 870000501, { message_id: 2313, caption: undefined }))).toEqual(ok);
    expect((await tg.appeals()).find((a) => a.id === `tg:${BOT}:${GROUP_ID}:2313`)?.text).toBe('[фото 1280×960]');
  });

  it('does not take a sticker, a service message, the channel\'s own answer, a bot, or the anonymous group admin: logged', async () => {
    tg = await startTelegramFixture();
    await tg.post(tgUpdate('channel_forward'));
    for (const name of ['sticker', 'service_message', 'channel_message']) expect(await tg.post(tgUpdate(name)), name).toEqual(ok);
    const bot = withMessage('comment', 870000601, { message_id: 2340, from: { id: 6000000001, is_bot: true, first_name: 'Спам', username: 'spam_bot' } });
    const anonymousAdmin = withMessage('comment', 870000602, { message_id: 2341,
      from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
      sender_chat: { id: GROUP_ID, type: 'supergroup', title: 'Минздрав НСО — обсуждение' } });
    // A comment under another channel's post (the bot added to another discussion group), and that post's forward.
    const otherChannel = { id: -1009000000099, title: 'Чужой канал', username: 'other_news_nsk', type: 'channel' };
    const otherForward = { ...(tgUpdate('channel_forward').message as object), sender_chat: otherChannel,
      forward_origin: { type: 'channel', chat: otherChannel, message_id: 77, date: 1764653095 } };
    expect(await tg.post({ update_id: 870000604, message: otherForward })).toEqual(ok);
    expect(await tg.post(withMessage('comment', 870000605, { message_id: 2343, reply_to_message: otherForward }))).toEqual(ok);
    expect(await tg.post(bot)).toEqual(ok);
    expect(await tg.post(anonymousAdmin)).toEqual(ok);
    expect(await tg.appeals()).toEqual([]);
    for (const [update, outcome] of [[870000107, 'sticker'], [870000108, 'service'], [870000109, 'own_post'], [870000601, 'bot'],
      [870000602, 'own_post'], [870000604, 'other_channel'], [870000605, 'other_channel']] as const) {
      expect(tg.log.some((line) => line.includes(`update ${update}: message: ${outcome} `)), `${update} ${outcome}`).toBe(true);
    }
    // A citizen commenting as their own channel is an appeal, authored by that channel.
    const asChannel = withMessage('comment', 870000603, { message_id: 2342,
      from: { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' },
      sender_chat: { id: -1003000000033, type: 'channel', title: 'Жители Академгородка', username: 'akadem_live' } });
    expect(await tg.post(asChannel)).toEqual(ok);
    expect((await tg.appeals())[0]?.author).toEqual({ name: 'Жители Академгородка', url: 'https://t.me/akadem_live' });
  });

  it('links a comment in a private channel\'s discussion: the public group\'s message, else the members\' t.me/c link', async () => {
    tg = await startTelegramFixture({ channel: { name: 'Минздрав НСО', url: 'https://t.me/+AbCdEfFixtureInvite' } });
    const privateChannel = { id: -1001000000011, title: 'Минздрав НСО', type: 'channel' };
    const forward = { ...(tgUpdate('channel_forward').message as object), sender_chat: privateChannel,
      forward_origin: { type: 'channel', chat: privateChannel, message_id: 412, date: 1764653095 } };
    expect(await tg.post(withMessage('comment', 870000701, { reply_to_message: forward }))).toEqual(ok);
    const publicGroup = { id: -1002000000044, title: 'Обсуждение', type: 'supergroup', username: 'minzdrav_nso_chat' };
    expect(await tg.post(withMessage('comment', 870000702, { chat: publicGroup, reply_to_message: { ...forward, chat: publicGroup } }))).toEqual(ok);
    const links = new Map((await tg.appeals()).map((a) => [a.id, a.attachments[0]?.url]));
    expect(links.get(COMMENT_ID)).toBe('https://t.me/c/2000000022/2305?thread=2301');
    expect(links.get(`tg:${BOT}:-1002000000044:2305`)).toBe('https://t.me/minzdrav_nso_chat/2305');
  });

  it('stores hostile text as sent (a lone surrogate as U+FFFD) and cuts text over the limit with a mark', async () => {
    tg = await startTelegramFixture();
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> \u202Eевил\u202C {{7*7}} \'; DROP TABLE appeals; --';
    expect(await tg.post(withMessage('private_message', 870000801, { text: `${hostile} \uD800 конец` }))).toEqual(ok);
    expect(await tg.post(withMessage('private_message', 870000802, { message_id: 89, text: 'ж'.repeat(MAX_TEXT_LENGTH + 5000) }))).toEqual(ok);
    const byId = new Map((await tg.appeals()).map((a) => [a.id, a.text]));
    expect(byId.get(PRIVATE_ID)).toBe(`${hostile} \uFFFD конец`);
    const cut = byId.get(`tg:${BOT}:5100000017:89`) ?? '';
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(cut).toMatch(/\[текст обрезан: показано \d+ из 205000 символов\]$/);
  });

  it('stores author names as citizen text is (a lone surrogate as U+FFFD), cut to 500 without halving a pair', async () => {
    tg = await startTelegramFixture();
    const from = tgUpdate('private_message').message?.from as Record<string, unknown>;
    expect(await tg.post(withMessage('private_message', 870000810, { from: { ...from, first_name: 'Ан\uD800на', last_name: 'П\uDC00' } }))).toEqual(ok);
    // 499 letters, then an emoji (a surrogate pair) across the 500-unit limit.
    const long = `${'я'.repeat(499)}\u{1F600}хвост`;
    expect(await tg.post(withMessage('private_message', 870000811, { message_id: 89, from: { ...from, first_name: long, last_name: undefined } }))).toEqual(ok);
    const asChannel = withMessage('comment', 870000812, { message_id: 2350,
      from: { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' },
      sender_chat: { id: -1003000000033, type: 'channel', title: `${'ж'.repeat(499)}\u{1F600}` } });
    expect(await tg.post(asChannel)).toEqual(ok);
    const names = new Map((await tg.appeals()).map((a) => [a.id, a.author.name]));
    expect(names.get(PRIVATE_ID)).toBe('Ан\uFFFDна П\uFFFD');
    expect(names.get(`tg:${BOT}:5100000017:89`)).toBe('я'.repeat(499));
    expect(names.get(`tg:${BOT}:${GROUP_ID}:2350`)).toBe('ж'.repeat(499));
  });
});

describe('Telegram webhook: retries and live desks', () => {
  it('stores one appeal for the same update sent 5 times, and for the same message under two update ids', async () => {
    tg = await startTelegramFixture();
    for (let i = 0; i < 5; i++) expect(await tg.post(tgUpdate('comment'))).toEqual(ok);
    expect(await tg.post({ ...tgUpdate('comment'), update_id: 870000900 })).toEqual(ok);
    expect((await tg.appeals()).map((a) => [a.id, a.version])).toEqual([[COMMENT_ID, 1]]);
    expect(tg.log.filter((line) => line.includes(`insert ${COMMENT_ID}`))).toHaveLength(1);
    expect(tg.log.some((line) => line.includes(`update 870000900: message: known_post ${COMMENT_ID}`))).toBe(true);
  });

  it('stores one appeal for a concurrent flood of retries (same and different update ids), every one answered 200', async () => {
    tg = await startTelegramFixture();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      tg.post({ ...tgUpdate('private_message'), update_id: i % 2 === 0 ? 870001000 : 870001000 + i })));
    for (const answer of answers) expect(answer).toEqual(ok);
    expect((await tg.appeals()).map((a) => [a.id, a.version])).toEqual([[PRIVATE_ID, 1]]);
  });

  it('tells a signed-in desk to pull within a second of a new comment, and not for a retry', async () => {
    tg = await startTelegramFixture();
    const stream = await openLive(tg.fx.server.url, await tg.fx.signIn('operator1'));
    try {
      await stream.nextEvent('hello', 1000);
      expect(await tg.post(tgUpdate('comment'))).toEqual(ok);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '1' });
      expect(await tg.post(tgUpdate('comment'))).toEqual(ok);
      expect(await tg.post(tgUpdate('edited_message'))).toEqual(ok);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '2' });
    } finally {
      stream.close();
    }
  });
});
