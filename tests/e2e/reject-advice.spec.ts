/// <reference lib="dom" />
// A thank-you or spam in the inbox: the grid's «Предложение» column says so instead of a target, the detail pane says
// why with the key that rejects, and X opens the reasons with the cursor on the advised one, so X, Enter rejects it
// for that reason (the server receives it). A complaint that thanks in passing draws no advice.
import { test, expect } from '@playwright/test';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { openUnroutedQueue, searchIntoResults, serverForSpec } from './stack.js';

const spec = serverForSpec(0);
// A 1366×768 office screen at 150 %: the advice must be whole on the detail pane's one line there.
test.use({ viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5 });

const appeal = (id: string, text: string, minutesAgo: number): IncomingAppeal => ({
  id, source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: 'Житель' }, text, attachments: [], receivedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

test('X, Enter rejects a thank-you and spam for the advised reason; a complaint gets no advice', async ({ page }) => {
  await spec.server.ingest([
    appeal('thanks-1', 'Огромное спасибо водителю автобуса 45 маршрута, подождал бабушку с тележкой!', 1),
    appeal('spam-1', 'Заработок от 5000 в день без вложений, пиши в личку', 2),
    appeal('complaint-1', 'Спасибо за ремонт дороги, но ямы у остановки на Ленина остались', 3),
  ]);
  const { inbox, close } = await spec.openDesk(page, 'operator1');
  try {
    const cell = (id: string) => inbox.grid.locator(`[data-appeal-id="${id}"] .top-suggestion`);
    await expect(cell('thanks-1')).toHaveAttribute('data-reason', 'thanks');
    await expect(cell('thanks-1')).toHaveText('Спасибо?');
    await expect(cell('spam-1')).toHaveAttribute('data-reason', 'spam');
    await expect(cell('complaint-1')).not.toHaveAttribute('data-kind', 'reject');

    await page.keyboard.press('Home');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'thanks-1');
    const advice = page.getByTestId('reject-advice');
    await expect(advice).toHaveText(/X\s*Благодарность\? спасибо$/);
    expect(await advice.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the advice is cut').toBe(true);
    await page.keyboard.press('KeyX');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('option', { selected: true })).toContainText('Благодарность');
    await expect(dialog.getByTestId('reject-advised')).toHaveText('похоже: спасибо');
    await page.keyboard.press('Enter');
    await expect(inbox.grid.locator('[data-appeal-id="thanks-1"]')).toHaveCount(0);

    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'spam-1');
    await expect(advice).toHaveAttribute('data-reason', 'spam');
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option', { selected: true })).toContainText('Спам');
    await page.keyboard.press('Enter');
    await expect(inbox.grid.locator('[data-appeal-id="spam-1"]')).toHaveCount(0);

    // The complaint: no advice in its place's slot, and X starts on the first reason as always.
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'complaint-1');
    await expect(page.getByTestId('suggestions').locator('button.suggestion').first()).toBeVisible();
    await expect(advice).toHaveCount(0);
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByTestId('reject-advised')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await spec.server.expectAppeals({
      'thanks-1': { status: 'rejected', rejectReason: 'thanks' }, 'spam-1': { status: 'rejected', rejectReason: 'spam' },
      'complaint-1': { status: 'new' },
    });
  } finally {
    await close();
  }
});

// Search and the lead's queues do not show suggestions, so their X asks for the selection's advice itself: a spam
// found by search, and one in the lead's queue, start on «Спам»; a selection that mixes a thank-you with a complaint
// starts on the first reason, as no advice holds for all of it.
test('X in search and in the lead\'s queues starts on the advised reason too', async ({ page }) => {
  await spec.server.ingest([
    appeal('spam-2', 'Подработка на дому от 3000 в день, пиши в личку', 1),
    appeal('thanks-2', 'Выражаю благодарность бригаде водоканала за быстрый ремонт трубы', 2),
    appeal('complaint-2', 'Третий день во дворе не вывозят мусор, контейнеры переполнены', 3),
  ]);
  const { close } = await spec.openDesk(page, 'lead');
  try {
    const dialog = page.getByRole('dialog');
    const results = await searchIntoResults(page, 'подработка', 1);
    await expect(results.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('data-appeal-id', 'spam-2');
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option', { selected: true })).toContainText('Спам');
    await expect(dialog.getByTestId('reject-advised')).toHaveText(/^похоже: подработка/);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    const list = await openUnroutedQueue(page);
    const selected = list.locator('[role="option"][aria-selected="true"]');
    await expect(list.locator('[data-id="spam-2"]')).toBeVisible();
    const select = async (id: string) => {
      if (await selected.count() > 1) await page.keyboard.press('ArrowUp'); // a plain move narrows the selection to one
      for (let i = 0; i < 10 && await selected.first().getAttribute('data-id') !== id; i++) await page.keyboard.press('ArrowDown');
      for (let i = 0; i < 10 && await selected.first().getAttribute('data-id') !== id; i++) await page.keyboard.press('ArrowUp');
      await expect(selected).toHaveAttribute('data-id', id);
    };
    await select('thanks-2');
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option', { selected: true })).toContainText('Благодарность');
    await page.keyboard.press('Escape');
    // Extended over a neighbour (a complaint or the spam, no other thank-you waits): no advice holds for both.
    const last = await list.locator('[data-id="thanks-2"] + [role="option"]').count() === 0;
    await page.keyboard.press(last ? 'Shift+ArrowUp' : 'Shift+ArrowDown');
    await expect(selected).toHaveCount(2);
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByTestId('reject-advised')).toHaveCount(0);
    await page.keyboard.press('Escape');

    await select('spam-2');
    await page.keyboard.press('KeyX');
    await expect(dialog.getByRole('option', { selected: true })).toContainText('Спам');
    await page.keyboard.press('Enter');
    await spec.server.expectAppeals({ 'spam-2': { status: 'rejected', rejectReason: 'spam' } });
  } finally {
    await close();
  }
});
