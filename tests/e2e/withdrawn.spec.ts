// Withdrawn by its author, end to end (issue 14 item 6): the test plays VK against the real server's connector. A
// signed-in desk shows a citizen's comment; the citizen deletes it (wall_reply_delete) and within 2 s — the desk polls
// once a minute, so only the live channel can bring it that fast — the row is marked «Отозвано автором» and the detail
// pane says so with the time; one key (Shift+X) rejects it as withdrawn, and the server holds that decision. The same
// key on an appeal that is not withdrawn decides nothing and says why.
import { expect, test } from '@playwright/test';
import { platformPayload, postAsPlatform, startConnectorStack, VK_COMMUNITY, VK_GROUP_ID, VK_SECRET, vkCallbackUrl, watchArrival } from './connector-stack.js';
import type { ServerUnderTest } from './stack.js';

const APPEAL_ID = `vk:${VK_GROUP_ID}:wall:3301:4512`;
const MARK_BUDGET_MS = 2_000;

type VkEvent = Record<string, unknown> & { object: Record<string, unknown> };

const fixture = (name: string): VkEvent => ({ ...platformPayload<VkEvent>('vk', name), secret: VK_SECRET });

const deliver = (server: ServerUnderTest, event: VkEvent): Promise<void> => postAsPlatform(vkCallbackUrl(server), event);

test('a comment its author deletes is marked in the inbox within 2 s and rejected as withdrawn with one key', async ({ page }) => {
  test.setTimeout(120_000);
  // No demo appeals: nothing to fold the comment into a surge cluster with; one ordinary appeal from another source.
  const { server, inbox, close } = await startConnectorStack(page, { vk: [VK_COMMUNITY] }, { demo: 0, beforeDesk: async (running) => {
    await running.ingest([{ id: 'ok-normal-1', source: 'ok', channel: { name: 'Бердск', url: 'https://ok.ru/group/1' },
      author: { name: 'Мария С.' }, text: 'В Бердске на улице Ленина третий день нет горячей воды', attachments: [],
      receivedAt: new Date(Date.now() - 3_600_000).toISOString() }]);
    const comment = fixture('wall_reply_new');
    comment.object = { ...comment.object, date: Math.floor(Date.now() / 1000) };
    await deliver(running, comment);
  } });
  try {
    const row = inbox.grid.locator(`[data-appeal-id="${APPEAL_ID}"]`);
    await page.keyboard.press('Home');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', APPEAL_ID);
    await expect(row.getByTestId('withdrawn-badge')).toHaveCount(0);
    await expect(page.getByTestId('appeal-detail')).toContainText('поликлинике №2');

    // Not withdrawn (yet): the key decides nothing and says why.
    await page.keyboard.press('Shift+KeyX');
    await expect(page.locator('.status-notice')).toContainText('Автор не отзывал это обращение');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', APPEAL_ID);
    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'ok-normal-1');
    await page.keyboard.press('Shift+KeyX');
    await expect(page.locator('.status-notice')).toContainText('Автор не отзывал это обращение');
    await expect(inbox.grid.locator('[data-appeal-id="ok-normal-1"]')).toHaveCount(1);
    await page.keyboard.press('Home');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', APPEAL_ID);

    // The desk polls once a minute: a mark within seconds came through the live channel.
    const badgeSelector = `[data-appeal-id="${APPEAL_ID}"] [data-testid="withdrawn-badge"]`;
    const markedAt = await watchArrival(page, badgeSelector);
    const sentAt = Date.now();
    await deliver(server, fixture('wall_reply_delete'));
    const answeredMs = Date.now() - sentAt;
    await page.waitForSelector(badgeSelector, { state: 'attached', timeout: Math.max(1, MARK_BUDGET_MS - answeredMs) });
    const markedMs = await markedAt() - sentAt;
    console.log(`withdrawn: VK answered «ok» in ${answeredMs} ms; the mark was on the desk's row ${markedMs} ms after the deletion was sent`);
    test.info().annotations.push({ type: 'withdrawn mark on the row after (ms)', description: String(markedMs) });
    expect(markedMs).toBeLessThan(MARK_BUDGET_MS);

    // Still listed, still selected; a word with its time in the tooltip, and the banner with the time and the key.
    const badge = row.getByTestId('withdrawn-badge');
    await expect(badge).toHaveText(/Отозвано автором/);
    await expect(badge).toHaveAttribute('title', /^Автор удалил публикацию сегодня, \d\d:\d\d \(Новосибирск\)$/);
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', APPEAL_ID);
    const banner = page.getByTestId('withdrawn-banner');
    await expect(banner).toContainText('Отозвано автором');
    await expect(banner).toContainText(/сегодня, \d\d:\d\d/);
    await expect(banner.locator('kbd')).toHaveText(['Shift', 'X']);
    const version = (await server.allAppeals()).get(APPEAL_ID);
    expect(version).toMatchObject({ status: 'new', version: 2, withdrawnAt: expect.any(String) });

    // One key.
    expect(await inbox.decideWith('Shift+KeyX')).toBe(APPEAL_ID);
    await inbox.waitPending(0);
    const onServer = await server.expectAppeals({ [APPEAL_ID]: { status: 'rejected', rejectReason: 'withdrawn', version: 3 },
      'ok-normal-1': { status: 'new', version: 1 } });
    expect(onServer.get(APPEAL_ID)?.routedBy?.id).toBe('u-operator1');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'ok-normal-1');
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await close();
  }
});

// A second read (trying it as an operator) found the mark never showed live on a folded surge group's row: the group
// is reloaded as a whole and the rows already on screen were kept as they were. The same comment posted three times
// (three comment ids) folds into one row whose face is the newest; its author deletes that one.
test('the face of a folded group its author deletes is marked live, and the banner says to unfold first', async ({ page }) => {
  test.setTimeout(120_000);
  const { server, inbox, close } = await startConnectorStack(page, { vk: [VK_COMMUNITY] }, { demo: 0, beforeDesk: async (running) => {
    const now = Math.floor(Date.now() / 1000);
    const ids = [4512, 4513, 4514];
    for (const [i, id] of ids.entries()) {
      const comment = fixture('wall_reply_new');
      comment.event_id = `evt-${id}`;
      comment.object = { ...comment.object, id, date: now - 60 * (ids.length - i) };
      await deliver(running, comment);
    }
  } });
  const face = `vk:${VK_GROUP_ID}:wall:3301:4514`;
  try {
    await page.keyboard.press('Home');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', face);
    await expect(inbox.grid.locator('[role="row"][data-appeal-id]')).toHaveCount(1); // folded: one row for three

    const deletion = fixture('wall_reply_delete');
    deletion.event_id = 'evt-delete-4514';
    deletion.object = { ...deletion.object, id: 4514 };
    await deliver(server, deletion);
    await expect(inbox.grid.locator(`[data-appeal-id="${face}"] [data-testid="withdrawn-badge"]`)).toHaveCount(1, { timeout: MARK_BUDGET_MS });
    const banner = page.getByTestId('withdrawn-banner');
    await expect(banner).toContainText('Это одно обращение группы');
    await expect(banner.locator('kbd')).toHaveText(['G', 'Shift', 'X']);
  } finally {
    await close();
  }
});
