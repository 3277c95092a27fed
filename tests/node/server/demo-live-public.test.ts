// The demo's simulated public (server/demo/live-public.ts): a real server with `demoLivePublic`, posting fast, over
// HTTP to its own connectors (VK, Telegram, OK). Each new post is one appeal however often it was repeated; edits make
// new versions; VK author names come through the stand-in users.get; posting stops with the server; the secrets made
// for the start are nowhere on disk and in no log line. Runs on SQLite and PostgreSQL like every server-fixture test.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { startFixture, tempDir, testStore, type Fixture } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function appealsOf(url: string): Promise<Appeal[]> {
  const session = await fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'lead', password: 'lead' }),
  });
  const { token } = await session.json() as { token: string };
  const res = await fetch(`${url}/api/v1/changes?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  return ChangesResponse.parse(await res.json()).appeals;
}

describe('demo live public', () => {
  it('posts through the connectors: one appeal per post however often repeated, edits as versions, names resolved', async () => {
    const log: string[] = [];
    const secrets: string[] = [];
    const makeSecret = () => {
      const secret = `live-public-test-secret-${secrets.length}-${Math.random().toString(36).slice(2)}`;
      secrets.push(secret);
      return secret;
    };
    fx = await startFixture({ server: { log: (line) => log.push(line), demoLivePublic: { everyMs: { min: 10, max: 40 }, seed: 3, makeSecret } } });
    const server = fx.server;
    expect(log.filter((line) => line.includes('simulated public'))).toHaveLength(1);
    // Six VK communities with a secret and an access token each, Telegram bots and OK groups with one secret each.
    expect(secrets.length).toBeGreaterThanOrEqual(12);

    // The connectors log each event they take (a repeat of a known one silently): wait for inserts and edits.
    const taken = (outcome: string) => log.filter((line) => /^(vk \d+|telegram \w+|ok \d+): /.test(line)
      && new RegExp(`: ${outcome} (vk|tg|ok):\\S+$`).test(line));
    await expect.poll(() => taken('insert').length, { timeout: 30_000 }).toBeGreaterThanOrEqual(60);
    await expect.poll(() => taken('update').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    // A demo community refuses a wrong secret like any configured one.
    const groupId = /connectors: vk: (\d+) \(/.exec(log.find((line) => line.startsWith('connectors: vk:')) ?? '')?.[1];
    expect(groupId).toBeDefined();
    const forged = await fetch(`${server.url}/api/v1/connectors/vk/${groupId}`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ group_id: Number(groupId), type: 'wall_reply_new', event_id: 'f'.repeat(40), secret: 'guessed', object: {} }),
    });
    expect(forged.status).toBe(403);

    await server.close();
    const stopped = log.find((line) => line.startsWith('demo public: stopped after'));
    const [, posted, repeated, edited] = /stopped after (\d+) new posts, (\d+) repeated and (\d+) edited$/.exec(stopped ?? '') ?? [];
    expect(Number(repeated), stopped).toBeGreaterThan(0);
    expect(Number(edited), stopped).toBeGreaterThan(0);
    // Nothing failed, and nothing is posted once the server is closed (the pauses are 10–40 ms).
    expect(log.filter((line) => line.startsWith('demo public:') && line !== stopped)).toEqual([]);
    const linesAtClose = log.length;
    await sleep(300);
    expect(log.slice(linesAtClose)).toEqual([]);

    // The secrets of the start are in no file of the store and in no log line.
    const files = filesUnder(fx.dir);
    for (const secret of secrets) {
      for (const file of files) expect(readFileSync(file).includes(secret), `${secret} in ${file}`).toBe(false);
      expect(log.filter((line) => line.includes(secret))).toEqual([]);
    }

    // Read back by a plain server on the same store: exactly one appeal per new post, the edited ones at a later version.
    const reader = await startTestServer({ port: 0, ...(await testStore(fx.dir)) });
    try {
      const appeals = await appealsOf(reader.url);
      expect(appeals).toHaveLength(Number(posted));
      expect(new Set(appeals.map((a) => a.id)).size).toBe(appeals.length);
      expect(taken('insert')).toHaveLength(appeals.length);
      for (const appeal of appeals) {
        expect(appeal.id).toMatch(/^(vk:\d+:(wall|msg):\d+:\d+|tg:\w+:-?\d+:\d+|ok:\d+:\w+:[\w.]+)$/);
        expect(appeal.source).toBe(({ vk: 'vk', tg: 'telegram', ok: 'ok' } as Record<string, string>)[appeal.id.split(':')[0] ?? '']);
        expect(appeal.channel.url).toMatch(/^https:\/\/(vk\.com\/\w+|t\.me\/\w+|ok\.ru\/group\/\d+)$/);
        // VK names resolved through the stand-in users.get, not the «Пользователь VK id…» placeholder; OK and
        // Telegram send the name with the message.
        expect(appeal.author.name).not.toMatch(/^Пользователь/);
        expect(appeal.text).toMatch(/[а-яё]/i);
        if (appeal.source === 'vk') {
          expect(appeal.author.url).toMatch(/^https:\/\/vk\.com\/id\d+$/);
          expect(appeal.attachments[0]?.url).toMatch(/^https:\/\/vk\.com\/(wall-\d+_\d+\?reply=\d+|gim\d+\?sel=\d+)/);
        }
      }
      expect(appeals.filter((a) => a.version > 1).length).toBeGreaterThan(0);
      expect(new Set(appeals.map((a) => a.channel.name)).size).toBeGreaterThan(1);
      expect(new Set(appeals.map((a) => a.source))).toEqual(new Set(['vk', 'telegram', 'ok']));
      expect(appeals.some((a) => a.id.includes(':wall:'))).toBe(true);
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('is off unless asked, and is not given together with a connectors file', async () => {
    const log: string[] = [];
    fx = await startFixture({ server: { log: (line) => log.push(line) } });
    await sleep(200);
    expect(log.filter((line) => line.includes('simulated public') || line.startsWith('connectors:'))).toEqual([]);
    expect((await fx.call('POST', '/connectors/vk/1', { body: {} })).status).toBe(404);

    const dir = tempDir();
    const file = join(dir, 'connectors.json');
    writeFileSync(file, JSON.stringify({ vk: [] }), { mode: 0o600 });
    try {
      await expect(startTestServer({ port: 0, ...(await testStore(dir)), connectors: { file }, demoLivePublic: {} }))
        .rejects.toThrow(/not given together with connectors/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
