// A reload of the desk's page comes back to the appeal the operator had selected (a helper's trial of 5 December:
// they had gone to the oldest appeal with End; after the reload they were on the newest, while the desk had kept the
// old one's hold through the reload). A sign-out forgets it: the next sign-in starts at the newest, as a new tab does.
import { expect, test } from '@playwright/test';
import { serverForSpec } from './stack.js';

const spec = serverForSpec(20);

test('a reload keeps the selection; a sign-out and sign-in start at the newest again', async ({ page }) => {
  const { inbox, close } = await spec.openDesk(page, 'operator1');
  try {
    const newest = await inbox.selectedId();
    await page.keyboard.press('End');
    const oldest = await inbox.selectedId();
    expect(oldest).not.toBe(newest);
    await expect(inbox.selectedRow).toHaveAttribute('data-hold', 'mine');

    await page.reload();
    await expect(inbox.selectedRow).toHaveCount(1);
    expect(await inbox.selectedId()).toBe(oldest);
    await expect(inbox.selectedRow).toBeInViewport();

    // Sign out (its key) and in again: the newest, not the one read before.
    await page.keyboard.press('Control+Shift+KeyQ');
    const login = page.getByLabel('Логин');
    await expect(login).toBeVisible();
    await login.fill('operator1');
    await page.getByLabel('Пароль').fill('operator1');
    await page.keyboard.press('Enter');
    await expect(inbox.selectedRow).toHaveCount(1);
    expect(await inbox.selectedId()).toBe(newest);
  } finally {
    await close();
  }
});
