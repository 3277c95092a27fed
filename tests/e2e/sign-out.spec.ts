// Sign-out by keyboard: online it sends and wipes at once; offline it asks, Esc keeps everything, Enter retries,
// Shift+Delete signs out and discards; a conflict found by the flush stops it too. After sign-out the cache holds no appeals.
import { test, expect, type Page } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir, type DeskOptions } from './stack.js';

type Harness = Awaited<ReturnType<typeof startDesk>>;
interface Stack { server: ServerUnderTest; desk: Harness; inbox: InboxPage }

/** A server with `appeals` demo appeals and operator1's desk open on the page; both gone (and their folders) after. */
async function withDesk(page: Page, appeals: number, options: Omit<DeskOptions, 'login'>,
  body: (stack: Stack) => Promise<void>): Promise<void> {
  test.setTimeout(120_000);
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, appeals);
  await server.start();
  const desk = await startDesk(server, deskDir.dir, { login: 'operator1', ...options });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await body({ server, desk, inbox });
  } finally {
    await desk.close();
    await server.stop();
    deskDir.remove(); serverDir.remove();
  }
}

test('Ctrl+Shift+Q offline asks about unsent decisions; Esc stays, Shift+Delete signs out and wipes', async ({ page }) => {
  // A long undo grace keeps the decision local until sign-out tries to send it, to a server that is gone.
  await withDesk(page, 200, { pushDelayMs: 600_000 }, async ({ server, desk, inbox }) => {
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await inbox.decideWith('Digit1');
    await inbox.waitPending(1);
    await server.stop();

    await page.keyboard.press('Control+Shift+KeyQ');
    const dialog = page.getByRole('dialog', { name: 'Выход' });
    await expect(dialog.getByRole('alert')).toContainText('1 решение не удалось отправить', { timeout: 30_000 });
    await expect(dialog).toContainText('ShiftDelete выйти и удалить неотправленные'); // keycaps Shift + Delete

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('user-name')).toHaveAttribute('title', /^Оператор 1 /u);
    await inbox.waitPending(1);

    await page.keyboard.press('Control+Shift+KeyQ');
    await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('Shift+Delete');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });

    const rows = await desk.core.call('inbox.list', { offset: 0, limit: 10 });
    expect(rows).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
  });
});

test('Ctrl+Shift+Q offline with nothing unsent asks first: signing in again needs the server (Esc stays, Enter signs out)', async ({ page }) => {
  // Trial of 4 December: offline and with nothing pending the key signed out at once, and the login then failed
  // («Сервер недоступен»): the desk was unusable until the server came back.
  await withDesk(page, 20, { syncIntervalMs: 500 }, async ({ server, inbox }) => {
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await server.stop();
    await expect(inbox.status).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

    await page.keyboard.press('Control+Shift+KeyQ');
    const dialog = page.getByRole('dialog', { name: 'Выход' });
    await expect(dialog.getByTestId('sign-out-offline')).toContainText('войти снова можно будет, только когда связь вернётся');
    await expect(dialog).toContainText('Enter всё равно выйти');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('user-name')).toHaveAttribute('title', /^Оператор 1 /u);

    await page.keyboard.press('Control+Shift+KeyQ');
    await expect(dialog.getByTestId('sign-out-offline')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
  });
});

test('online sign-out sends the decision, wipes, and shows the login screen', async ({ page }) => {
  await withDesk(page, 200, { pushDelayMs: 600_000 }, async ({ server, desk, inbox }) => {
    const id = await inbox.decideWith('Digit2');
    await page.keyboard.press('Control+Shift+KeyQ');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
    expect((await server.allAppeals()).get(id)?.status).toBe('routed');
    expect(await desk.core.call('inbox.list', { offset: 0, limit: 10 })).toMatchObject({ ok: true, value: { total: 0 } });
  });
});

test('a conflict the sign-out flush finds stops the sign-out: «1 конфликт не просмотрен», Shift+Delete discards', async ({ page }) => {
  await withDesk(page, 200, { pushDelayMs: 600_000 }, async ({ server, desk, inbox }) => {
    const id = await inbox.decideWith('Digit1');
    await inbox.waitPending(1);
    // Another operator routes the same appeal on the server first: the sign-out flush gets a conflict back.
    const version = (await server.allAppeals()).get(id)?.version ?? 1;
    const other = await fetch(`${server.url}/api/v1/mutations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('operator2')}` },
      body: JSON.stringify({ mutations: [{ id: '01MUTATIONOP2SIGNOUTAA', appealId: id, baseVersion: version,
        createdAt: new Date().toISOString(), type: 'reject', reason: 'spam' }] }),
    });
    expect(other.status).toBe(200);

    await page.keyboard.press('Control+Shift+KeyQ');
    const dialog = page.getByRole('dialog', { name: 'Выход' });
    await expect(dialog.getByTestId('sign-out-conflicts')).toContainText('1 конфликт не просмотрен', { timeout: 30_000 });
    await expect(dialog).toContainText('выйти и удалить конфликты');
    // QA: the conflict's notice floated over the dialog (its text and «Esc остаться» hidden under it): every line of
    // the dialog is the topmost thing at its left end, centre and right end. Nothing is sent any more, so Enter
    // offers to look again, not to try again.
    await expect(page.locator('.notice-layer .banner').first()).toBeVisible();
    const covered = await dialog.locator('p, .dialog-hint').evaluateAll((items) => items.flatMap((item) => {
      const r = item.getBoundingClientRect();
      return [r.left + 6, r.left + r.width / 2, r.right - 6].flatMap((x) => {
        const hit = document.elementFromPoint(x, r.top + r.height / 2);
        return hit && item.closest('[role="dialog"]')?.contains(hit) ? [] : [`${item.textContent?.slice(0, 40)} at x ${Math.round(x)}`];
      });
    }));
    expect(covered).toEqual([]);
    await expect(dialog.locator('.dialog-footer')).toContainText('проверить ещё раз');
    await page.keyboard.press('Shift+Delete');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
    expect(await desk.core.call('conflicts.list', {})).toMatchObject({ ok: true, value: { conflicts: [] } });
  });
});

test('shift handover by keyboard: Shift+Enter leaves the unsent decision queued; the next operator signs in over it and it goes out under its author', async ({ page }) => {
  await withDesk(page, 200, {}, async ({ server, inbox }) => {
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await server.stop();
    await expect(inbox.status).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
    await inbox.offTeamChannelAtFirst();
    const id = await inbox.decideWith('Digit1');
    await inbox.waitPending(1);

    await page.keyboard.press('Control+Shift+KeyQ');
    const dialog = page.getByRole('dialog', { name: 'Выход' });
    await expect(dialog.getByRole('alert')).toContainText('1 решение не удалось отправить', { timeout: 30_000 });
    // One decision is «его … оно уйдёт», not «их … они уйдут» (a second trial of 5 December).
    await expect(dialog.getByTestId('sign-out-keep')).toContainText('оставив его в очереди под вашим именем: оно уйдёт на сервер');
    await expect(dialog).toContainText('ShiftEnter выйти, оставив решения в очереди'); // keycaps Shift + Enter
    await page.keyboard.press('Shift+Enter');
    await expect(page.getByLabel('Логин')).toBeVisible({ timeout: 30_000 });
    // Signed out, the queued decision is still here, told to whoever signs in next.
    await expect(page.getByTestId('handover-waiting')).toContainText('Анна Петрова: 1 решение, отправляется от имени автора');
    await expect(page.getByTestId('handover-waiting')).toContainText(/^На этом компьютере ждёт отправки решение: .*Ваш вход его не отменит, и от вашего имени оно не уйдёт\.$/u);

    // The next shift signs in by keyboard only: the login field has the focus. The server still away, the attempt
    // fails — in a maximized window at 150 % (911×455) the card ran off the screen's foot there, the notice of the
    // waiting decision under it unseen (a helper's trial, 5 December); the card and all it says are on screen.
    await page.setViewportSize({ width: 911, height: 455 });
    await page.keyboard.type('operator2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('operator2');
    await page.keyboard.press('Enter');
    await expect(page.locator('.login-error')).toContainText('Сервер недоступен', { timeout: 30_000 });
    for (const part of [page.locator('.login-error'), page.getByRole('button', { name: 'Войти' }), page.getByTestId('handover-waiting'), page.locator('.login-server')]) {
      const box = await part.boundingBox();
      expect(box !== null && box.y >= 0 && box.y + box.height <= 455, `${await part.textContent()} on screen`).toBe(true);
    }
    await server.start();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('user-name')).toHaveAttribute('title', /^Оператор 2 /u, { timeout: 30_000 });

    // The previous operator's decision is sent under their own, still valid session, and said so meanwhile.
    const routed = await server.expectAppeals({ [id]: { status: 'routed' } });
    expect(routed.get(id)?.routedBy?.id).toBe('u-operator1');
    await inbox.waitPending(0);
    await expect(page.getByTestId('handover-waiting')).toHaveCount(0);
  });
});
