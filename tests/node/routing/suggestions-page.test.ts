// The page a message was written on, through the whole desk: appeals ingested into the real reference server with
// their channel (a district administration's community, a ministry's), synced into a desk cache, scored by the
// suggestion worker — a local matter that names no place goes to the page's municipality, a place written in the
// text still wins, and a ministry's page moves nothing; the place the author's profile names stands in where neither
// text nor page names one.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { centralCall, incomingAppeal, statusMatching, suggestionsReady, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});


const SNOW = 'Третий день не чистят снег на нашей улице, до остановки не дойти';
const KOLYVAN_PAGE = { name: 'Администрация Колыванского района', url: 'https://vk.com/kolyvan_rayon' };
const MINZDRAV_PAGE = { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' };

describe('suggestions and the page an appeal was written on', () => {
  it('send a local matter with no place to the page\'s municipality, keep a written place first, ignore a ministry\'s page', async () => {
    const temp = tempDir('suggest-page');
    cleanup.push(() => temp.remove());
    const server: RunningServer = await startTestServer({ port: 0, dataDir: join(temp.dir, 'server') });
    cleanup.push(() => server.close());
    const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
    const appeals = [
      { ...incomingAppeal(1), id: 'page-snow', channel: KOLYVAN_PAGE, text: SNOW },
      { ...incomingAppeal(2), id: 'page-linevo', channel: KOLYVAN_PAGE, text: 'В Линёво на улице огромные ямы, асфальт не ремонтируют' },
      { ...incomingAppeal(3), id: 'ministry-snow', channel: MINZDRAV_PAGE, text: SNOW },
      // The author's profile names Бердск (a VK profile's city): on a page that names no place, it stands in.
      { ...incomingAppeal(4), id: 'profile-snow', channel: MINZDRAV_PAGE, text: SNOW,
        author: { name: 'Ирина С.', url: 'https://vk.com/id5', place: 'Бердск' } },
    ];
    await centralCall(server.url, '/appeals', { method: 'POST', token, body: { appeals } });

    const core = await createDeskCore({ dataDir: join(temp.dir, 'desk'), apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
    cleanup.push(() => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);

    const onPage = (await suggestionsReady(core, 'page-snow')).suggestions;
    const local = onPage.find((s) => s.targetId === 'mr-kolyvansky');
    expect(local?.reason).toContain('страница: Администрация Колыванского района');
    expect(onPage.map((s) => s.targetId)).not.toContain('meria-nsk');

    const written = (await suggestionsReady(core, 'page-linevo')).suggestions;
    expect(written[0]?.targetId).toBe('mr-iskitimsky');
    expect(written[0]?.reason).toMatch(/^место: /);

    // A ministry's page names no municipality: the city hall by default, and no page given as a reason.
    const ministry = (await suggestionsReady(core, 'ministry-snow')).suggestions;
    expect(ministry.find((s) => s.targetId === 'meria-nsk')?.reason).toMatch(/^место не названо/);
    expect(ministry.some((s) => s.reason.includes('страница'))).toBe(false);

    const profile = (await suggestionsReady(core, 'profile-snow')).suggestions;
    expect(profile[0]?.targetId).toBe('go-berdsk');
    expect(profile[0]?.reason).toContain('профиль автора: Бердск');
  }, 60_000);
});
