/// <reference lib="dom" />
// Enter on an appeal the model advises is no appeal (spam, a thank-you) takes that advice: it opens the reject dialog on
// the advised reason, and a second Enter rejects — never the picker with a ministry preselected. A helper's trial of
// 6 December saw «Спам?» in the list and Enter, Enter route the spam to «Мэрия Новосибирска · 7 %». Keyboard only, at
// 1093×560 @1.25. The spam is real: a line of a public anti-spam sample file (tests/fixtures/not-appeals-real.jsonl).
import { test, expect } from '@playwright/test';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { withDeskOn } from './stack.js';

const BAIT = 'Нужен человек для удаленного заработка. С вас, телефон и 2 часа свободного времени. Доход достойный. Для связи (+) в ЛС';
const ROAD = 'В Линёво на улице Листвянской яма на яме, машины не проедут, просим отсыпать дорогу';
const post = (id: string, minutesAgo: number, text: string): IncomingAppeal => ({
  id, source: 'vk', channel: { name: 'Администрация Искитимского района', url: 'https://vk.com/iskitim_rayon' },
  author: { name: 'Алина' }, text, attachments: [], receivedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

test('Enter on spam opens the reject dialog on «Спам», and Enter rejects it; on an appeal it opens the picker', async ({ browser }) => {
  await withDeskOn(browser, [post('bait-1', 50, BAIT), post('road-1', 20, ROAD)], { width: 1093, height: 560, scale: 1.25 },
    async ({ server, page, inbox, row }) => {
      const hint = page.getByTestId('enter-hint');

      // The road is an appeal: Enter opens the picker with the suggestions on top, and Esc leaves it waiting.
      await expect.poll(() => inbox.selectedId()).toBe('road-1');
      await expect(hint).toHaveAttribute('data-enter', 'pick', { timeout: 30_000 });
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toContainText('предложено');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);

      // The spam: the route panel says what Enter will do, Enter opens the reject dialog on «Спам», Enter rejects.
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => inbox.selectedId()).toBe('bait-1');
      await expect(hint).toHaveAttribute('data-enter', 'reject', { timeout: 30_000 });
      await expect(hint).toContainText('отклонить: спам, реклама?');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('option', { selected: true })).toContainText('Спам');
      // The reason on one line beside the advice's words (it wrapped as «Спам,/реклама» at this size): the words give way.
      const labelLines = await dialog.getByRole('option', { selected: true }).locator('.choice-label').evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size;
    });
    expect(labelLines).toBe(1);
    await page.screenshot({ path: test.info().outputPath('reject-advised-1093x560@1.25.png') });
    await page.keyboard.press('Enter');
    await expect(row('bait-1')).toHaveCount(0);
    await server.expectAppeals({ 'bait-1': { status: 'rejected', rejectReason: 'spam', version: 2 }, 'road-1': { status: 'new' } });
    });
});
