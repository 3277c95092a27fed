/// <reference lib="dom" />
// The cue of unseen arrivals, in the real browser against the real server: an operator working down the list (the
// selection mid-screen, or on the first row) gets appeals above it — the grid keeps the row read still, so they are
// out of sight — and «↑ N новых обращения выше» with the live key of «Самое новое обращение» says so; the key takes
// the operator to them and the cue is gone, also when more arrived than a screen holds. An appeal arriving below the
// selection, in view as the operator works down, is no cue. At 1366×768 at 100 % and 150 %; NEW_ABOVE_SHOTS=<prefix>
// keeps screenshots.
import { test, expect } from '@playwright/test';
import { screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { officeShot, openAt } from './office-page.js';
import { ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const SHOTS = process.env.NEW_ABOVE_SHOTS;

// Different topics, places and authors, so the core folds none of them into a cluster with each other or the demo's.
const TEXTS = [
  ['На улице Зорге третий день не вывозят мусор, контейнеры переполнены.', 'В поликлинике №12 нет записи к неврологу.'],
  ['В Бердске на улице Ленина не горят фонари.', 'Автобус 45 утром не останавливается у рынка.'],
] as const;
const arrivals = (set: number): IncomingAppeal[] => (TEXTS[set] ?? []).map((text, i) => ({
  id: `new-above-${set}-${i}`, source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: `Житель ${set * 2 + i + 1} Проверочный` }, text, attachments: [],
  // Each the newest: the top of the list; a later set dated past an earlier one's last (list-anchor.spec.ts, CI).
  receivedAt: new Date(Date.now() + (set * 10 + i) * 1000).toISOString(),
}));

/**
 * `count` newer still, each the newest: after this screen's set above, before the next screen's. No place is named, so
 * the core folds none of them into a surge cluster (same place and problem); each has its own author (no duplicate).
 */
const manyArrivals = (screen: number, count: number): IncomingAppeal[] => Array.from({ length: count }, (_, i) => ({
  id: `new-above-many-${screen}-${i}`, source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: `Заявитель ${screen}-${i} Проверочный` }, text: `Вопрос ${i + 1}: прошу ответить, когда будет ответ на моё письмо.`,
  attachments: [], receivedAt: new Date(Date.now() + (screen * 10 + 2) * 1000 + i * 100).toISOString(),
}));

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('new-above-srv');
  server = new ServerUnderTest(serverDir.dir, 120);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

for (const [n, screen] of SCREENS.entries()) {
  test(`${screenLabel(screen)}: appeals arriving above the selection show «↑ N новых обращения выше» until Home`, async ({ browser }) => {
    test.setTimeout(120_000);
    const dir = tempDir('new-above-desk');
    const desk = await startDesk(server, dir.dir, { login: `operator${n + 1}` });
    const { page, inbox } = await openAt(browser, screen, desk.url);
    const cue = page.getByTestId('new-above');
    try {
      await expect(page.locator('.detail-body')).toBeVisible();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
      const reading = await inbox.selectedId();
      await expect(cue).toHaveCount(0);
      const rowCount = () => page.getByRole('grid').getAttribute('aria-rowcount').then((v) => Number(v));
      const before = await rowCount();

      // An older appeal pulled late lands far below the selection: no cue.
      await server.ingest([{ ...(arrivals(n)[0] as IncomingAppeal), id: `new-above-old-${n}`,
        author: { name: `Давний Житель ${n}` }, text: 'Прошу отремонтировать лавочки в сквере у дома культуры.',
        receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString() }]);
      await expect.poll(() => rowCount(), { timeout: 20_000 }).toBe(before + 1);
      await expect(cue).toHaveCount(0);

      // Two arrive, each the newest: above the selection, which stays put.
      await server.ingest(arrivals(n));
      // «↑ 2 новых»; on the narrowest pane «↑ 2», the rest in its name.
      await expect(cue).toHaveText(/^↑\s*2(?!\d)/, { timeout: 20_000 });
      await expect(cue).toHaveAccessibleName(/^2 новых обращения выше/);
      await expect(cue.locator('kbd')).toHaveText('Home');
      expect(await inbox.selectedId()).toBe(reading);
      // The cue's text is whole.
      const clipped = await cue.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(clipped).toBe(false);
      await officeShot(SHOTS, page, screen, 'cue', { settle: true });
      // It sits inside the «Текст» header, over no row and no other column's header (laid over the header line it hid
      // «Предложение», trial of 4 December); and a dialog's overlay covers it like the rest of the page.
      const headers = page.getByRole('grid').getByRole('columnheader');
      const textHeader = headers.filter({ has: cue });
      const [cueBox, cellBox] = await Promise.all([cue.boundingBox(), textHeader.boundingBox()]);
      expect(cueBox && cellBox && cueBox.x >= cellBox.x - 0.5 && cueBox.x + cueBox.width <= cellBox.x + cellBox.width + 0.5
        && cueBox.y + cueBox.height <= cellBox.y + cellBox.height + 0.5, 'the cue inside the «Текст» header').toBe(true);
      const covered = await headers.evaluateAll((cells) => cells.filter((cell) => {
        const r = cell.getBoundingClientRect();
        if (r.width === 0 || cell.querySelector('.new-above')) return false;
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.new-above') !== null;
      }).length);
      expect(covered, 'another column\'s header under the cue').toBe(0);
      await page.keyboard.press('Slash');
      await expect(page.getByRole('dialog')).toBeVisible();
      const onTop = await cue.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.new-above') !== null;
      });
      expect(onTop, 'the cue drawn over an open dialog\'s overlay').toBe(false);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // The live key goes to the newest: the arrivals are on screen, the cue is gone.
      await page.keyboard.press('Home');
      await expect(cue).toHaveCount(0);
      expect(await inbox.selectedId()).toBe(`new-above-${n}-1`);

      // More arrive while the operator reads lower down than a screen holds (the demo's intake over a few minutes):
      // Home shows the first screen of them, the rest are below it — no cue on the first row (trial: «↑ 11 новых»
      // stayed there at scrollTop 0, and each ↑ took one off).
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
      const shown = await page.getByRole('grid').evaluate((el) => Math.floor(el.clientHeight / 28));
      const many = manyArrivals(n, shown + 10);
      await server.ingest(many);
      await expect(cue).toHaveAccessibleName(new RegExp(`^${many.length} новых`), { timeout: 30_000 });
      await page.keyboard.press('Home');
      await expect(inbox.selectedRow).toHaveAttribute('aria-rowindex', '2');
      await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', new RegExp(`^new-above-many-${n}-`));
      await expect.poll(() => page.getByRole('grid').evaluate((el) => el.scrollTop)).toBe(0);
      await expect(cue).toHaveCount(0);
      await officeShot(SHOTS, page, screen, 'home-many', { settle: true });
    } finally {
      await page.context().close();
      await desk.close();
      dir.remove();
    }
  });
}
