/// <reference lib="dom" />
// The inbox shows each appeal's routing deadline («2 ч 15 мин» / «−40 мин» in red, the words in the tooltip) and U sorts the
// waiting appeals by urgency (nearest deadline first) and back.
import { test, expect } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('srv-due');
  server = new ServerUnderTest(serverDir.dir, 40);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

test('time left is shown per appeal and U toggles the urgency order', async ({ page }) => {
  const dir = tempDir('desk-due');
  const desk = await startDesk(server, dir.dir, { login: 'operator2' });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    const dueOf = (row: number) => inbox.grid.locator('[role="row"].grid-row').nth(row).locator('.cell-due time');
    await expect(dueOf(0)).toHaveText(/^\u2212?\d+ (мин|ч|дн\.)/);
    await expect(dueOf(0)).toHaveAttribute('title', /(осталось|просрочено на) \d/);
    const overdue = inbox.grid.locator('.cell-due time.overdue');
    if (await overdue.count() > 0) {
      await expect(overdue.first()).toHaveText(/^\u2212\d/);
      await expect(overdue.first()).toHaveAttribute('title', /просрочено на /);
    }

    await page.keyboard.press('KeyU');
    await expect(page.getByTestId('due-header')).toContainText('▲');
    await expect.poll(async () => {
      const rows = inbox.grid.locator('[role="row"].grid-row');
      const n = Math.min(5, await rows.count());
      const due: number[] = [];
      for (let i = 0; i < n; i++) due.push(Date.parse(await rows.nth(i).locator('.cell-due time').getAttribute('datetime') ?? ''));
      return due.every((d, i) => i === 0 || d >= due[i - 1]!) && due.length === n && n > 1;
    }).toBe(true);
    await page.keyboard.press('KeyU');
    await expect(page.getByTestId('due-header')).not.toContainText('▲');
  } finally {
    await desk.close();
    dir.remove();
  }
});
