/// <reference lib="dom" />
// Copies (the cluster rule 'copy'): a job-bait comment a bot posts under three pages with three accounts is one row
// with «+2», the detail pane says why each joined («тот же текст, другой автор»), and X, Enter rejects all three as
// spam, one mutation each — on a maximized 1366×768 window at 150 %. The text is real: a line of a public anti-spam
// sample file (tests/fixtures/not-appeals-real.jsonl).
import { test, expect } from '@playwright/test';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { withDeskOn } from './stack.js';

const BAIT = 'Нужен человек для удаленного заработка. С вас, телефон и 2 часа свободного времени. Доход достойный. Для связи (+) в ЛС';
const post = (id: string, minutesAgo: number, author: string, page: string, text: string): IncomingAppeal => ({
  id, source: 'vk', channel: { name: page, url: `https://vk.com/${page}` }, author: { name: author }, text, attachments: [],
  receivedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

test('a bot\'s comment under three pages is one row; X, Enter rejects the three as spam', async ({ browser }) => {
  await withDeskOn(browser, [
    post('bait-1', 50, 'Алина', 'minzdrav_nso', BAIT),
    post('bait-2', 41, 'Вика Работа', 'mingkh_nso', BAIT.replaceAll(',', '')),
    post('bait-3', 30, 'Кристина', 'mer_nsk', `${BAIT.toUpperCase()} 🤝`),
    post('road-1', 20, 'Ирина В.', 'mintrans_nso', 'В Линёво на улице Листвянской яма на яме, машины не проедут, просим отсыпать дорогу'),
  ], { width: 911, height: 455, scale: 1.5 },
    async ({ server, page, row }) => {
      await expect(row('bait-3').getByTestId('cluster-badge')).toHaveText('+2');
      await expect(row('bait-1')).toHaveCount(0);
      await expect(row('road-1').getByTestId('cluster-badge')).toHaveCount(0);
      await row('bait-3').dispatchEvent('mousedown');
      const block = page.getByTestId('cluster-block');
      await expect(block.locator('[data-member-id]')).toHaveCount(3);
      await expect(block.getByText('тот же текст, другой автор')).toHaveCount(2);
      await page.screenshot({ path: test.info().outputPath('copies-911x455@1.5.png') });

      await page.keyboard.press('KeyX');
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('option', { selected: true })).toContainText('Спам');
      await page.keyboard.press('Enter');
      await expect(row('bait-3')).toHaveCount(0);
      await server.expectAppeals(Object.fromEntries(['bait-1', 'bait-2', 'bait-3']
        .map((id) => [id, { status: 'rejected', rejectReason: 'spam', version: 2 }])));
      await server.expectAppeals({ 'road-1': { status: 'new' } });
    });
});
