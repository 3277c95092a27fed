/// <reference lib="dom" />
// Hostile citizen text renders as inert text; wrong passwords and unreachable servers get clear Russian messages.
import { test, expect } from '@playwright/test';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';
import { startHarness } from '../harness/start-harness.js';

test('HTML, scripts, bidi and control characters and a 100 KB message are shown as inert text', async ({ page }) => {
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, 0);
  await server.start();
  const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>жирный</b>';
  const bidi = 'оплата \u202Eтечёт\u202C кран\u0007\u0000';
  const huge = `Начало длинного текста. ${'нет горячей воды '.repeat(6_000)}Конец.`;
  await server.ingest([
    { id: 'vk-hostile-1', source: 'vk', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' },
      author: { name: '<i>Хакер</i>', url: 'javascript:alert(1)' }, text: hostile, attachments: [{ kind: 'link', url: 'javascript:alert(2)' }],
      receivedAt: '2026-11-27T05:00:00.000Z' },
    { id: 'vk-hostile-2', source: 'vk', channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' },
      author: { name: 'Иван' }, text: bidi, attachments: [], receivedAt: '2026-11-27T04:00:00.000Z' },
    { id: 'vk-hostile-3', source: 'telegram', channel: { name: 'Мэрия города Новосибирска', url: 'https://t.me/meria_nsk' },
      author: { name: 'Пётр' }, text: huge, attachments: [], receivedAt: '2026-11-27T03:00:00.000Z' },
  ]);
  const desk = await startDesk(server, deskDir.dir, { login: 'operator1' });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    const detail = page.getByTestId('appeal-detail');

    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-hostile-1');
    await expect(detail).toContainText('<script>window.__pwned = 1</script>');
    await expect(detail).toContainText('<b>жирный</b>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await detail.locator('script, img, b, i').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);

    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-hostile-2');
    await expect(detail).toContainText('оплата течёт кран');
    const shown = await detail.innerText();
    // eslint-disable-next-line no-control-regex -- the point is that these characters are gone
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000\u0007]/);

    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-hostile-3');
    await expect(detail).toContainText('Конец.');
    await page.keyboard.press('ArrowUp'); // still responsive after rendering 100 KB
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-hostile-2');
  } finally {
    await desk.close(); await server.stop(); serverDir.remove(); deskDir.remove();
  }
});

test('an appeal with no text (empty or only whitespace) says «Без текста» in the detail pane, with its author and links', async ({ page }) => {
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, 0);
  await server.start();
  await server.ingest([
    { id: 'ok-empty-1', source: 'ok', channel: { name: 'Мэрия города Новосибирска', url: 'https://ok.ru/meria' },
      author: { name: 'Ольга Пустая' }, text: '', attachments: [{ kind: 'link', url: 'https://ok.ru/video/1' }],
      receivedAt: '2026-11-27T05:00:00.000Z' },
    { id: 'vk-blank-2', source: 'vk', channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' },
      author: { name: 'Иван Пробелов' }, text: ' \n\t \u200b ', attachments: [], receivedAt: '2026-11-27T04:00:00.000Z' },
    { id: 'vk-text-3', source: 'vk', channel: { name: 'МинЖКХ НСО', url: 'https://vk.com/mingkh_nso' },
      author: { name: 'Пётр' }, text: 'Нет горячей воды', attachments: [], receivedAt: '2026-11-27T03:00:00.000Z' },
    // A platform that gave neither a channel nor an author's name: the header said a lone «·» (trial).
    { id: 'tg-nameless-4', source: 'telegram', channel: { name: '', url: '' },
      author: { name: ' \u200b' }, text: 'Упала опора освещения', attachments: [], receivedAt: '2026-11-27T02:00:00.000Z' },
  ]);
  const desk = await startDesk(server, deskDir.dir, { login: 'operator1' });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    const detail = page.getByTestId('appeal-detail');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'ok-empty-1');
    await expect(detail.getByTestId('detail-no-text')).toHaveText('Без текста');
    await expect(detail).toContainText('Ольга Пустая');
    await expect(detail.locator('.detail-attachments')).toContainText('ok.ru');
    // Muted: not the citizen's words in the text's colour.
    const colours = await detail.evaluate((el) => ({
      none: getComputedStyle(el.querySelector('[data-testid="detail-no-text"]') as Element).color,
      body: getComputedStyle(el).color,
    }));
    expect(colours.none).not.toBe(colours.body);

    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-blank-2');
    await expect(detail.getByTestId('detail-no-text')).toHaveText('Без текста');
    await expect(detail).toContainText('Иван Пробелов');

    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'vk-text-3');
    await expect(detail).toContainText('Нет горячей воды');
    await expect(detail.getByTestId('detail-no-text')).toHaveCount(0);
    await expect(detail.locator('.detail-meta')).toHaveText('Канал: МинЖКХ НСО·Автор: Пётр');
    const metaHeight = await detail.locator('.detail-meta').evaluate((el) => el.getBoundingClientRect().height);

    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'tg-nameless-4');
    await expect(detail).toContainText('Упала опора освещения');
    await expect(detail.locator('.detail-meta')).toHaveText('Канал и автор не указаны');
    await expect(detail.locator('.detail-meta-sep')).toHaveCount(0);
    // The line keeps its height, so the text under it does not move between appeals.
    expect(await detail.locator('.detail-meta').evaluate((el) => el.getBoundingClientRect().height)).toBe(metaHeight);
  } finally {
    await desk.close(); await server.stop(); serverDir.remove(); deskDir.remove();
  }
});

test('a wrong password and an unreachable server give clear Russian messages on the login screen', async ({ page }) => {
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk'); const lostDir = tempDir('lost');
  const server = new ServerUnderTest(serverDir.dir, 5);
  await server.start();
  const desk = await startDesk(server, deskDir.dir);
  try {
    await page.goto(desk.url);
    await page.getByLabel('Логин').fill('operator1');
    await page.getByLabel('Пароль').fill('не тот пароль');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Неверный логин или пароль');

    await page.getByLabel('Пароль').fill('operator1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('grid')).toBeVisible();
  } finally { await desk.close(); }

  // A desk pointed at a port where nothing listens.
  const port = server.port;
  await server.stop();
  const lost = await startHarness({ apiUrl: `http://127.0.0.1:${port}`, dataDir: lostDir.dir, requestTimeoutMs: 2_000 });
  try {
    await page.goto(lost.url);
    await page.getByLabel('Логин').fill('operator1');
    await page.getByLabel('Пароль').fill('operator1');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Сервер недоступен');
  } finally { await lost.close(); serverDir.remove(); deskDir.remove(); lostDir.remove(); }
});
