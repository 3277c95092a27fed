/// <reference lib="dom" />
// QA: the shift lead's «Не разобрано» said 5 024 while the status bar's «В очереди» said 4 996 at the same moment.
// Both count the desk's waiting appeals (local state, so a decision in the undo window or the outbox has left both),
// but the status bar counted the inbox's rows, where a surge cluster or a duplicate pair is one row — and an
// unfolded cluster (G) made the number jump. The two numbers must be one: the waiting appeals.
import { test, expect, type Page } from '@playwright/test';
import { surgeAppeals } from '../fixtures/surge-appeals.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('srv-lead-count');
  server = new ServerUnderTest(serverDir.dir, 0);
  await server.start();
  // 13 appeals: a surge of 5, a surge of 3 and a duplicate pair fold into 3 rows, 3 stand apart — 6 rows in all.
  await server.ingest(surgeAppeals(Date.now()));
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

const number = (text: string | null): number => Number((/\d[\d\s\u00a0\u202f]*/.exec(text ?? '')?.[0] ?? '').replace(/\D/g, ''));

/** «В очереди: 13 обращений» in the status bar, as a number. */
async function statusBarWaiting(page: Page): Promise<number> {
  const el = page.getByTestId('waiting-count');
  await expect(el).toContainText('В очереди');
  return number(await el.textContent());
}

test('the status bar\'s «В очереди» and the lead\'s «Не разобрано» count the same appeals, clusters unfolded or not', async ({ page }) => {
  const dir = tempDir('desk-lead-count');
  const desk = await startDesk(server, dir.dir, { login: 'lead' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await expect(inbox.grid.locator('[data-appeal-id="surge-water-5"]').getByTestId('cluster-badge')).toHaveText('+4');
    await expect(inbox.grid.locator('[data-appeal-id]')).toHaveCount(6); // the rows: clusters folded
    await expect.poll(() => statusBarWaiting(page)).toBe(13);

    // Unfolding a cluster shows more rows, not more appeals.
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'surge-water-5');
    await page.keyboard.press('KeyG');
    await expect(inbox.grid.locator('[data-appeal-id]')).toHaveCount(10);
    expect(await statusBarWaiting(page)).toBe(13);

    await page.keyboard.press('Control+Digit2');
    const unrouted = page.getByTestId('queue-unrouted-all');
    await expect(unrouted).toContainText('Не разобрано');
    await expect.poll(async () => number(await unrouted.locator('td').nth(1).textContent())).toBe(13);
    expect(await statusBarWaiting(page)).toBe(13);
  } finally {
    await desk.close();
    dir.remove();
  }
});
