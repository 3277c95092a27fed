/// <reference lib="dom" />
// The detail pane (issue 13): the citizen's text first, Space / Shift+Space page through a long appeal (in the inbox
// and in the search results, and never click a focused button), photos as thumbnails and a viewer by key (←/→, Esc,
// focus trapped and given back to the grid), attachments shown by domain with hostile addresses kept inert.
//
// Photos: the page's CSP allows images from https: only, and the test stack serves http on loopback. So the photo
// hosts are https addresses that Playwright answers inside the browser (page.route): the page still loads them as
// real https images under the real CSP — nothing about the CSP is loosened for the test.
import { createRequire } from 'node:module';
import { test, expect, type Page } from '@playwright/test';
import { InboxPage, searchIntoResults, ServerUnderTest, startDesk, tempDir } from './stack.js';

// A 2×2 PNG (red, green, blue, white).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DAAMJAEggAIe0F+2FmFa4AAAAASUVORK5CYII=', 'base64');

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const longText = ['Начало обращения про водопровод.',
  ...Array.from({ length: 90 }, (_, i) => `Строка ${i + 1}: во дворе дома на ул. Лесной снова нет воды, трубы текут.`),
  'Конец обращения.'].join('\n');

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('srv');
  server = new ServerUnderTest(serverDir.dir, 0);
  await server.start();
  await server.ingest([
    { id: 'detail-long', source: 'vk', channel: { name: 'Правительство НСО', url: 'https://vk.com/nso' },
      author: { name: 'Ольга Ветрова', url: 'https://vk.com/id1' }, text: longText, receivedAt: minutesAgo(5),
      attachments: [
        { kind: 'photo', url: 'https://sun9-1.userapi.com/a.png' },
        { kind: 'photo', url: 'https://sun9-1.userapi.com/missing.png' },
        { kind: 'photo', url: 'http://insecure.example/c.png' },
        { kind: 'video', url: 'https://www.youtube.com/watch?v=abc' },
        { kind: 'link', url: 'https://user:secret@vk.com/wall-1_2' },
        { kind: 'link', url: 'https://evil.example/"><img src=x onerror="window.__pwned=1">' },
        { kind: 'link', url: 'javascript:window.__pwned=2' },
      ] },
    { id: 'detail-short', source: 'telegram', channel: { name: 'Мэрия', url: 'https://t.me/meria' },
      author: { name: 'Иван' }, text: 'Коротко: яма во дворе.', attachments: [], receivedAt: minutesAgo(50) },
  ]);
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

/** The photo hosts, answered in the browser: a.png is a picture, anything else is missing. */
async function servePhotos(page: Page): Promise<string[]> {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.route('https://sun9-1.userapi.com/**', (route) => (route.request().url().endsWith('/a.png')
    ? route.fulfill({ status: 200, contentType: 'image/png', body: PNG })
    : route.fulfill({ status: 404, contentType: 'text/plain', body: 'нет' })));
  return requested;
}

const scrollTop = (page: Page): Promise<number> =>
  page.locator('[data-detail-scroll]').evaluate((el) => el.scrollTop);

/** The focused element is the grid (or inside it). */
const focusInGrid = (page: Page, name: string): Promise<boolean> =>
  page.evaluate((label) => document.activeElement?.closest(`[role="grid"][aria-label="${label}"]`) != null, name);

test('text first; Space pages it, photos open in a viewer by key; links by domain, hostile ones inert', async ({ page }) => {
  const requested = await servePhotos(page);
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator1' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'detail-long');
    const detail = page.getByTestId('appeal-detail');
    await expect(detail.locator('.detail-text')).toContainText('Конец обращения.');
    const gridName = await inbox.grid.getAttribute('aria-label') ?? '';

    // The text comes right under the header: nothing (suggestions, photos) sits between them.
    const order = await detail.evaluate((el) => {
      const text = el.querySelector('.detail-text')?.getBoundingClientRect().top ?? 0;
      const header = el.querySelector('.detail-header')?.getBoundingClientRect().bottom ?? 0;
      const suggestions = el.querySelector('[data-testid="suggestions"]')?.getBoundingClientRect().top ?? Infinity;
      return { gap: text - header, textAboveSuggestions: text < suggestions };
    });
    expect(order.gap).toBeLessThan(20);
    expect(order.textAboveSuggestions).toBe(true);

    // Space: one screenful down (and again); Shift+Space back up to the top.
    expect(await scrollTop(page)).toBe(0);
    const height = await page.locator('[data-detail-scroll]').evaluate((el) => el.clientHeight);
    await page.keyboard.press('Space');
    await expect.poll(() => scrollTop(page)).toBeGreaterThan(height / 2);
    const once = await scrollTop(page);
    await page.keyboard.press('Space');
    await expect.poll(() => scrollTop(page)).toBeGreaterThan(once);
    await page.keyboard.press('Shift+Space');
    await page.keyboard.press('Shift+Space');
    await expect.poll(() => scrollTop(page)).toBe(0);
    // The keys were the pane's: the selection did not move and the page itself did not scroll.
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'detail-long');
    expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);

    // Thumbnails: the two https photos (the http one stays a line of text); the missing one says so. They load
    // lazily (no request to a citizen-given host for a photo nobody scrolled to): page down to them first.
    const thumbs = detail.locator('.photo-thumb');
    await expect(thumbs).toHaveCount(2);
    for (let last = -1, now = 0; now !== last; last = now, now = await scrollTop(page)) {
      await page.keyboard.press('Space');
      await page.waitForTimeout(50);
    }
    await expect(thumbs.first()).toBeInViewport();
    await expect.poll(() => thumbs.first().locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    await expect(thumbs.nth(1)).toContainText('не загрузилось');
    await expect(detail.locator('[data-testid="detail-photos"] kbd')).toHaveText('V');

    // Links by domain, the full address in the tooltip; credentials and non-https addresses never become links.
    const lines = detail.locator('.detail-attachments li');
    await expect(lines).toHaveCount(5);
    await expect(lines.nth(0)).toHaveText(/Фото\s*insecure\.example/);
    await expect(lines.nth(1)).toHaveText(/Видео\s*youtube\.com/);
    await expect(lines.nth(1).locator('a')).toHaveAttribute('href', 'https://www.youtube.com/watch?v=abc');
    await expect(lines.nth(1).locator('a')).toHaveAttribute('title', 'https://www.youtube.com/watch?v=abc');
    await expect(lines.nth(2)).toHaveText(/Ссылка\s*vk\.com/);
    await expect(lines.nth(2).locator('a')).toHaveCount(0);
    await expect(lines.nth(3)).toHaveText(/Ссылка\s*evil\.example/);
    await expect(lines.nth(4)).toContainText('javascript:window.__pwned=2');
    await expect(lines.nth(4).locator('a')).toHaveCount(0);
    const attributes = await detail.evaluate((el) => Array.from(el.querySelectorAll('*'))
      .flatMap((n) => Array.from(n.attributes).map((a) => `${a.name}=${a.value}`)).join('\n'));
    expect(attributes).not.toContain('secret');
    expect(await detail.innerText()).not.toContain('secret');
    expect(await detail.locator('a[href^="javascript:"], a[href^="http:"]').count()).toBe(0);
    expect(await detail.locator('img:not(.photo-thumb img), script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // V opens the viewer on the first photo: a modal dialog with the focus in it.
    expect(await focusInGrid(page, gridName)).toBe(true);
    await page.keyboard.press('KeyV');
    const viewer = page.getByRole('dialog');
    await expect(viewer).toBeVisible();
    await expect(viewer).toHaveAttribute('aria-modal', 'true');
    await expect(viewer.getByRole('heading')).toHaveText('Фото 1 из 2');
    await expect.poll(() => viewer.locator('.photo-stage img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    // Keys of the list behind it stand down: ↓ does not move the selection.
    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'detail-long');

    // → steps on; the photo that fails to load says so instead of a broken image; ← steps back.
    await page.keyboard.press('ArrowRight');
    await expect(viewer.getByRole('heading')).toHaveText('Фото 2 из 2');
    await expect(viewer.getByTestId('photo-stage')).toContainText('Фото не загрузилось');
    await expect(viewer.locator('.photo-stage img')).toHaveCount(0);
    await page.keyboard.press('ArrowRight'); // the last one stays
    await expect(viewer.getByRole('heading')).toHaveText('Фото 2 из 2');
    await page.keyboard.press('ArrowLeft');
    await expect(viewer.getByRole('heading')).toHaveText('Фото 1 из 2');

    // Tab and Shift+Tab never leave the dialog.
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await viewer.evaluate((box) => box.contains(document.activeElement)), key).toBe(true);
    }

    // Esc closes it and the focus is back on the grid, whose keys work again.
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    expect(await focusInGrid(page, gridName)).toBe(true);

    // Space on a focused button pages the text and never clicks the button (here: a thumbnail, which opens the viewer).
    await page.locator('[data-detail-scroll]').evaluate((el) => { el.scrollTop = 0; });
    await thumbs.first().evaluate((el: HTMLElement) => el.focus({ preventScroll: true }));
    expect(await scrollTop(page)).toBe(0);
    await page.keyboard.press('Space');
    await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The next appeal starts at the top of its text; V there says it has no photos.
    await inbox.grid.focus();
    await page.keyboard.press('ArrowDown');
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'detail-short');
    await expect(detail.locator('.detail-text')).toHaveText('Коротко: яма во дворе.');
    expect(await scrollTop(page)).toBe(0);
    await page.keyboard.press('KeyV');
    await expect(page.getByRole('alert')).toContainText('нет фото');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The http photo was never requested (not rendered, and the CSP would refuse it).
    expect(requested.filter((u) => u.includes('insecure.example'))).toEqual([]);
  } finally {
    await desk.close();
    dir.remove();
  }
});

test('in the search results Space pages the detail text and V opens the photos too', async ({ page }) => {
  await servePhotos(page);
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator2' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    const grid = await searchIntoResults(page, 'водопровод', 1);
    await expect(page.getByTestId('appeal-detail')).toHaveAttribute('data-appeal-id', 'detail-long');
    await expect(page.getByTestId('appeal-detail').locator('.detail-text')).toContainText('Конец обращения.');

    await page.keyboard.press('Space');
    await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
    await page.keyboard.press('Shift+Space');
    await expect.poll(() => scrollTop(page)).toBe(0);

    await page.keyboard.press('KeyV');
    const viewer = page.getByRole('dialog');
    await expect(viewer.getByRole('heading')).toHaveText('Фото 1 из 2');
    await page.keyboard.press('ArrowRight');
    await expect(viewer.getByRole('heading')).toHaveText('Фото 2 из 2');
    await page.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await expect(grid).toBeFocused();
    // Esc went to the viewer only: the results keep the focus (search's own Esc would go back to the box).
    await expect(page.getByTestId('search-box')).not.toBeFocused();
  } finally {
    await desk.close();
    dir.remove();
  }
});

test.describe('accessibility of the viewer', () => {
  // Only here: axe is the test's script, which the desk's CSP (script-src 'self') would refuse. The tests above run
  // under the real CSP.
  test.use({ bypassCSP: true });

  test('the detail pane with photos and the open viewer have no serious axe findings', async ({ page }) => {
    await servePhotos(page);
    const dir = tempDir('desk');
    const desk = await startDesk(server, dir.dir, { login: 'operator3' });
    const inbox = new InboxPage(page);
    const audit = async (): Promise<string[]> => {
      await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
      return page.evaluate(async () => {
        type Result = { id: string; impact: string | null; nodes: { target: unknown[] }[] };
        const axe = (window as unknown as { axe: { run(d: Document): Promise<{ violations: Result[] }> } }).axe;
        const { violations } = await axe.run(document);
        return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.map(String).join(' ')}`));
      });
    };
    try {
      await inbox.open(desk.url);
      await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'detail-long');
      await expect(page.locator('.photo-thumb')).toHaveCount(2);
      expect(await audit()).toEqual([]);
      await page.keyboard.press('KeyV');
      await page.keyboard.press('ArrowRight'); // the failed photo's message too
      await expect(page.getByRole('dialog')).toContainText('Фото не загрузилось');
      expect(await audit()).toEqual([]);
    } finally {
      await desk.close();
      dir.remove();
    }
  });
});
