// Favourites chosen by keyboard (#13 item 5), against the real reference server: Ctrl+Shift+F, ↓↓ to key 3, Enter,
// «дов» in the picker, Enter — the route button for 3 changes at once and 3 routes there, as the server records. The
// list is the operator's own: another operator signing in on the same desk has theirs, the first gets theirs back,
// and the server keeps it (/me/preferences).
import { test, expect, type Page } from '@playwright/test';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

async function signIn(page: Page, login: string): Promise<void> {
  await expect(page.getByLabel('Логин')).toBeFocused({ timeout: 30_000 });
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(login);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('grid').locator('[role="row"][aria-selected="true"]')).toHaveCount(1, { timeout: 30_000 });
}

async function signOut(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+KeyQ');
  await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
}

test('key 3 set by keyboard routes there; each operator on the desk has their own favourites', async ({ page }) => {
  test.setTimeout(180_000);
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, 200);
  await server.start();
  const desk = await startDesk(server, deskDir.dir, { login: 'operator1' });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    const slot3 = page.locator('.route-panel button.favorite[data-slot="3"]');
    await expect(slot3).toContainText('Минтранс НСО'); // the default list

    await page.keyboard.press('Control+Shift+KeyF');
    const dialog = page.getByRole('dialog', { name: 'Избранные адресаты' });
    await expect(dialog.getByRole('option')).toHaveCount(9);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(dialog.getByRole('option', { selected: true })).toHaveAttribute('data-slot', '3');
    // End and Home reach the last and first keys (a trial of 5 December: End did nothing, and Enter then chose for 1).
    await page.keyboard.press('End');
    await expect(dialog.getByRole('option', { selected: true })).toHaveAttribute('data-slot', '9');
    await page.keyboard.press('Home');
    await expect(dialog.getByRole('option', { selected: true })).toHaveAttribute('data-slot', '1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog', { name: 'Адресат для клавиши 3' });
    await expect(picker.getByRole('combobox')).toBeFocused();
    // Its Enter gives the key a target: said so, not «направить» (which read as routing the open appeal).
    await expect(picker.locator('.dialog-footer')).toContainText('Enter назначить клавише');
    await expect(picker.locator('.dialog-footer')).not.toContainText('направить');
    await page.keyboard.type('дов');
    await expect(picker.getByRole('option').first()).toContainText('Доволенский район');
    await page.keyboard.press('Enter');
    await expect(picker).toBeHidden();
    await expect(dialog.locator('[data-slot="3"]')).toContainText('Доволенский район');
    // The route button shows it at once, behind the dialog.
    await expect(slot3).toContainText('Доволенский район');

    // Delete frees a key; the others keep their numbers.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Delete');
    await expect(dialog.locator('[data-slot="4"]')).toContainText('не назначен');
    await expect(dialog.locator('[data-slot="5"]')).toContainText('Минобр НСО');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(inbox.grid).toBeFocused();

    const id = await inbox.decideWith('Digit3');
    await server.expectAppeals({ [id]: { status: 'routed', targetId: 'mr-dovolensky' } });
    // A freed key routes nothing and says so.
    await page.keyboard.press('Digit4');
    await expect(page.getByRole('alert')).toContainText('За клавишей 4 не закреплён адресат');

    // The server keeps operator1's list (slot numbers kept: '' is the freed slot 4).
    const token = await server.token('operator1');
    const prefs = await (await fetch(`${server.url}${API_PREFIX}/me/preferences`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(prefs).toEqual({
      favoriteTargets: ['mingkh', 'minzdrav', 'mr-dovolensky', '', 'minobr', 'minsoc', 'minstroy', 'mincifra', 'gov'],
    });

    await signOut(page);
    await signIn(page, 'operator2');
    await expect(slot3).toContainText('Минтранс НСО');
    await signOut(page);
    await signIn(page, 'operator1');
    await expect(slot3).toContainText('Доволенский район');
    await expect(page.locator('.route-panel button.favorite[data-slot="4"]')).toContainText('—');
  } finally {
    await desk.close();
    await server.stop();
    deskDir.remove(); serverDir.remove();
  }
});
