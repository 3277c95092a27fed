/// <reference lib="dom" />
// qa-53, measured on the painted page against a real server and two real desks, at 1366×768 @100 % and @150 %:
//  1. an author and a channel with direction overrides, zero-widths and markup, ingested through the central API, read
//     in the inbox grid as plain text with no override left (U+202E showed «Вестминаяа» reversed) and no element made
//     of their markup; each sits in its own bidi isolate (dir="auto"); the author's profile place in the detail pane
//     likewise;
//  2. the conflict notice of that appeal (a long excerpt) stays inside the window — it was 2,066 px wide in a
//     1,366 px one — with who routed it and the «Понятно» key cap on screen;
//  3. the page loads without a console error (frame-ancestors is no longer in the <meta> CSP, where Chromium
//     ignores it with an error) and the response header still carries frame-ancestors 'none'.
// H27_SHOTS=folder writes screenshots of the hostile row and of the notice at each scale.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { pageOptionsFor, type OfficeScreen } from '../harness/office-screens.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const SHOTS = process.env.H27_SHOTS;
const SPOOF = '\u202A\u202B\u202D\u2066\u2067\u2068\u200B\u200C\u200E\u200F\uFEFF';
const BAD = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u200E\u200F\uFEFF]/;
const LONG = `Во дворе дома по улице Ленина${'\u00A0'}12 третью неделю не вывозят мусор, контейнеры переполнены, `
  + 'крысы бегают днём, дети ходят мимо в школу; управляющая компания трубку не берёт, обращались дважды, '
  + 'ответа нет — просим принять меры и сообщить сроки вывоза. '.repeat(3);

async function shot(page: Page, screen: OfficeScreen, what: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${Math.round(screen.scale * 100)}-${what}.png`) });
}

for (const screen of SCREENS) {
  test(`hostile names read as plain text, the conflict notice fits, no console error — ${screen.width}×${screen.height} @${screen.scale * 100} %`, async ({ browser }) => {
    test.setTimeout(120_000);
    const serverDir = tempDir('srv'); const dirA = tempDir('a'); const dirB = tempDir('b');
    const server = new ServerUnderTest(serverDir.dir, 0);
    await server.start();
    await server.ingest([
      { id: 'vk-hostile-name', source: 'vk', channel: { name: `Канал\u202E лангис ${SPOOF}<b>жирный</b>`, url: 'https://vk.com/club1' },
        author: { name: `Иван\u202E яаминтсеВ${SPOOF} <img src=x onerror="window.__pwned = 1">`,
          place: `Бердск\u202E ксрдеБ${SPOOF}<i>курсив</i>` },
        text: `${LONG}\u202E конец <img src=x onerror="window.__pwned = 2">`, attachments: [], receivedAt: '2026-12-02T05:00:00.000Z' },
      ...[1, 2, 3].map((n) => ({ id: `vk-plain-${n}`, source: 'vk' as const, channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' },
        author: { name: `Пётр ${n}` }, text: `Не работает лифт в доме ${n}`, attachments: [], receivedAt: `2026-12-02T0${4 - n}:00:00.000Z` })),
    ]);
    const deskA = await startDesk(server, dirA.dir, { login: 'operator1' });
    const deskB = await startDesk(server, dirB.dir, { login: 'lead' });
    const contextA = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
    const contextB = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
    const pageA = await contextA.newPage(); const pageB = await contextB.newPage();
    const consoleErrors: string[] = [];
    pageB.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    pageB.on('pageerror', (e) => consoleErrors.push(String(e)));
    try {
      const a = new InboxPage(pageA); const b = new InboxPage(pageB);
      await a.open(deskA.url);
      const response = await pageB.goto(deskB.url);
      await expect(b.selectedRow).toHaveCount(1);
      // 3. The header keeps frame-ancestors; the meta does not carry it (Chromium would log an error for it).
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(await pageB.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).not.toContain('frame-ancestors');

      // 1. The hostile row, as the grid paints it.
      const row = b.grid.locator('[data-appeal-id="vk-hostile-name"]');
      await expect(row).toHaveCount(1);
      const text = await row.evaluate((el) => el.textContent ?? '');
      expect(text).not.toMatch(BAD);
      expect(text).toContain('Иван яаминтсеВ <img src=x onerror="window.__pwned = 1">');
      expect(text).toContain('Канал лангис <b>жирный</b>');
      expect(await row.locator('b, i, script, img[src="x"], [onerror]').count()).toBe(0);
      expect(await pageB.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // Each citizen string in its own isolate: the author, the channel (column or second line) and the text.
      expect(await row.locator('[dir="auto"]').count()).toBeGreaterThanOrEqual(3);
      expect(await row.locator('.author-name').evaluate((el) => [el.getAttribute('dir'), getComputedStyle(el).unicodeBidi]))
        .toEqual(['auto', 'isolate']);
      await shot(pageB, screen, 'hostile-row');
      expect(consoleErrors, 'console errors on load').toEqual([]);
      // The place the author's profile names, beside the name in the detail pane: plain text too, no markup made.
      const place = pageA.getByTestId('author-place'); // desk A reads the hostile appeal (B moved past A's hold)
      await expect(place).toContainText('Бердск ксрдеБ<i>курсив</i>');
      expect(await place.evaluate((el) => el.textContent ?? '')).not.toMatch(BAD);
      expect(await place.locator('i').count()).toBe(0);

      // 2. The same appeal decided on both desks offline; B syncs second and gets the conflict notice.
      await server.stop();
      await b.offTeamChannelAtFirst();
      expect(await a.decideWith('Digit1')).toBe('vk-hostile-name');
      expect(await b.decideWith('Digit2')).toBe('vk-hostile-name');
      await server.start();
      await deskA.core.call('sync.now', {});
      await a.waitPending(0);
      await deskB.core.call('sync.now', {});
      await b.waitPending(0);

      const notice = pageB.locator('.notice-layer [data-conflict-id]');
      await expect(notice).toHaveCount(1, { timeout: 30_000 }); // the sync and its event beside a full suite on 2 cores
      await expect(notice).toContainText('Оператор 1');
      const viewport = pageB.viewportSize();
      const box = await notice.boundingBox();
      const layer = await pageB.locator('.notice-layer').boundingBox();
      const button = notice.getByRole('button', { name: /Понятно/ });
      const keycap = button.locator('.keycap, kbd').first();
      await expect(keycap).toBeVisible();
      const keyBox = await keycap.boundingBox();
      const who = await notice.locator('strong').boundingBox();
      expect(viewport).not.toBeNull();
      const width = viewport?.width ?? 0;
      expect(box && layer && keyBox && who).toBeTruthy();
      console.log(`@${screen.scale}: viewport ${width}, notice x ${box?.x}…${(box?.x ?? 0) + (box?.width ?? 0)}, layer ${layer?.width} wide, key cap right ${(keyBox?.x ?? 0) + (keyBox?.width ?? 0)}`);
      for (const b2 of [box, layer, keyBox, who]) {
        expect(b2?.x ?? -1).toBeGreaterThanOrEqual(0);
        expect((b2?.x ?? 0) + (b2?.width ?? Infinity)).toBeLessThanOrEqual(width);
      }
      // The key cap and the names are inside the notice, not clipped by it; the excerpt is what gets cut.
      expect((keyBox?.x ?? 0) + (keyBox?.width ?? 0)).toBeLessThanOrEqual((box?.x ?? 0) + (box?.width ?? 0));
      expect(await notice.locator('strong').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const excerpt = notice.locator('.banner-excerpt');
      expect(await excerpt.evaluate((el) => (el.textContent ?? '').match(/[\u202A-\u202E]/) === null)).toBe(true);
      expect(await excerpt.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
      await shot(pageB, screen, 'conflict-notice');
    } finally {
      await contextA.close(); await contextB.close();
      await deskA.close(); await deskB.close(); await server.stop();
      serverDir.remove(); dirA.remove(); dirB.remove();
    }
  });
}
