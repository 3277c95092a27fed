// Ctrl+K (#13 item 5): every action of the screen and the global keys with its key, filtered by typing (the wrong
// layout too); Enter runs the chosen action exactly as its key would, Esc closes and gives the focus back.
import { test, expect } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

test('Ctrl+K finds an action by a part of its name and runs it; Esc closes', async ({ page }) => {
  test.setTimeout(120_000);
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, 200);
  await server.start();
  const desk = await startDesk(server, deskDir.dir, { login: 'operator1' });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(inbox.grid).toBeFocused();

    // Esc closes without doing anything and gives the focus back to the grid.
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Все команды' });
    await expect(palette.getByRole('combobox')).toBeFocused();
    // The screen's actions and the global ones, each with its key from the live bindings.
    await expect(palette.locator('[data-command="global.undo"]')).toContainText('CtrlZ');
    await expect(palette.locator('[data-command="global.open-search"]')).toContainText('CtrlF');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();
    await expect(inbox.grid).toBeFocused();

    // Part of a label: the help opens as «?» would open it.
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('все клав');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await expect(palette.getByRole('option', { selected: true })).toContainText('Все клавиши');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Клавиши' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    // The favourites dialog is reachable from here too.
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('избранные');
    await expect(palette.getByRole('option', { selected: true })).toContainText('CtrlShiftF');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Избранные адресаты' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    // Typed on the wrong layout: «gjbcr» is «поиск»; Enter opens the search with its box focused, like Ctrl+F.
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('gjbcr gj');
    await expect(palette.getByTestId('palette-reading')).toContainText('поиск по');
    await expect(palette.getByRole('option', { selected: true })).toContainText('Поиск по всем обращениям');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expect(page.getByTestId('search-box')).toBeFocused();

    // Back in the inbox, a favourite slot runs as its digit: the selected appeal goes to slot 2's target.
    await page.keyboard.press('Control+Digit1');
    await expect(inbox.selectedRow).toHaveCount(1);
    await inbox.grid.focus();
    const id = await inbox.selectedId();
    await page.keyboard.press('Control+KeyK');
    await page.keyboard.type('направить минздр');
    await expect(palette.getByRole('option', { selected: true })).toContainText('Направить: Минздрав НСО');
    await expect(palette.getByRole('option', { selected: true })).toContainText('2');
    await page.keyboard.press('Enter');
    await expect(inbox.grid.locator(`[data-appeal-id="${id}"]`)).toHaveCount(0);
    await server.expectAppeals({ [id]: { status: 'routed', targetId: 'minzdrav' } });
  } finally {
    await desk.close();
    await server.stop();
    deskDir.remove(); serverDir.remove();
  }
});
