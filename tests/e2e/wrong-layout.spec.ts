/// <reference lib="dom" />
// Wrong layout forgiven (issue 13, item 6): «ghbdtn» typed in the search box finds the appeal that says «Привет» and
// the summary says the results are for «привет»; in the target picker «plh» offers Минздрав and says «по раскладке:
// здр»; a correctly typed query shows neither line.
import { test, expect } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const channel = (name: string) => ({ name, url: 'https://vk.com/club1' });

test.beforeAll(async () => {
  serverDir = tempDir('srv');
  server = new ServerUnderTest(serverDir.dir, 10);
  await server.start();
  await server.ingest([
    { id: 'layout-a', source: 'vk', channel: channel('Мэрия Новосибирска'), author: { name: 'Ирина Соколова' },
      text: 'Привет! Во дворе на Лесной третью неделю не вывозят мусор.', attachments: [], receivedAt: minutesAgo(30) },
    { id: 'layout-b', source: 'telegram', channel: channel('Минтранс НСО'), author: { name: 'Пётр Ломов' },
      text: 'Яма на дороге у школы, машины объезжают по тротуару.', attachments: [], receivedAt: minutesAgo(20) },
  ]);
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

test('search and the picker read text typed on the wrong layout, and say which reading they used', async ({ page }) => {
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator1' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

    await page.keyboard.press('Control+KeyF');
    const box = page.getByTestId('search-box');
    await expect(box).toBeFocused();
    const summary = page.getByTestId('search-summary');
    const used = page.getByTestId('search-used-text');
    const grid = page.getByRole('grid', { name: 'Результаты поиска' });
    const rows = grid.locator('[role="row"][data-appeal-id]');

    // Typed correctly: no line about another reading.
    await page.keyboard.type('мусор');
    await expect(summary).toHaveAttribute('data-phase', 'ready');
    await expect(rows.first()).toBeVisible();
    await expect(used).toHaveCount(0);

    // «ghbdtn» is «привет» typed on QWERTY: found, marked, and said so.
    await box.fill('');
    await page.keyboard.type('ghbdtn');
    await expect(used).toHaveText(' · Показаны результаты для «привет»');
    await expect(summary).toHaveAttribute('data-total', '1');
    await expect(rows.first()).toHaveAttribute('data-appeal-id', 'layout-a');
    await expect(rows.first().locator('mark').first()).toHaveText('Привет');

    // Into the results, «/» opens the picker: «plh» is «здр».
    await page.keyboard.press('Enter');
    await expect(grid).toBeFocused();
    await page.keyboard.press('Slash');
    const pickerBox = page.getByLabel('Поиск адресата');
    await expect(pickerBox).toBeFocused();
    await page.keyboard.type('plh');
    await expect(page.getByTestId('picker-reading')).toHaveText('по раскладке: здр');
    const options = page.getByRole('listbox', { name: 'Адресаты' }).getByRole('option');
    await expect(options.first()).toContainText('Минздрав НСО');
    // Typed right, the line goes away and the list stays the same.
    await pickerBox.fill('здр');
    await expect(page.getByTestId('picker-reading')).toHaveCount(0);
    await expect(options.first()).toContainText('Минздрав НСО');
    await page.keyboard.press('Escape');
    await expect(pickerBox).toHaveCount(0);
  } finally {
    await desk.close();
    dir.remove();
  }
});
