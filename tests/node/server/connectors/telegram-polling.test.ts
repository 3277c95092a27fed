// The Telegram connector's long-polling mode (issue 14 item 3): the real server asks a fake Bot API (a real
// http.createServer on loopback) getUpdates, stores what it hands over through the same path as the webhook, confirms
// by the offset only what is stored, backs off on failures, and stops with the server. SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import {
  BOT, BOT_TOKEN, GROUP_ID, OpaqueUpdate, startTelegramFixture, tgUpdate, type FakeBotApi, type TelegramFixture,
} from './telegram-fixture.js';

let tg: TelegramFixture | undefined;
afterEach(async () => {
  await tg?.dispose();
  tg = undefined;
});

const COMMENT_ID = `tg:${BOT}:${GROUP_ID}:2305`;
const PRIVATE_ID = `tg:${BOT}:5100000017:88`;

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const offsets = (api: FakeBotApi) => api.calls.map((c) => c.query.get('offset'));

describe('Telegram polling (getUpdates against a fake Bot API)', () => {
  it('stores the updates it is handed, and asks next from one past the last one stored', async () => {
    tg = await startTelegramFixture({ mode: 'polling', prepare: (api) => {
      api.pending = ['channel_forward', 'comment', 'private_message', 'sticker'].map(tgUpdate);
    } });
    const fx = tg;
    await until('both appeals', async () => (await fx.appeals()).length === 2);
    expect((await fx.appeals()).map((a) => a.id).sort()).toEqual([COMMENT_ID, PRIVATE_ID].sort());
    await until('a poll confirming the batch', () => fx.api.calls.length >= 2);
    const [first, second] = fx.api.calls;
    expect(first?.query.get('offset')).toBeNull();
    expect(second?.query.get('offset')).toBe('870000108');
    expect(first?.query.get('timeout')).toBe('25');
    expect(JSON.parse(first?.query.get('allowed_updates') ?? '[]')).toEqual(['message', 'edited_message']);
    expect(first?.path).toBe(`/bot${BOT_TOKEN}/getUpdates`);
    // The webhook address of a polling bot has no secret to check against: it refuses everything.
    expect((await fx.post(tgUpdate('comment'))).status).toBe(403);
    expect(fx.log.join('\n')).not.toContain(BOT_TOKEN);
    expect(fx.log.some((line) => line.includes(`telegram ${BOT}: polling: started`))).toBe(true);
  });

  it('absorbs a batch handed over again (the offset never confirmed, as after a crash): one appeal per message', async () => {
    tg = await startTelegramFixture({ mode: 'polling', prepare: (api) => {
      api.pending = ['comment', 'private_message'].map(tgUpdate);
      api.replay = true;
    } });
    const fx = tg;
    await until('the batch read three times', () => fx.api.calls.length >= 3);
    fx.api.replay = false;
    // A later update for a message already stored (the same message under another update id) changes nothing either.
    fx.api.pending = [{ ...tgUpdate('comment'), update_id: 870000150 }];
    await until('the extra update confirmed', () => offsets(fx.api).includes('870000151'));
    expect((await fx.appeals()).map((a) => [a.id, a.version]).sort()).toEqual([[COMMENT_ID, 1], [PRIVATE_ID, 1]].sort());
  });

  it('skips an update off the schema (logged) and moves past it; the next one is stored', async () => {
    tg = await startTelegramFixture({ mode: 'polling', prepare: (api) => {
      api.pending = [{ update_id: 870000140, message: { message_id: 'x' } }, { ...tgUpdate('private_message'), update_id: 870000141 }];
    } });
    const fx = tg;
    await until('the appeal', async () => (await fx.appeals()).length === 1);
    await until('the batch confirmed', () => offsets(fx.api).includes('870000142'));
    expect(fx.log.some((line) => line.includes('update 870000140 skipped: Обновление Telegram не по схеме'))).toBe(true);
  });

  it('skips an update that is not even an object (no update_id to read) and moves past it: polling never stalls', async () => {
    tg = await startTelegramFixture({ mode: 'polling', poll: { backoffMinMs: 100 }, prepare: (api) => {
      // Before any offset is known: a later update in the batch confirms the unreadable one.
      api.pending = [new OpaqueUpdate(870000160, 'мусор'), { ...tgUpdate('comment'), update_id: 870000161 }];
    } });
    const fx = tg;
    await until('the first appeal', async () => (await fx.appeals()).length === 1);
    await until('the first batch confirmed', () => offsets(fx.api).includes('870000162'));
    // At the offset asked for, and the last of its batch: skipped by moving one past the offset.
    fx.api.pending = [new OpaqueUpdate(870000162, null), { ...tgUpdate('private_message'), update_id: 870000163 }, new OpaqueUpdate(870000164, 42)];
    await until('the second appeal', async () => (await fx.appeals()).length === 2);
    await until('the second batch confirmed, its last update too', () => offsets(fx.api).includes('870000165'));
    expect(fx.log.filter((line) => line.includes('update (no update_id) skipped: Обновление Telegram не по схеме')).length).toBeGreaterThanOrEqual(3);
    expect(fx.log.some((line) => line.includes('not stored'))).toBe(false);
  });

  it('backs off on failures (doubling, 429 waits its retry_after), says why, and recovers', async () => {
    tg = await startTelegramFixture({ mode: 'polling', poll: { backoffMinMs: 200 }, prepare: (api) => {
      api.failures = [
        { status: 502, body: '<html>Bad Gateway</html>' },
        { status: 409, body: JSON.stringify({ ok: false, error_code: 409, description: 'Conflict: can\'t use getUpdates method while webhook is active' }) },
        { status: 429, body: JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }) },
      ];
      api.pending = [tgUpdate('comment')];
    } });
    const fx = tg;
    await until('the appeal after the failures', async () => (await fx.appeals()).length === 1, 8000);
    const at = fx.api.calls.map((c) => c.at);
    const gaps = at.slice(1, 4).map((t, i) => t - (at[i] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(190); // 200 ms after the first failure
    expect(gaps[1]).toBeGreaterThanOrEqual(390); // doubled
    expect(gaps[2]).toBeGreaterThanOrEqual(990); // retry_after 1 s (over the 800 ms the doubling would give)
    const polling = fx.log.filter((line) => line.includes('polling:')).join('\n');
    expect(polling).toContain('getUpdates answered 502');
    expect(polling).toContain('a webhook is set for this bot');
    expect(polling).toContain('getUpdates answered 429: Too Many Requests');
    expect(polling).toContain('answers again after 3 failure(s)');
    expect(polling).not.toContain(BOT_TOKEN);
  });

  it('backs off while the Bot API cannot be reached at all', async () => {
    tg = await startTelegramFixture({ mode: 'polling', poll: { backoffMinMs: 100 } });
    const fx = tg;
    await fx.api.close();
    await until('two failures logged', () => fx.log.filter((line) => line.includes('getUpdates failed')).length >= 2);
    expect(fx.log.find((line) => line.includes('getUpdates failed'))).toMatch(/ECONNREFUSED|fetch failed/);
    expect(fx.log.some((line) => line.includes('next try in 0.2 s (failure 2 in a row)'))).toBe(true);
  });

  it('stops with the server: the poll in flight is cut, no request after close', async () => {
    tg = await startTelegramFixture({ mode: 'polling', prepare: (api) => {
      api.holdMs = 60_000;
    } });
    const fx = tg;
    await until('a long poll in flight', () => fx.api.calls.length >= 1);
    const started = Date.now();
    await fx.fx.server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    const calls = fx.api.calls.length;
    await until('the poll in flight cut', () => fx.api.calls[0]?.aborted === true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.api.calls.length).toBe(calls);
    expect(fx.log.some((line) => line.includes(`telegram ${BOT}: polling: stopped`))).toBe(true);
    // dispose() closes the server again: a no-op.
  });
});
