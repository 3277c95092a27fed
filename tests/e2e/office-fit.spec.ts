/// <reference lib="dom" />
// Three defects a keyboard-only tester saw at 1366×768, at 100 % and at 150 % (a 911×512 CSS-pixel window drawn at
// device scale 1.5), each measured on the painted page against a real server and a real desk:
//  1. the attachment count (paperclip and number, two digits too) lies whole inside its cell, in the inbox and in the
//     search results — never cut at the grid's right edge nor dropped from a narrow grid;
//  2. the alert of a late Ctrl+Z (the decision is already on the server) hides neither the detail pane's header nor
//     the selected row, and is still announced (role="alert");
//     The source badge lies whole in its «Ист.» cell too: «ПОС» was wider than the column and got a stray «…»;
//  3. while ↓ auto-repeats faster than the detail's prefetch, no frame shows a blank or grey pane: each sampled frame
//     shows the selected appeal itself, or the previous one's content kept in place and marked stale (aria-busy,
//     dimmed, the header saying it loads).
// H24_SHOTS=folder/prefix also writes a screenshot of each state (e.g. H24_SHOTS=/tmp/h24/after).
import { test, expect, type Page } from '@playwright/test';
import { screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { officeShot, openAt } from './office-page.js';
import { ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const SHOTS = process.env.H24_SHOTS;
const shot = (page: Page, screen: OfficeScreen, what: string): Promise<void> => officeShot(SHOTS, page, screen, what);

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const photos = (n: number) => Array.from({ length: n }, (_, i) => ({ kind: 'photo' as const, url: `https://sun9-1.userapi.com/p${i}.jpg` }));
/** Every source, so each badge is measured: «ПОС» is the widest. */
const SOURCES = ['vk', 'telegram', 'pos', 'ok'] as const;
/** Appeals with 12, 3, 99, 7 and 15 attachments: two-digit counts are the widest a cell has to hold. */
const WITH_ATTACHMENTS: IncomingAppeal[] = [12, 3, 99, 7, 15].map((count, i) => ({
  id: `fit-attach-${i}`, source: SOURCES[i % SOURCES.length] ?? 'vk',
  channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: `Заявитель ${i + 1} с длинной фамилией` },
  text: `Фотоотчёт про подтопление двора на улице Сибирской, дом ${i + 1}: вода стоит неделю, подвал затоплен.`,
  attachments: photos(count), receivedAt: minutesAgo(5 + i),
}));

interface MarkerFit { id: string; count: string; visible: boolean; inCell: boolean; inGrid: boolean; text: string }

/** Every row's attachment marker, measured against its cell and the grid's visible box (run in the page). */
function markerFits(gridLabel: string): MarkerFit[] {
  const grid = document.querySelector(`[role="grid"][aria-label="${gridLabel}"]`);
  if (grid === null) return [];
  const gridBox = grid.getBoundingClientRect();
  // The grid's own client area: its vertical scrollbar is not room for a cell.
  const gridRight = gridBox.left + grid.clientLeft + grid.clientWidth;
  return Array.from(grid.querySelectorAll('[role="row"][data-appeal-id]')).flatMap((row) => {
    const cell = row.querySelector('.cell-attachments');
    const marker = cell?.querySelector('.attachments-marker');
    const id = row.getAttribute('data-appeal-id') ?? '';
    if (!id.startsWith('fit-attach-')) return [];
    if (!cell || !marker) return [{ id, count: '', visible: false, inCell: false, inGrid: false, text: 'no marker' }];
    const c = cell.getBoundingClientRect();
    const m = marker.getBoundingClientRect();
    const visible = getComputedStyle(cell).display !== 'none' && m.width > 0 && m.height > 0;
    // Inside the cell's padding box, and nothing of the cell's content scrolled or cut away.
    const inCell = m.left >= c.left - 0.5 && m.right <= c.right + 0.5 && cell.scrollWidth <= cell.clientWidth;
    return [{ id, count: marker.textContent ?? '', visible, inCell, inGrid: m.right <= gridRight + 0.5,
      text: `cell ${c.left.toFixed(1)}–${c.right.toFixed(1)}, marker ${m.left.toFixed(1)}–${m.right.toFixed(1)}, grid right ${gridRight.toFixed(1)}, scrollWidth ${cell.scrollWidth} > ${cell.clientWidth}?` }];
  });
}

/** The test appeals' source cells whose badge does not lie whole inside (run in the page). */
function cutBadges(gridLabel: string): string[] {
  const grid = document.querySelector(`[role="grid"][aria-label="${gridLabel}"]`);
  return Array.from(grid?.querySelectorAll('[role="row"][data-appeal-id^="fit-attach-"] .cell-source') ?? []).flatMap((cell) => {
    const badge = cell.querySelector('.source-badge');
    const c = cell.getBoundingClientRect();
    const b = badge?.getBoundingClientRect();
    const whole = b !== undefined && b.width > 0 && b.left >= c.left - 0.5 && b.right <= c.right + 0.5
      && cell.scrollWidth <= cell.clientWidth;
    return whole ? [] : [`${badge?.textContent ?? 'no badge'}: cell ${c.width.toFixed(1)} px, scrollWidth ${cell.scrollWidth} > ${cell.clientWidth}?, badge ${b?.width.toFixed(1)} px`];
  });
}

function expectMarkersFit(fits: MarkerFit[], where: string): void {
  expect(fits.length, `${where}: rows with attachments`).toBe(WITH_ATTACHMENTS.length);
  for (const fit of fits) {
    expect(fit, `${where}: ${fit.id} (${fit.text})`).toMatchObject({ visible: true, inCell: true, inGrid: true });
  }
  expect(fits.map((f) => f.count).sort()).toEqual(['12', '15', '3', '7', '99']);
}

interface Rect { left: number; top: number; right: number; bottom: number }
const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const rectOf = (page: Page, selector: string): Promise<Rect | null> => page.evaluate((s) => {
  const el = document.querySelector(s);
  if (el === null) return null;
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}, selector);

/** One frame of the detail pane as painted during the burst (recorded in requestAnimationFrame, run in the page). */
interface Frame { selected: string; pane: string; busy: boolean; stale: boolean; headerLoading: boolean; ready: boolean; text: number; grey: boolean; spills: boolean }

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('fit-srv');
  server = new ServerUnderTest(serverDir.dir, 300);
  await server.start();
  await server.ingest(WITH_ATTACHMENTS);
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

for (const screen of SCREENS) {
  test(`${screenLabel(screen)}: the attachment count and the source badge are whole in their cells, in the inbox and in the search results`, async ({ browser }) => {
    const dir = tempDir('fit-a');
    const desk = await startDesk(server, dir.dir, { login: 'operator1' });
    const { page, inbox } = await openAt(browser, screen, desk.url);
    try {
      await expect(inbox.grid.locator('[data-appeal-id="fit-attach-0"]')).toHaveCount(1);
      await expect(inbox.grid.locator('.attachments-marker').first()).toBeAttached();
      await shot(page, screen, 'attachments-inbox');
      expectMarkersFit(await page.evaluate(markerFits, 'Обращения, ожидающие разбора'), 'inbox');
      expect(await page.evaluate(cutBadges, 'Обращения, ожидающие разбора'), 'inbox: source badges cut').toEqual([]);

      await page.keyboard.press('Control+KeyF');
      await page.getByTestId('search-box').fill('Фотоотчёт подтопление');
      const results = page.getByRole('grid', { name: 'Результаты поиска' });
      await expect(results.locator('[role="row"][data-appeal-id^="fit-attach-"]')).toHaveCount(WITH_ATTACHMENTS.length);
      await shot(page, screen, 'attachments-search');
      expectMarkersFit(await page.evaluate(markerFits, 'Результаты поиска'), 'search');
      expect(await page.evaluate(cutBadges, 'Результаты поиска'), 'search: source badges cut').toEqual([]);
    } finally {
      await page.context().close();
      await desk.close(); dir.remove();
    }
  });

  test(`${screenLabel(screen)}: a late Ctrl+Z's alert hides neither the detail header nor the selected row`, async ({ browser }) => {
    const dir = tempDir('fit-u');
    const desk = await startDesk(server, dir.dir, { login: 'operator2', pushDelayMs: 150 });
    const { page, inbox } = await openAt(browser, screen, desk.url);
    try {
      await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
      // The selection low in the grid, where a bottom toast would sit over it; the decision goes out at once.
      await page.keyboard.press('PageDown');
      const sent = await inbox.decideWith('Digit1');
      await server.expectAppeals({ [sent]: { status: 'routed' } });
      await inbox.waitPending(0);
      await expect(page.getByTestId('undo-toast')).toHaveCount(0);
      await page.keyboard.press('Control+KeyZ');
      const alert = page.getByRole('alert').filter({ hasText: 'отменить нельзя' });
      await expect(alert).toBeVisible();
      await expect(page.getByTestId('appeal-detail').locator('.detail-header')).toBeVisible();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await shot(page, screen, 'late-undo');
      const alertBox = await alert.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const header = await rectOf(page, '[data-testid="appeal-detail"] .detail-header');
      const row = await rectOf(page, '[role="grid"] [role="row"][aria-selected="true"]');
      const viewport = page.viewportSize();
      expect(header).not.toBeNull();
      expect(row).not.toBeNull();
      const box = JSON.stringify({ alertBox, header, row });
      expect(overlaps(alertBox, header as Rect), `alert over the detail header ${box}`).toBe(false);
      expect(overlaps(alertBox, row as Rect), `alert over the selected row ${box}`).toBe(false);
      // And on screen, whole: read without a pointer.
      expect(alertBox.left >= 0 && alertBox.top >= 0 && alertBox.right <= (viewport?.width ?? 0)
        && alertBox.bottom <= (viewport?.height ?? 0), `alert on screen ${box}`).toBe(true);
      const cut = await alert.evaluate((el) => Array.from(el.querySelectorAll('*')).concat(el)
        .some((e) => (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          && getComputedStyle(e).overflow !== 'visible'));
      expect(cut, 'the alert text is not cut').toBe(false);
      // Esc takes it away, as before.
      await page.keyboard.press('Escape');
      await expect(alert).toHaveCount(0);
    } finally {
      await page.context().close();
      await desk.close(); dir.remove();
    }
  });

  test(`${screenLabel(screen)}: ↓ held at key repeat never paints a blank or grey detail pane`, async ({ browser }) => {
    const dir = tempDir('fit-k');
    const desk = await startDesk(server, dir.dir, { login: 'operator3' });
    const { page, inbox } = await openAt(browser, screen, desk.url);
    try {
      const detail = page.getByTestId('appeal-detail');
      await expect(detail.locator('.detail-text:not(.loading)')).toHaveCount(1);
      await expect(detail).toHaveAttribute('data-appeal-id', await inbox.selectedId());
      // Record every frame until stopped: what the pane shows and whether it says it is stale.
      await page.evaluate(() => {
        const w = window as unknown as { __frames: Frame[]; __sampling: boolean };
        w.__frames = []; w.__sampling = true;
        const sample = (): void => {
          const pane = document.querySelector('[data-testid="appeal-detail"]');
          const text = pane?.querySelector('.detail-body .detail-text');
          w.__frames.push({
            selected: document.querySelector('[role="grid"] [role="row"][aria-selected="true"]')?.getAttribute('data-appeal-id') ?? '',
            pane: pane?.getAttribute('data-appeal-id') ?? '',
            busy: pane?.getAttribute('aria-busy') === 'true',
            stale: pane?.querySelector('.detail-body [data-stale]') != null,
            headerLoading: pane?.querySelector('.detail-header [data-testid="detail-loading"]') != null,
            ready: text != null && !text.classList.contains('loading') && text.closest('[data-stale]') === null,
            text: (text?.textContent ?? '').trim().length,
            grey: text != null && text.classList.contains('loading'),
            // The new appeal's excerpt over the kept content must stay in the content's own box: below it come the
            // cluster block and the links, which it would otherwise be drawn over (an excerpt taller than the text).
            spills: ((): boolean => {
              const excerpt = pane?.querySelector('.detail-stale-excerpt');
              const content = excerpt?.closest('.detail-content');
              if (!excerpt || !content) return false;
              return excerpt.getBoundingClientRect().bottom > content.getBoundingClientRect().bottom + 0.5;
            })(),
          });
          if (w.__sampling) requestAnimationFrame(sample);
        };
        requestAnimationFrame(sample);
      });
      // A held key: ~30 presses a second, then flat out; nothing waits for the pane.
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(30);
        if (i === 20) await shot(page, screen, 'burst');
      }
      for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await shot(page, screen, 'burst-end');
      const frames = await page.evaluate(() => {
        const w = window as unknown as { __frames: Frame[]; __sampling: boolean };
        w.__sampling = false;
        return w.__frames;
      });
      expect(frames.length).toBeGreaterThan(20);
      const wrong = frames.filter((f) => {
        const shown = f.ready && !f.busy && f.text > 0 && f.pane === f.selected;
        const stale = f.busy && f.stale && f.headerLoading && f.text > 0 && f.pane === f.selected;
        return !(shown || stale) || f.spills;
      });
      const staleCount = frames.filter((f) => f.stale).length;
      console.log(`${screenLabel(screen)}: ${frames.length} frames, ${staleCount} stale, ${wrong.length} wrong`);
      expect(wrong.slice(0, 5), `${wrong.length} of ${frames.length} frames blank/grey or unmarked`).toEqual([]);
      // At rest the new appeal is shown, not stale.
      await expect(detail).not.toHaveAttribute('aria-busy', 'true');
      await expect(detail.locator('[data-stale]')).toHaveCount(0);
      await expect(detail).toHaveAttribute('data-appeal-id', await inbox.selectedId());
    } finally {
      await page.context().close();
      await desk.close(); dir.remove();
    }
  });
}
