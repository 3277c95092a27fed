// Enter on a control reached with Tab is the control's (trial, 5 December): on the folded section menu it opened the
// route picker for the selected appeal, one more Enter from routing it unread, and at 150 % the sections could not be
// opened from the keyboard at all. Enter in the list still routes. Open, the menu owns the keys: ↑ ↓, Esc, a digit.
import { test, expect } from '@playwright/test';
import { serverForSpec } from './stack.js';

test.use({ viewport: { width: 911, height: 455 }, deviceScaleFactor: 1.5 });
const spec = serverForSpec(20);

test('Tab to «Входящие ▾», Enter opens the sections, not the route picker; Enter in the list still routes', async ({ page }) => {
  const { inbox, close } = await spec.openDesk(page, 'operator1');
  try {
    const menuButton = page.locator('.view-menu-button');
    await expect(menuButton).toBeVisible();
    for (let i = 0; i < 60 && !(await menuButton.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(menuButton).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu', { name: 'Разделы' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: /Направить/u })).toHaveCount(0);

    // Open, the menu owns the keys (a helper's trial of 5 December: ↓ moved the inbox's selection behind it, Esc did
    // nothing, «2» routed the hidden appeal). The focus is on the current section; ↓ moves it, not the inbox.
    const menu = page.getByRole('menu', { name: 'Разделы' });
    const selected = await inbox.selectedId();
    await expect(menu.locator('[data-view="inbox"]')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.locator('[data-view="search"]')).toBeFocused();
    await page.keyboard.press('KeyJ');
    expect(await inbox.selectedId()).toBe(selected);
    // Esc closes it, back to the button; ↓ there opens it again.
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(menuButton).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.locator('[data-view="inbox"]')).toBeFocused();
    // A digit opens that section: nothing routed, no undo offered.
    await page.keyboard.press('Digit2');
    await expect(menu).toHaveCount(0);
    await expect(page.locator('.view-menu-current')).toHaveText('Поиск');
    await expect(page.getByTestId('undo-toast')).toHaveCount(0);
    expect((await spec.server.allAppeals()).get(selected)?.status).toBe('new');
    await page.keyboard.press('Control+Digit1');
    await expect(page.locator('.view-menu-current')).toHaveText('Входящие');
    // Folded, the section's own key is still on screen, beside its name (the tabs' hints went with them).
    await expect(menuButton.locator('.keycaps')).toHaveAttribute('aria-label', 'клавиша Ctrl+1');

    // Enter on the button opens and closes it; a click on the row gives the list its focus, and Enter routes as before.
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toBeVisible();
    await menuButton.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveCount(0);
    await inbox.selectedRow.click();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: /Направить/u })).toBeVisible();
  } finally {
    await close();
  }
});

// F1 said «Перейти к разделу с этим номером (вкладки вверху)» while the top bar had folded the tabs into «Входящие ▾»
// (trial at 150 %): the line on Ctrl+1–9 must be true of the bar as it is, folded here and as tabs on a wide window.
test('F1: the line on Ctrl+1–9 names no tabs where the top bar has folded them into the sections menu', async ({ page }) => {
  const { close } = await spec.openDesk(page, 'operator1');
  try {
    for (const size of [{ width: 911, height: 455, folded: true }, { width: 1366, height: 768, folded: false }]) {
      await page.setViewportSize(size);
      await expect(page.locator('.top-bar .view-menu-button')).toHaveCount(size.folded ? 1 : 0);
      await expect(page.locator('.top-bar [role="tab"]').first()).toBeVisible({ visible: !size.folded });
      await page.keyboard.press('F1');
      const line = page.getByRole('dialog', { name: 'Клавиши' }).locator('.help-row[data-scope="global"][data-action="switch-view"] dd');
      await expect(line).toContainText('разделы');
      if (size.folded) await expect(line).not.toContainText(/вкладк/iu);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Клавиши' })).toHaveCount(0);
    }
  } finally {
    await close();
  }
});

// F1 at 150 % was 13 screens of its region, most two thirds blank (the tallest section of a row set the row), and the
// lead's «Очереди» keys began five pages down (a helper's trial, 5 December): the sections flow down the columns, the
// screen's own keys first.
test('F1 over «Очереди» at 150 %: the queues\' keys first, and the sections flow without blank rows', async ({ page }) => {
  const { close } = await spec.openDesk(page, 'lead');
  try {
    await page.keyboard.press('Control+Digit2');
    await expect(page.getByTestId('queues-view')).toBeVisible();
    await page.keyboard.press('F1');
    const list = page.getByRole('dialog', { name: 'Клавиши' }).getByRole('region', { name: 'Все клавиши' });
    await expect(list).toBeFocused();
    await expect(list.locator('section h3').first()).toHaveText('Очереди (старший смены)');
    const screens = await list.evaluate((el) => el.scrollHeight / el.clientHeight);
    expect(screens, 'screens of the help region').toBeLessThan(9);
    // Down the page, not sideways: ↓ and PgDn page it, and the cue of more below counts on it.
    expect(await list.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await page.keyboard.press('Escape');
  } finally {
    await close();
  }
});

// A second read of 5 December: a section chosen in the open menu by keyboard left the focus nowhere (<body>): a screen
// reader lost its place, and Tab started over from the top. Each section chosen there takes the focus to its own
// list or box; the keys are the section's, never the menu button's (Enter there would reopen the menu).
test('a section chosen in the open menu by keyboard has the focus, not <body> nor the menu button', async ({ page }) => {
  const { close } = await spec.openDesk(page, 'operator1');
  try {
    const menuButton = page.locator('.view-menu-button');
    const sections = ['search', 'conflicts', 'sync-log', 'inbox'] as const;
    const where: Record<string, string> = {};
    for (const section of sections) {
      await menuButton.focus();
      await page.keyboard.press('ArrowDown');
      const item = page.getByRole('menu', { name: 'Разделы' }).locator(`[data-view="${section}"]`);
      for (let i = 0; i < 6 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('menu')).toHaveCount(0);
      await page.waitForTimeout(100);
      where[section] = await page.evaluate(() => {
        const at = document.activeElement;
        if (at === null || at === document.body) return 'body';
        if (at.closest('.top-bar') !== null) return 'top bar';
        return at.closest('.app-shell > :not(.top-bar):not(.status-bar)') !== null ? 'section' : at.tagName;
      });
    }
    expect(where).toEqual(Object.fromEntries(sections.map((s) => [s, 'section'])));
  } finally {
    await close();
  }
});
