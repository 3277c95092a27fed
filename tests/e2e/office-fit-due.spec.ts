/// <reference lib="dom" />
// qa (2 Dec, second trial): at 1366×768 @100 % every overdue row of a month-old backlog read «−29 дн. 1…» — the
// deadline column (108 px) cut the widest compact figure, «−29 дн. 12 ч» (any two-digit days and hours). Every deadline cell of such a backlog lies
// whole inside its cell at 100 % and at 150 %, in the inbox ordered by urgency (U) as the lead reads it too.
// DUE_SHOTS=prefix keeps a screenshot per scale.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { DEFAULT_DEADLINE_POLICY, deadlinesOf } from '../../shared/deadlines/deadline-policy.js';
import { timeLeft } from '../../shared/deadlines/time-left.js';
import { NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar, createWorkingCalendar } from '../../shared/deadlines/working-calendar.js';
import type { OfficeScreen } from '../harness/office-screens.js';
import { officeShot, openAt } from './office-page.js';
import { serverForSpec, startDesk, tempDir } from './stack.js';

const HOUR = 3_600_000;
const WIDEST = /^\u2212\d\d дн\. \d\d ч$/;
const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar.parse(
  JSON.parse(readFileSync(new URL('../../resources/production-calendar-ru.json', import.meta.url), 'utf8'))));

/** `count` arrival instants 15–45 days back whose VK routing deadline is «−DD дн. HH ч» overdue at `now`. */
function widestArrivals(now: number, count: number): number[] {
  const found: number[] = [];
  for (let r = now - 45 * 24 * HOUR; r < now - 15 * 24 * HOUR && found.length < count; r += 20 * 60_000) {
    const due = deadlinesOf('vk', r, DEFAULT_DEADLINE_POLICY, calendar).routeDueMs;
    if (WIDEST.test(timeLeft(due, now + 60_000).compact) && WIDEST.test(timeLeft(due, now + 10 * 60_000).compact)) found.push(r);
  }
  return found.length >= count ? found : [];
}

/**
 * The page's «now» and the arrivals that read widest then. Deadlines fall inside working hours, so from about 10:00 to
 * 19:00 in Novosibirsk every overdue figure has one-digit hours (due 12:00, now 18:48: «−29 дн. 6 ч») — CI at 11:48 UTC
 * found none (4 December). Then the page's clock is set the fewest hours ahead at which such figures exist; the
 * arrivals stay weeks in the past, as the server takes them.
 */
function pageTimeAndArrivals(now: number, count: number): { pageNow: number; widest: number[] } {
  for (let ahead = 0; ahead < 24; ahead++) {
    const widest = widestArrivals(now + ahead * HOUR, count);
    if (widest.length > 0) return { pageNow: now + ahead * HOUR, widest };
  }
  throw new Error('no time of day gives a two-digit days-and-hours overdue figure');
}

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const spec = serverForSpec(0);

for (const screen of SCREENS) {
  test(`deadline figures of a month-old backlog are whole — ${screen.width}×${screen.height} @${screen.scale * 100} %`, async ({ browser }) => {
    test.setTimeout(90_000);
    const now = Date.now();
    // A month back, arrivals every five hours over five days, plus four whose routing deadline (computed by the
    // desk's own rule: working hours, holidays) is a two-digit number of days and of hours overdue — the widest the
    // compact figure gets below 100 days. Picked, not hoped for: deadlines fold to 12:00 of the next working day,
    // so at most times of day a plain backlog reads «−29 дн. 6 ч» throughout (CI, 1 December).
    const { pageNow, widest } = pageTimeAndArrivals(now, 4);
    const arrivals = [...Array.from({ length: 20 }, (_, h) => now - 29 * 24 * HOUR - h * 5 * HOUR), ...widest];
    await spec.server.ingest(arrivals.map((receivedMs, h) => ({
      id: `vk-backlog-${screen.scale}-${h}`, source: 'vk' as const,
      channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' }, author: { name: `Жилец ${h}` },
      text: `Не работает лифт в доме ${h + 1}`, attachments: [],
      receivedAt: new Date(receivedMs).toISOString(),
    })));
    const dir = tempDir('desk');
    const desk = await startDesk(spec.server, dir.dir, { login: 'operator1' });
    try {
      const { page, inbox } = await openAt(browser, screen, desk.url, pageNow === now ? {} : { clockAt: pageNow });
      try {
        // The desk's first sync done: while it streams, the grid repaints its rows (placeholders, then the rows).
        await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
        await page.keyboard.press('KeyU');
        await expect(page.getByTestId('due-header')).toContainText('▲');
        await expect(inbox.grid.locator('.cell-due time.overdue').first()).toBeVisible();
        // One snapshot of the painted cells, taken again until it shows the widest figure (a repaint of the rows between
        // two reads left an empty list, CI 4 Dec): that figure is among them, and no figure of the same snapshot is cut.
        let snapshot: { figures: string[]; cut: string[] } = { figures: [], cut: [] };
        await expect.poll(async () => {
          snapshot = await page.locator('.cell-due').evaluateAll((cells) => {
            const figures: string[] = [];
            const cut: string[] = [];
            for (const cell of cells) {
              const figure = cell.querySelector('time');
              if (!figure) continue;
              if (figure.classList.contains('overdue')) figures.push(figure.textContent ?? '');
              const c = cell.getBoundingClientRect(); const f = figure.getBoundingClientRect();
              const whole = f.left >= c.left - 0.5 && f.right <= c.right + 0.5 && figure.scrollWidth <= figure.clientWidth + 0.5
                && cell.scrollWidth <= cell.clientWidth + 0.5;
              if (!whole) cut.push(`${figure.textContent}: cell ${c.left.toFixed(1)}–${c.right.toFixed(1)}, figure ${f.left.toFixed(1)}–${f.right.toFixed(1)}`);
            }
            return { figures, cut };
          });
          return snapshot.figures;
        }, { timeout: 10_000 }).toContainEqual(expect.stringMatching(WIDEST));
        expect(snapshot.cut).toEqual([]);
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
