/// <reference lib="dom" />
// The shift lead's export, by keyboard only, in Chromium through the harness (#13 item 4): E shows a toast over the
// page (the layout does not move) naming the file and its folder and the rows in correct Russian; the file is on
// disk; Esc hides the toast without leaving the open queue; Shift+E writes CSV from the statistics; a folder that
// cannot be written says why in Russian. Counts of a thousand and more are grouped; PgDn/End/Home page the queue.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const APPEALS = 1_050;
let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('srv-lead-export');
  server = new ServerUnderTest(serverDir.dir, APPEALS);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

/** Russian grouping: a no-break space (U+00A0, or U+202F in newer ICU data), never an ordinary one. */
const GROUPED_1050 = /^1[\u00a0\u202f]050$/;
const toast = (page: Page) => page.getByTestId('export-toast');

/** The written file's full path, as the toast shows it (the folder) and names it (the title of the folder). */
async function writtenPath(page: Page): Promise<string> {
  const full = await page.getByTestId('export-done').locator('.export-path').getAttribute('title');
  expect(full).toBeTruthy();
  return full ?? '';
}

test('E exports the open queue: a toast over the page names the file, its folder and the rows; Esc hides it', async ({ page }) => {
  const dir = tempDir('desk-lead-export');
  const desk = await startDesk(server, dir.dir, { login: 'lead' });
  try {
    await new InboxPage(page).open(desk.url);
    await page.keyboard.press('Control+Digit2');
    const view = page.getByTestId('queues-view');
    const unrouted = page.getByTestId('queue-unrouted-all');
    await expect(unrouted.locator('td').nth(1)).toHaveText(GROUPED_1050, { timeout: 30_000 });

    await page.keyboard.press('Enter'); // «Не разобрано» is the first line
    const list = view.getByRole('listbox');
    await expect(list.getByRole('option')).toHaveCount(APPEALS);
    await expect(page.getByTestId('queue-count')).toContainText(/^1[\u00a0\u202f]050 обращений/);
    const cursor = list.locator('.queue-item.cursor');
    await page.keyboard.press('End');
    await expect(cursor).toHaveAttribute('data-id', await list.getByRole('option').last().getAttribute('data-id') ?? '');
    await expect(cursor).toBeInViewport();
    await page.keyboard.press('Home');
    await expect(cursor).toHaveAttribute('data-id', await list.getByRole('option').first().getAttribute('data-id') ?? '');
    await page.keyboard.press('PageDown');
    const afterPage = await list.getByRole('option').evaluateAll((els) => els.findIndex((e) => e.classList.contains('cursor')));
    expect(afterPage).toBeGreaterThan(3);
    await expect(cursor).toBeInViewport();

    const table = view.locator('.queue-groups');
    const before = await table.boundingBox();
    await page.keyboard.press('KeyE');
    const done = page.getByTestId('export-done');
    await expect(done).toContainText(/^Сохранено: spisok-\d{8}-\d{4}\.xlsx · exports/, { timeout: 30_000 });
    await expect(page.getByTestId('export-rows')).toHaveText(/^1[\u00a0\u202f]050 строк$/);
    await expect(toast(page)).toBeInViewport({ ratio: 1 });
    expect(await table.boundingBox()).toEqual(before); // an overlay: nothing under it moved
    const file = await writtenPath(page);
    expect(path.basename(file)).toMatch(/^spisok-\d{8}-\d{4}\.xlsx$/);
    expect(path.dirname(file)).toBe(path.join(dir.dir, 'exports'));
    expect(existsSync(file)).toBe(true);
    await expect(toast(page)).toContainText('Esc');

    await page.keyboard.press('Escape'); // the toast's, not the queue's «back»
    await expect(toast(page)).toHaveCount(0);
    await expect(list).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(view.getByRole('listbox')).toHaveCount(0);
  } finally {
    await desk.close();
    dir.remove();
  }
});

test('Shift+E writes the monthly CSV from the statistics; a folder that cannot be written says why', async ({ page }) => {
  const dir = tempDir('desk-stats-export');
  const desk = await startDesk(server, dir.dir, { login: 'lead' });
  try {
    await new InboxPage(page).open(desk.url);
    await page.keyboard.press('Control+Digit3');
    const view = page.getByTestId('stats-view');
    await expect(page.getByTestId('stats-received')).toHaveText(GROUPED_1050, { timeout: 30_000 });

    await page.keyboard.press('End');
    await expect.poll(() => view.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(2);
    await page.keyboard.press('Home');
    await expect.poll(() => view.evaluate((el) => el.scrollTop)).toBe(0);

    await page.keyboard.press('Shift+KeyE');
    await expect(page.getByTestId('export-done')).toContainText(/^Сохранено: otchet-\d{4}-\d{2}\.csv · exports/, { timeout: 30_000 });
    await expect(page.getByTestId('export-rows')).toHaveText(/^\d+ строк[аи]?$/);
    await expect(toast(page)).toBeInViewport({ ratio: 1 });
    expect(existsSync(await writtenPath(page))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(toast(page)).toHaveCount(0);

    // A file where the exports folder should be: the export fails and the toast says why, in Russian.
    const exports = path.join(dir.dir, 'exports');
    rmSync(exports, { recursive: true, force: true });
    writeFileSync(exports, 'not a folder');
    await page.keyboard.press('KeyE');
    const failed = page.getByTestId('export-failed');
    await expect(failed).toContainText('Выгрузка не удалась. Файл не записан: на месте папки выгрузок лежит файл.');
    await expect(failed).not.toContainText(/E[A-Z]{4,}|Error/);
  } finally {
    await desk.close();
    dir.remove();
  }
});
