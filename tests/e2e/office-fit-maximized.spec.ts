/// <reference lib="dom" />
// A maximized window on a 1366×768 screen at 150 %: the title bar and the taskbar leave ~911×455 CSS px of the 512
// (electron/main/window-size.ts). There the appeal's text was two readable lines under the bars and panels (trial);
// the very short window (short-window.ts, layout.css) gives the bars' and panels' padding back to it, and four lines
// were still too few (keyboard trial): the suggestions' rows and the legend's keys are lower there too. Measured on the
// painted page against a real server and desk: at least six readable lines of a long appeal, and every key the
// operator routes with (the suggestions' Q/W, the nine favourites, «/», X, Ctrl+Z) inside the window and painted,
// the status bar too; the tier is off at 911×512.
import { test, expect } from '@playwright/test';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { serverForSpec } from './stack.js';

const spec = serverForSpec(12);
test.use({ viewport: { width: 911, height: 455 }, deviceScaleFactor: 1.5 });

const SENTENCE = 'Во дворе дома на улице Ленина третью неделю не вывозят мусор, контейнеры переполнены, крысы бегают у подъезда. ';
const LONG: IncomingAppeal = {
  id: 'max-long', source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: 'Заявитель Длинный' }, text: SENTENCE.repeat(12), attachments: [], receivedAt: new Date().toISOString(),
};

/** Whole lines of the text above the «Space дальше» fade's opaque foot (detail.css: the last 30 % of its 30 px). */
function readableLines(): number {
  const body = document.querySelector('.detail-body');
  const text = document.querySelector('.detail-text');
  if (body === null || text === null) return 0;
  const more = body.querySelector('.detail-more[data-more]');
  const opaque = more === null ? 0 : more.getBoundingClientRect().height * 0.3;
  const lineHeight = parseFloat(getComputedStyle(text).lineHeight);
  return Math.floor((body.getBoundingClientRect().bottom - opaque - text.getBoundingClientRect().top) / lineHeight);
}

/** Each selector's elements: inside the viewport and what is painted at their centre. */
function offScreen(selector: string): string[] {
  return Array.from(document.querySelectorAll(selector)).flatMap((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const inside = r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    return inside && hit !== null && (hit === el || el.contains(hit)) ? [] : [`${el.className} ${r.top.toFixed(0)}–${r.bottom.toFixed(0)}`];
  });
}

test('911×455 @150 %: six readable lines of a long appeal, every routing key and the status bar on screen', async ({ page }) => {
  await spec.server.ingest([LONG]);
  const { inbox, close } = await spec.openDesk(page, 'operator1');
  try {
    await expect(page.locator('html')).toHaveAttribute('data-window', 'very-short');
    await inbox.grid.locator('[role="row"][data-appeal-id="max-long"]').focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 20 && await inbox.selectedRow.getAttribute('data-appeal-id') !== 'max-long'; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('appeal-detail')).toHaveAttribute('data-appeal-id', 'max-long');
    await expect(page.getByTestId('suggestions').locator('button.suggestion').nth(1)).toBeAttached({ timeout: 30_000 });
    await expect(page.locator('.detail-more[data-more]')).toBeAttached();

    const lines = await page.evaluate(readableLines);
    expect(lines, 'readable lines of the appeal (two before the very short window, four before its low legend)').toBeGreaterThanOrEqual(6);
    for (const selector of ['[data-testid="suggestions"] li:nth-child(n+2) .keycap', '.route-panel .favorite',
      '.route-panel .route-actions .btn', '.status-bar .sync-status', '.top-bar .top-actions']) {
      expect(await page.evaluate(offScreen, selector), selector).toEqual([]);
    }
    const cut = await page.locator('.route-panel .favorite-name, .route-actions .btn-label').evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(cut, 'legend labels cut').toEqual([]);

    // A 512 px window (not maximized, or no taskbar) keeps the padding.
    await page.setViewportSize({ width: 911, height: 512 });
    await expect(page.locator('html')).not.toHaveAttribute('data-window', 'very-short');
  } finally {
    await close();
  }
});
