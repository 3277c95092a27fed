// The Odnoklassniki Bot API connector (issue 14 item 4) end to end: notifications in OK's published shapes posted by a
// real HTTP client to the real server on loopback, on SQLite (project node) and PostgreSQL (project node-postgres).
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../../shared/domain/appeal.js';
import { openLive } from '../live-reader.js';
import { OK_CHANNEL, OK_GROUP_ID, OK_PATH_SECRET, okEvent, startOkFixture, type OkFixture } from './ok-fixture.js';

let ok: OkFixture;
afterEach(async () => {
  await ok.dispose();
});

const TEXT_ID = `ok:${OK_GROUP_ID}:C7f3a1b2c4d00:C7f3a1b2c4d00.17c2e8a41f30a11`;
const PHOTO_ID = `ok:${OK_GROUP_ID}:C7f3a1b2c4e00:C7f3a1b2c4e00.17c2e8a4a2b0c22`;
const answered = { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };
const answer = (res: { status: number; text: string; contentType: string | null }) =>
  ({ status: res.status, text: res.text, contentType: res.contentType });
const errorCode = (text: string): unknown => (JSON.parse(text) as { error: { code: string } }).error.code;

describe('OK webhook: the fixtures', () => {
  it('takes a text message: stable id, channel, author name and profile link, text, time', async () => {
    ok = await startOkFixture();
    expect(answer(await ok.post(okEvent('message_created')))).toEqual(answered);
    expect(await ok.appeals()).toEqual([{
      id: TEXT_ID, source: 'ok', channel: OK_CHANNEL,
      author: { name: 'Ольга Смирнова', url: 'https://ok.ru/profile/574112000001' },
      text: okEvent('message_created').message.text,
      attachments: [],
      receivedAt: new Date(1764653400000).toISOString(),
      status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
    }]);
    expect(ok.log).toContain(`ok ${OK_GROUP_ID}: MESSAGE_CREATED mid:C7f3a1b2c4d00.17c2e8a41f30a11: insert ${TEXT_ID}`);
  });

  it('takes photos on OK\'s image hosts as photos, an image elsewhere, a share and a video as links; drops one without a URL', async () => {
    ok = await startOkFixture();
    expect(answer(await ok.post(okEvent('message_created-photo')))).toEqual(answered);
    const [appeal] = await ok.appeals();
    expect(appeal).toMatchObject({
      id: PHOTO_ID, author: { name: 'Николай Петров', url: 'https://ok.ru/profile/574112000002' },
      attachments: [
        { kind: 'photo', url: 'https://i.mycdn.me/i?r=fixture-photo-1&fn=w_1280' },
        { kind: 'photo', url: 'https://iv.okcdn.ru/i?r=fixture-photo-2&fn=w_1280' },
        { kind: 'link', url: 'https://example.org/not-ok-host/photo.jpg' },
        { kind: 'video', url: 'https://ok.ru/video/7000000000042' },
        { kind: 'link', url: 'https://www.gosuslugi.ru/help/faq/zhkh' },
      ],
    });
  });

  it('takes OK\'s documented example (no webhookType, no sender name): the placeholder name, the profile link', async () => {
    ok = await startOkFixture();
    expect(answer(await ok.post(okEvent('message_created-documented')))).toEqual(answered);
    const [appeal] = await ok.appeals();
    expect(appeal).toMatchObject({
      id: `ok:${OK_GROUP_ID}:C7f3a1b2c4f00:C7f3a1b2c4f00.17c2e8a4b1d0e33`,
      author: { name: 'Пользователь ОК id574112000003', url: 'https://ok.ru/profile/574112000003' },
      attachments: [{ kind: 'link', url: 'https://ok.ru/group/70000001234567/topic/155000000000001' }],
    });
  });

  it('answers 200 to another webhookType, logs it, stores nothing', async () => {
    ok = await startOkFixture();
    expect(answer(await ok.post(okEvent('message_callback')))).toEqual(answered);
    expect(answer(await ok.post(okEvent('chat_system')))).toEqual(answered);
    expect(ok.log).toContain(`ok ${OK_GROUP_ID}: webhookType MESSAGE_CALLBACK not taken (answered 200)`);
    expect(ok.log).toContain(`ok ${OK_GROUP_ID}: webhookType CHAT_SYSTEM not taken (answered 200)`);
    expect(await ok.appeals()).toEqual([]);
    // Still secret-checked first.
    expect((await ok.post(okEvent('message_callback'), { secret: 'wrong-secret' })).status).toBe(403);
  });

  it('refuses the off-schema fixture and other bodies off OK\'s schema with 400, storing nothing', async () => {
    ok = await startOkFixture();
    const good = () => okEvent('message_created');
    const offSchema: unknown[] = [
      okEvent('off-schema'),
      { ...good(), message: { ...good().message, mid: undefined } },
      { ...good(), message: { ...good().message, mid: 'C7f3a1b2c4d00.17c2e8a41f30a11' } },
      { ...good(), message: { ...good().message, mid: 'mid:../../etc' } },
      { ...good(), message: { ...good().message, text: 42 } },
      { ...good(), message: { ...good().message, attachments: [{ payload: { url: 'https://i.mycdn.me/x' } }] } },
      { ...good(), message: undefined },
      { ...good(), recipient: { user_id: 'user:1' } },
      { ...good(), sender: { name: 'без id' } },
      { ...good(), timestamp: '1764653400000' },
      { ...good(), timestamp: -1 },
      { ...good(), webhookType: 42 },
      [good()],
      'ok',
      null,
    ];
    for (const body of offSchema) {
      const res = await ok.post(body);
      expect(res.status, JSON.stringify(body)?.slice(0, 200)).toBe(400);
      expect(errorCode(res.text)).toBe('invalid_request');
    }
    expect((await ok.post(undefined, { raw: '{"webhookType": "MESSAGE_CREATED", ' })).status).toBe(400);
    expect((await ok.post(undefined, { raw: '' })).status).toBe(400);
    expect(await ok.appeals()).toEqual([]);
  });
});

describe('OK webhook: the path secret, the group, the method', () => {
  it('refuses a wrong path secret with 403, stores nothing, and never logs the secret', async () => {
    ok = await startOkFixture();
    for (const secret of ['wrong', OK_PATH_SECRET.toUpperCase(), OK_PATH_SECRET.slice(0, -1), `${OK_PATH_SECRET}x`, '%20']) {
      const res = await ok.post(okEvent('message_created'), { secret });
      expect(res.status, secret).toBe(403);
      expect(errorCode(res.text)).toBe('bad_secret');
    }
    expect(await ok.appeals()).toEqual([]);
    expect(ok.log.filter((line) => line.includes('wrong path secret'))).toHaveLength(5);
    expect(ok.log.join('\n')).not.toContain(OK_PATH_SECRET);
    expect(ok.log.join('\n')).not.toContain(OK_PATH_SECRET.slice(0, -1));
    // The right secret with a trailing slash is no address of the API (404): its refusal is logged without the secret.
    expect((await ok.post(okEvent('message_created'), { secret: `${OK_PATH_SECRET}/` })).status).toBe(404);
    expect(ok.log.some((line) => line.startsWith(`connector refused: POST /api/v1/connectors/ok/${OK_GROUP_ID}/… → 404`))).toBe(true);
    expect(ok.log.join('\n')).not.toContain(OK_PATH_SECRET);
  });

  it('answers 404 for a group that is not configured and for an address without the secret, before reading the body', async () => {
    ok = await startOkFixture();
    expect((await ok.post(okEvent('message_created'), { groupId: '70000001234568' })).status).toBe(404);
    expect((await ok.post(okEvent('message_created'), { groupId: 'group:70000001234567' })).status).toBe(404);
    const noSecret = await fetch(`${ok.fx.server.url}/api/v1/connectors/ok/${OK_GROUP_ID}`, { method: 'POST', body: '{}' });
    expect(noSecret.status).toBe(404);
    // A body far over the cap: the refusal comes from the address alone, not from reading (which would be 413).
    const huge = 'x'.repeat(3 * 1024 * 1024);
    expect((await ok.post(undefined, { groupId: '70000001234568', raw: huge })).status).toBe(404);
    expect((await ok.post(undefined, { secret: 'wrong', raw: huge })).status).toBe(403);
    expect(await ok.appeals()).toEqual([]);
  });

  it('answers 405 to another method', async () => {
    ok = await startOkFixture();
    const res = await ok.post(undefined, { method: 'GET' });
    expect(res.status).toBe(405);
  });
});

describe('OK webhook: the source-address allowlist', () => {
  it('refuses a request from outside allowFrom with 403 before the secret is looked at, and stores nothing', async () => {
    ok = await startOkFixture({ allowFrom: ['217.20.145.192/28', '217.20.151.160/28', '217.20.153.48/28'] });
    const res = await ok.post(okEvent('message_created'));
    expect(res.status).toBe(403);
    expect(errorCode(res.text)).toBe('address_not_allowed');
    // A wrong secret from there is refused the same way: nothing about the secret is told to an address not allowed.
    expect(errorCode((await ok.post(okEvent('message_created'), { secret: 'wrong' })).text)).toBe('address_not_allowed');
    expect(ok.log.some((line) => line.includes('request from 127.0.0.1 refused: not in allowFrom'))).toBe(true);
    expect(await ok.appeals()).toEqual([]);
  });

  it('takes the socket address, never X-Forwarded-For', async () => {
    ok = await startOkFixture({ allowFrom: ['217.20.145.193'] });
    const res = await ok.post(okEvent('message_created'), { headers: { 'x-forwarded-for': '217.20.145.193', forwarded: 'for=217.20.145.193' } });
    expect(res.status).toBe(403);
    expect(await ok.appeals()).toEqual([]);
  });

  it('takes a request from an allowed address (a range, IPv4-mapped IPv6) and still checks its secret', async () => {
    ok = await startOkFixture({ allowFrom: ['217.20.145.192/28', '::ffff:127.0.0.0/104'] });
    expect((await ok.post(okEvent('message_created'), { secret: 'wrong' })).status).toBe(403);
    expect(answer(await ok.post(okEvent('message_created')))).toEqual(answered);
    expect((await ok.appeals()).map((a) => a.id)).toEqual([TEXT_ID]);
  });
});

describe('OK webhook: retries, flood, size, hostile text', () => {
  it('stores one appeal for the same message sent 5 times, every one answered 200', async () => {
    ok = await startOkFixture();
    for (let i = 0; i < 5; i++) expect(answer(await ok.post(okEvent('message_created')))).toEqual(answered);
    expect((await ok.appeals()).map((a) => [a.id, a.version])).toEqual([[TEXT_ID, 1]]);
    expect(ok.log.filter((line) => line.includes(TEXT_ID))).toHaveLength(1);
  });

  it('stores one appeal for a concurrent flood of 40 retries, every one answered 200 well within OK\'s 5 s', async () => {
    ok = await startOkFixture();
    const answers = await Promise.all(Array.from({ length: 40 }, () => ok.post(okEvent('message_created'))));
    for (const res of answers) expect(answer(res)).toEqual(answered);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(2000);
    expect((await ok.appeals()).map((a) => [a.id, a.version])).toEqual([[TEXT_ID, 1]]);
  });

  it('refuses a body over 1 MB with 413 at once, and stores nothing', async () => {
    ok = await startOkFixture();
    const huge = okEvent('message_created');
    huge.message = { ...huge.message, text: 'я'.repeat(600_000) }; // 1.2 MB of UTF-8
    const res = await ok.post(huge);
    expect(res.status).toBe(413);
    expect(res.ms).toBeLessThan(2000);
    expect(await ok.appeals()).toEqual([]);
  });

  it('stores hostile text as sent (a lone surrogate as U+FFFD), and cuts text over the limit with a mark', async () => {
    ok = await startOkFixture();
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> \u202Eевил\u202C \u0000 {{7*7}} \'; DROP TABLE appeals; --';
    const event = okEvent('message_created');
    event.message = { ...event.message, text: `${hostile} \uD800 конец` };
    event.sender = { user_id: 'user:574112000001', name: '<b>Имя</b>\u202E' };
    expect(answer(await ok.post(event))).toEqual(answered);
    const long = okEvent('message_created');
    long.message = { ...long.message, mid: 'mid:C7f3a1b2c4d00.long', text: 'ж'.repeat(MAX_TEXT_LENGTH + 5000) };
    expect(answer(await ok.post(long))).toEqual(answered);
    const byId = new Map((await ok.appeals()).map((a) => [a.id, a]));
    expect(byId.get(TEXT_ID)?.text).toBe(`${hostile} \uFFFD конец`);
    expect(byId.get(TEXT_ID)?.author.name).toBe('<b>Имя</b>\u202E');
    const cut = byId.get(`ok:${OK_GROUP_ID}:C7f3a1b2c4d00:C7f3a1b2c4d00.long`)?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(cut).toMatch(/\[текст обрезан: показано \d+ из 205000 символов\]$/);
  });

  it('stores the sender\'s name as citizen text is (a lone surrogate as U+FFFD), cut to 500 without halving a pair', async () => {
    ok = await startOkFixture();
    const event = okEvent('message_created');
    event.sender = { user_id: 'user:574112000001', name: 'Оль\uDC00га \uD83D' };
    expect(answer(await ok.post(event))).toEqual(answered);
    // 499 letters, then an emoji (a surrogate pair) across the 500-unit limit.
    const long = okEvent('message_created');
    long.message = { ...long.message, mid: 'mid:C7f3a1b2c4d00.name' };
    long.sender = { user_id: 'user:574112000001', name: `${'я'.repeat(499)}\u{1F600}хвост` };
    expect(answer(await ok.post(long))).toEqual(answered);
    const names = new Map((await ok.appeals()).map((a) => [a.id, a.author.name]));
    expect(names.get(TEXT_ID)).toBe('Оль\uFFFDга \uFFFD');
    expect(names.get(`ok:${OK_GROUP_ID}:C7f3a1b2c4d00:C7f3a1b2c4d00.name`)).toBe('я'.repeat(499));
  });

  it('keeps an id over the appeal id limit stable (hashed), so its retries are still one appeal', async () => {
    ok = await startOkFixture();
    const event = okEvent('message_created');
    event.message = { ...event.message, mid: `mid:${'A'.repeat(150)}` };
    for (let i = 0; i < 3; i++) expect(answer(await ok.post(event))).toEqual(answered);
    const appeals = await ok.appeals();
    expect(appeals).toHaveLength(1);
    expect(appeals[0]?.id).toMatch(new RegExp(`^ok:${OK_GROUP_ID}:h:[A-Za-z0-9_-]{43}$`));
  });

  it('does not take a non-numeric user id as a profile link', async () => {
    ok = await startOkFixture();
    const event = okEvent('message_created');
    event.sender = { user_id: 'user:Xa1b2' };
    expect(answer(await ok.post(event))).toEqual(answered);
    expect((await ok.appeals())[0]?.author).toEqual({ name: 'Пользователь ОК idXa1b2' });
  });
});

describe('OK webhook: live desks', () => {
  it('tells a signed-in desk to pull within a second of a new message, and not for a retry', async () => {
    ok = await startOkFixture();
    const stream = await openLive(ok.fx.server.url, await ok.fx.signIn('operator1'));
    try {
      await stream.nextEvent('hello', 1000);
      expect(answer(await ok.post(okEvent('message_created')))).toEqual(answered);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '1' });
      // A retry writes nothing, so no desk is told to pull (a write would tell within a few ms).
      expect(answer(await ok.post(okEvent('message_created')))).toEqual(answered);
      await expect(stream.nextEvent('changes', 400)).rejects.toThrow();
      expect(answer(await ok.post(okEvent('message_created-photo')))).toEqual(answered);
      expect(await stream.nextEvent('changes', 1000)).toMatchObject({ head: '2' });
    } finally {
      stream.close();
    }
  });
});
