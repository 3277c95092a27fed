/// <reference lib="dom" />
// Routing suggestions in the inbox: the detail pane shows up to three targets with reasons; Enter routes to the
// first (through the picker when it is not confident) and Q to the second through the same decision path as every
// other key (the server receives the target).
import { test, expect } from '@playwright/test';
import { serverForSpec } from './stack.js';

const spec = serverForSpec();

test('Enter routes to the first suggestion and Q to the second, each shown with its key and reason', async ({ page }) => {
  const { inbox, close } = await spec.openDesk(page, 'operator2');
  try {
    const block = page.getByTestId('suggestions');
    const buttons = block.locator('button.suggestion');

    const first = await inbox.selectedId();
    await expect(buttons.first()).toBeVisible();
    await expect(buttons.first().locator('.suggestion-reason')).toHaveText(/^(слова|место|похожие)/);
    const top = await buttons.first().getAttribute('data-target-id');
    // Enter routes a confident first suggestion at once; below the threshold (#13 item 7, tests/e2e/enter-safe.spec.ts)
    // it opens the picker with that suggestion highlighted on top, and Enter there routes it.
    const sure = (await page.getByTestId('enter-hint').getAttribute('data-enter')) === 'route';
    if (sure) await expect(buttons.first()).toContainText('Enter');
    await page.keyboard.press('Enter');
    if (!sure) {
      await expect(page.getByRole('dialog').getByRole('option').first()).toHaveAttribute('id', `picker-option-${top ?? ''}`);
      await page.keyboard.press('Enter');
    }
    await expect(inbox.grid.locator(`[data-appeal-id="${first}"]`)).toHaveCount(0);

    const second = await inbox.selectedId();
    expect(second).not.toBe(first);
    await expect(page.getByTestId('appeal-detail')).toHaveAttribute('data-appeal-id', second);
    await expect(buttons.nth(1)).toBeVisible();
    await expect(buttons.nth(1)).toContainText('Q');
    const runnerUp = await buttons.nth(1).getAttribute('data-target-id');
    await page.keyboard.press('KeyQ');
    await expect(inbox.grid.locator(`[data-appeal-id="${second}"]`)).toHaveCount(0);

    await spec.server.expectAppeals({ [first]: { targetId: top ?? '' }, [second]: { targetId: runnerUp ?? '' } });
  } finally {
    await close();
  }
});
