/// <reference lib="dom" />
// Remapping keys by keyboard only (issue 13): in «?» → Enter («Настройка клавиш») the operator moves «route to the
// second suggestion» from Q to B; a clash and a reserved key are refused with a message; the hint in the detail pane
// and the help follow, B routes and Q no longer does; a reload keeps the remap; another operator keeps the defaults.
import { createRequire } from 'node:module';
import { test, expect, type Page } from '@playwright/test';
import { openKeymapAt, serverForSpec } from './stack.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// The desk's CSP allows only its own scripts; axe is the test's (as in accessibility.spec.ts).
test.use({ bypassCSP: true });

/** axe-core's serious and critical findings on the page as it is now, one line each. */
async function seriousFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type AxeResult = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.map(String).join(' ')}`));
  });
}

const spec = serverForSpec();

const secondSuggestion = (page: Page) => page.getByTestId('suggestions').locator('button.suggestion').nth(1);

/** Moves down the inbox until the selected appeal has a second suggestion (the model offers none under its floor). */
async function selectWithSecondSuggestion(page: Page): Promise<void> {
  for (let i = 0; i < 15; i++) {
    // The background model learns the routed history before it scores the waiting appeals: give it the time a loaded
    // 2-core machine takes (enter-safe.spec.ts measured ~10 s quiet, over 30 s beside builds and browsers).
    await expect(page.getByTestId('suggestions')).not.toContainText('Модель ещё не оценила', { timeout: 90_000 });
    if (await secondSuggestion(page).count() > 0) return;
    await page.keyboard.press('KeyJ');
  }
  throw new Error('no appeal with a second suggestion');
}

test('remap «route to the second suggestion» from Q to B by keyboard: hints follow, B routes, Q does not, kept per operator', async ({ page }) => {
  test.setTimeout(150_000);
  const { inbox, close } = await spec.openDesk(page, 'operator2');
  try {
    await selectWithSecondSuggestion(page);
    await expect(secondSuggestion(page).locator('.keycap')).toHaveText('Q');

    const { dialog, selected } = await openKeymapAt(page, 'inbox', 'route-suggestion-2');
    await expect(selected.locator('.keycap')).toHaveText('Q');
    expect(await seriousFindings(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('keymap-prompt')).toContainText('Нажмите новую клавишу для «Направить второму предложенному адресату»');
    const note = dialog.getByTestId('keymap-note');
    // A clash is named, and the capture goes on.
    await page.keyboard.press('KeyX');
    await expect(note).toHaveText('Уже занято: X — Отклонить обращение');
    await expect(note).toHaveAttribute('data-tone', 'error');
    // A global key clashes too.
    await page.keyboard.press('Control+KeyF');
    await expect(note).toHaveText('Уже занято: Ctrl+F — Поиск по всем обращениям (Везде)');
    // Reserved keys are refused with the reason.
    await page.keyboard.press('Tab');
    await expect(note).toHaveText('Нельзя: Tab — переход между полями и кнопками');
    await page.keyboard.press('Alt+KeyB');
    await expect(note).toHaveText('Нельзя: сочетания с Alt заняты системой и меню окна');
    // Esc cancels: nothing changed.
    await page.keyboard.press('Escape');
    await expect(note).toHaveText('Отменено: клавиши не изменились');
    await expect(selected.locator('.keycap')).toHaveText('Q');
    await expect(dialog).toBeVisible();

    await page.keyboard.press('Enter');
    await page.keyboard.press('KeyB');
    await expect(note).toHaveText('«Направить второму предложенному адресату»: B');
    await expect(selected.locator('.keycap')).toHaveText('B');
    await expect(selected).toContainText('изменено');
    // Digit slots stay fixed, and say so.
    await expect(dialog.locator('[data-scope="inbox"][data-action="route-favorite"]')).toContainText('цифры не переназначаются');

    // Back in the help list (Esc), the row shows the new key; Esc closes the help.
    await page.keyboard.press('Escape');
    await expect(dialog.locator('.help-row[data-scope="inbox"][data-action="route-suggestion-2"] .keycap')).toHaveText('B');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // The detail pane's hint follows; Q does nothing now, B routes to the second suggestion.
    await expect(secondSuggestion(page).locator('.keycap')).toHaveText('B');
    const id = await inbox.selectedId();
    const runnerUp = await secondSuggestion(page).getAttribute('data-target-id');
    await page.keyboard.press('KeyQ');
    await page.waitForTimeout(700);
    expect(await inbox.selectedId()).toBe(id);
    await expect(inbox.grid.locator(`[data-appeal-id="${id}"]`)).toHaveCount(1);
    await page.keyboard.press('KeyB');
    await expect(inbox.grid.locator(`[data-appeal-id="${id}"]`)).toHaveCount(0);
    await spec.server.expectAppeals({ [id]: { status: 'routed', targetId: runnerUp ?? '' } });

    // A reload keeps the remap (loaded from the core at sign-in).
    await page.reload();
    await expect(inbox.selectedRow).toHaveCount(1);
    await selectWithSecondSuggestion(page);
    await expect(secondSuggestion(page).locator('.keycap')).toHaveText('B');

    // Another operator on this desk gets the default keys.
    await page.keyboard.press('Control+Shift+KeyQ');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
    await page.keyboard.type('operator1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('operator1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('user-name')).toContainText('Анна', { timeout: 30_000 });
    await expect(inbox.selectedRow).toHaveCount(1);
    await selectWithSecondSuggestion(page);
    await expect(secondSuggestion(page).locator('.keycap')).toHaveText('Q');
    await page.keyboard.press('Shift+Slash');
    await expect(page.getByRole('dialog', { name: 'Клавиши' })
      .locator('.help-row[data-scope="inbox"][data-action="route-suggestion-2"] .keycap')).toHaveText('Q');
  } finally {
    await close();
  }
});
