/// <reference lib="dom" />
// qa (2 Dec, second trial): at 1366×768 @100 % every overdue row of a month-old backlog read «−29 дн. 1…» — the
// deadline column (108 px) cut the widest compact figure, «−29 дн. 12 ч» (any two-digit days and hours). Every deadline cell of such a backlog lies
// whole inside its cell at 100 % and at 150 %, in the inbox ordered by urgency (U) as the lead reads it too.
// DUE_SHOTS=prefix keeps a screenshot per scale.
import { test, expect } from '@playwright/test';
import type { OfficeScreen } from '../harness/office-screens.js';
import { officeShot, openAt } from './office-page.js';
import { serverForSpec, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const HOUR = 3_600_000;
const spec = serverForSpec(0);

for (const screen of SCREENS) {
  test(`deadline figures of a month-old backlog are whole — ${screen.width}×${screen.height} @${screen.scale * 100} %`, async ({ browser }) => {
    test.setTimeout(90_000);
    const now = Date.now();
    // 29 days back and then every five hours over five days: whatever the deadline rule adds (working hours, and a
    // holiday such as 4 November folds a whole day of arrivals into one deadline), some rows are a two-digit number
    // of days and of hours overdue — the widest the compact figure gets below 100 days — on any day the suite runs.
    await spec.server.ingest(Array.from({ length: 24 }, (_, h) => ({
      id: `vk-backlog-${screen.scale}-${h}`, source: 'vk' as const,
      channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' }, author: { name: `Жилец ${h}` },
      text: `Не работает лифт в доме ${h + 1}`, attachments: [],
      receivedAt: new Date(now - 29 * 24 * HOUR - h * 5 * HOUR).toISOString(),
    })));
    const dir = tempDir('desk');
    const desk = await startDesk(spec.server, dir.dir, { login: 'operator1' });
    try {
      const { page, inbox } = await openAt(browser, screen, desk.url);
      try {
        await page.keyboard.press('KeyU');
        await expect(page.getByTestId('due-header')).toContainText('▲');
        const figures = inbox.grid.locator('.cell-due time.overdue');
        await expect(figures.first()).toBeVisible();
        expect(await figures.allTextContents()).toContainEqual(expect.stringMatching(/^\u2212\d\d дн\. \d\d ч$/));
        const cut = await page.locator('.cell-due').evaluateAll((cells) => cells.flatMap((cell) => {
          const figure = cell.querySelector('time');
          if (!figure) return [];
          const c = cell.getBoundingClientRect(); const f = figure.getBoundingClientRect();
          const whole = f.left >= c.left - 0.5 && f.right <= c.right + 0.5 && figure.scrollWidth <= figure.clientWidth + 0.5
            && cell.scrollWidth <= cell.clientWidth + 0.5;
          return whole ? [] : [`${figure.textContent}: cell ${c.left.toFixed(1)}–${c.right.toFixed(1)}, figure ${f.left.toFixed(1)}–${f.right.toFixed(1)}`];
        }));
        expect(cut).toEqual([]);
        await officeShot(process.env.DUE_SHOTS, page, screen, 'due', { settle: true });
      } finally {
        await page.context().close();
      }
    } finally {
      await desk.close();
      dir.remove();
    }
  });
}
