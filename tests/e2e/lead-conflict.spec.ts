/// <reference lib="dom" />
// A conflict reaching the lead in «Очереди» (a helper's trial of 5 December): at 150 % the folded section menu read
// «Очереди ①», the count beside the current section's name, and nothing else said a decision had not been applied.
// On the trial's 1366×768 screen at 150 % (911×455 CSS px): the lead routes a waiting appeal with a digit, an operator
// routes it elsewhere within the lead's undo grace, and the lead's push comes back refused. Then, still in «Очереди»:
//  - the status bar says so as an alert, whole (nothing of it cut), naming the key of «Конфликты»;
//  - the top bar shows «Конфликты 1» as a labelled button of its own, apart from the menu's «Очереди», with its key;
//  - that key opens «Конфликты», where the button goes (the section counts them itself).
import { expect, test } from '@playwright/test';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { slotKeyFor } from '../../renderer/src/features/shortcuts/shortcut-table.js';
import { openAt } from './office-page.js';
import { openUnroutedQueue, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREEN = { width: 1366, height: 768, scale: 1.5 };
const GRACE_MS = 4_000;
/** «Конфликты» among the lead's sections (Входящие, Очереди, Статистика, Поиск, Конфликты…: app/view-registry.ts). */
const CONFLICTS_SLOT = 5;

test('a conflict arriving in «Очереди» is said there, and counted beside the section menu under its own name', async ({ browser }) => {
  test.setTimeout(120_000);
  const serverDir = tempDir('srv-lead-conflict'); const deskDir = tempDir('lead-conflict');
  const server = new ServerUnderTest(serverDir.dir, 20);
  await server.start();
  const desk = await startDesk(server, deskDir.dir, { login: 'lead', pushDelayMs: GRACE_MS, syncIntervalMs: 60_000 });
  try {
    const { page } = await openAt(browser, SCREEN, desk.url);
    const list = await openUnroutedQueue(page);
    const first = list.locator('.queue-item').first();
    await expect(first).toHaveClass(/cursor/);
    const id = (await first.getAttribute('data-id'))!;
    await page.keyboard.press('Digit1');
    await expect(page.getByTestId('undo-toast')).toBeVisible();

    // Within the grace, operator 1 routes it through the central API.
    const appeal = (await server.allAppeals()).get(id)!;
    const response = await fetch(`${server.url}${API_PREFIX}/mutations`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('operator1')}` },
      body: JSON.stringify({ mutations: [{ id: '01E2ELEADCONFLICT000000001', appealId: id, baseVersion: appeal.version,
        createdAt: new Date().toISOString(), type: 'route', targetId: 'minobr' }] }),
    });
    expect(response.status).toBe(200);

    const key = slotKeyFor('global', 'switch-view', CONFLICTS_SLOT);
    const alert = page.getByTestId('status-alert');
    await expect(alert).toContainText('Обращение уже направлено: Оператор 1 — Анна Петрова → Минобр НСО', { timeout: 20_000 });
    await expect(alert).toContainText(`Раздел «Конфликты» — ${key}.`);
    expect(await alert.locator('.banner-text').evaluate((el) => el.scrollHeight <= el.clientHeight + 1
      && el.getBoundingClientRect().bottom <= innerHeight + 0.5)).toBe(true);
    await expect(page.getByTestId('queues-view')).toBeVisible();

    const chip = page.getByTestId('conflicts-chip');
    await expect(chip).toContainText('Конфликты');
    await expect(chip.getByTestId('conflicts-count')).toHaveText('1');
    await expect(chip).toContainText(key.replace('+', ''));
    // The folded menu names its section and the section's key (Очереди is the lead's second).
    await expect(page.locator('.view-menu-button')).toHaveText(/^Очереди\s*Ctrl\s*2\s*▾$/);

    await page.keyboard.press(key.replace('Ctrl', 'Control').replace(/\+(\d)$/, '+Digit$1'));
    await expect(page.locator('.view-menu-current')).toHaveText('Конфликты');
    await expect(chip).toHaveCount(0);
    await expect(page.locator('[data-testid="conflicts-view"], .conflicts-view').first()).toContainText('Минобр НСО');
  } finally {
    await desk.close(); await server.stop();
    deskDir.remove(); serverDir.remove();
  }
});
