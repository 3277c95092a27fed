/// <reference lib="dom" />
// The shift lead's «Очереди», «Статистика» and the search toolbar on a 1366×768 screen at 100 % and at 150 % (911×512
// CSS px drawn at device scale 1.5), measured on the painted page against a real server and a real desk:
//  1. every number of the queues table lies whole inside its cell and inside the pane's visible box (no «4» for
//     «4 944», no column beyond the edge with no key to scroll there), and each queue's median is shown somewhere:
//     its column, or the name's second line on a narrow pane; each queue's name is whole (it wraps: «Оператор 1 — Анна
//     Пе…» named nobody at 150 %);
//  1a. «Смена сейчас» with a full shift (11 people, longer than the pane at 150 %) is reached by its key, shown in the
//     hint line: S puts the list keys on its rows and End brings the last person into view (it sat below the fold);
//  1b. the statistics show their export keys at the top, in view on arrival, and every figure and label of the
//     charts whole — no «…» («больше …», «· 42 …» at 150 %), none past its chart or card, none over another;
//  2. every control of the search toolbar (the hints, the filter toggles and lists, the day fields) lies inside the
//     search pane and the viewport, none cut;
//  3. the day fields read and write «ДД.ММ.ГГГГ» whatever the browser's language (the page runs en-US here), with
//     ↑ / ↓ stepping a day.
// H30_SHOTS=folder/prefix also writes a screenshot of each state (e.g. H30_SHOTS=/tmp/h30/after).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { pageOptionsFor, screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import { keysFor } from '../../renderer/src/features/shortcuts/shortcut-table.js';
import { openLive, type LiveStream } from '../node/server/live-reader.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const SHOTS = process.env.H30_SHOTS;

async function shot(page: Page, screen: OfficeScreen, what: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(path.dirname(SHOTS), { recursive: true });
  await page.screenshot({ path: `${SHOTS}-${Math.round(screen.scale * 100)}-${what}.png` });
}

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
/** operator1…operator10 online (their live channels open): with the lead, a shift longer than the pane at 150 %. */
const shift: LiveStream[] = [];
test.beforeAll(async () => {
  serverDir = tempDir('srv-fit-lead');
  // 1,200 waiting appeals: four-digit counts («1 150»), the widest the «Не разобрано» row has to hold here.
  server = new ServerUnderTest(serverDir.dir, 1200);
  await server.start();
  // operator1 routes a few, so targets and an operator have rows with counts and a median.
  const token = await server.token('operator1');
  const appeals = [...(await server.allAppeals()).values()].filter((a) => a.status === 'new').slice(0, 6);
  const targets = ['minobr', 'minzdrav', 'minobr', 'mingkh', 'minobr', 'minzdrav'];
  const response = await fetch(`${server.url}${API_PREFIX}/mutations`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ mutations: appeals.map((a, i) => ({
      id: `01E2EFITLEAD${String(i).padStart(10, '0')}`, appealId: a.id, baseVersion: a.version,
      createdAt: new Date().toISOString(), type: 'route', targetId: targets[i],
    })) }),
  });
  expect(response.status).toBe(200);
  for (let n = 1; n <= 10; n++) shift.push(await openLive(server.url, await server.token(`operator${n}`)));
});
test.afterAll(async () => {
  for (const stream of shift.splice(0)) stream.close();
  await server.stop();
  serverDir.remove();
});

async function openAt(browser: Browser, screen: OfficeScreen, url: string): Promise<Page> {
  // en-US on purpose: the day fields must not follow the browser's language.
  const context = await browser.newContext({ ...pageOptionsFor(screen), locale: 'en-US', timezoneId: 'Asia/Novosibirsk' });
  const page = await context.newPage();
  await new InboxPage(page).open(url);
  return page;
}

interface Fit { what: string; ok: boolean; text: string }

/** Every numeric cell of the queues table, against its own box and the pane's visible box (run in the page). */
function numberFits(): Fit[] {
  const pane = document.querySelector<HTMLElement>('.queue-groups');
  if (pane === null) return [{ what: 'pane', ok: false, text: 'no .queue-groups' }];
  const p = pane.getBoundingClientRect();
  const paneLeft = p.left + pane.clientLeft;
  const paneRight = paneLeft + pane.clientWidth;
  const fits: Fit[] = [{ what: 'pane scroll', ok: pane.scrollWidth <= pane.clientWidth,
    text: `pane scrollWidth ${pane.scrollWidth} > clientWidth ${pane.clientWidth}?` }];
  for (const row of Array.from(pane.querySelectorAll<HTMLElement>('table.lead-table tbody tr[data-testid]'))) {
    const id = row.dataset.testid ?? '';
    const cells = Array.from(row.querySelectorAll<HTMLElement>('td.num'));
    for (const [i, cell] of cells.entries()) {
      const shown = getComputedStyle(cell).display !== 'none';
      if (!shown) continue;
      const c = cell.getBoundingClientRect();
      fits.push({ what: `${id} col ${i + 1} «${cell.textContent ?? ''}»`,
        ok: cell.scrollWidth <= cell.clientWidth && c.left >= paneLeft - 0.5 && c.right <= paneRight + 0.5,
        text: `cell ${c.left.toFixed(1)}–${c.right.toFixed(1)} in pane ${paneLeft.toFixed(1)}–${paneRight.toFixed(1)}, scrollWidth ${cell.scrollWidth} / ${cell.clientWidth}` });
    }
    if (id.startsWith('queue-target-') || id.startsWith('queue-operator-')) {
      // The median: its column when shown, else the name's second line — visible, whole, inside the pane.
      const column = row.querySelectorAll<HTMLElement>('td')[4] ?? null;
      const line = row.querySelector<HTMLElement>('.queue-label-median');
      const shownEl = [column, line].find((el) => el !== null && getComputedStyle(el).display !== 'none'
        && el.getBoundingClientRect().width > 0) ?? null;
      const r = shownEl?.getBoundingClientRect();
      fits.push({ what: `${id} median`, ok: shownEl !== null && r !== undefined && r.right <= paneRight + 0.5
        && shownEl.scrollWidth <= shownEl.clientWidth && /\d|—/.test(shownEl.textContent ?? ''),
        text: shownEl === null ? 'median shown nowhere' : `«${shownEl.textContent ?? ''}» ${r?.left.toFixed(1)}–${r?.right.toFixed(1)}` });
    }
  }
  return fits;
}

/** Every queue's and shift member's name: whole in its box, no «…» (run in the page). */
function namesWhole(): Fit[] {
  return Array.from(document.querySelectorAll<HTMLElement>('.queue-label-name, [data-testid="shift-now"] .member-name'))
    .map((el) => ({ what: `name «${el.textContent ?? ''}»`,
      ok: el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1 && !(el.textContent ?? '').includes('…'),
      text: `scroll ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}` }));
}

/**
 * Every text of the statistics charts: whole (no «…»), inside its svg and its card, over no other text of its chart
 * (run in the page).
 */
function chartTextFits(): Fit[] {
  const fits: Fit[] = [];
  for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('[data-testid="stats-view"] svg'))) {
    const box = svg.getBoundingClientRect();
    const card = svg.closest('.stats-card')?.getBoundingClientRect() ?? box;
    const texts = Array.from(svg.querySelectorAll('text')).filter((t) => t.getBoundingClientRect().width > 0);
    for (const [i, text] of texts.entries()) {
      const r = text.getBoundingClientRect();
      const over = texts.slice(i + 1).find((other) => {
        const o = other.getBoundingClientRect();
        return r.left < o.right - 0.5 && o.left < r.right - 0.5 && r.top < o.bottom - 0.5 && o.top < r.bottom - 0.5;
      });
      fits.push({ what: `${svg.getAttribute('aria-label') ?? 'chart'} «${text.textContent ?? ''}»`,
        ok: !(text.textContent ?? '').includes('…') && over === undefined
          && r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.left >= card.left && r.right <= card.right,
        text: `${r.left.toFixed(1)}–${r.right.toFixed(1)} in svg ${box.left.toFixed(1)}–${box.right.toFixed(1)}`
          + (over ? `, over «${over.textContent ?? ''}»` : '') });
    }
  }
  return fits;
}

/** Every control of the search toolbar against the search pane and the viewport (run in the page). */
function toolbarFits(): Fit[] {
  const pane = document.querySelector<HTMLElement>('.search-pane');
  const head = document.querySelector<HTMLElement>('.search-head');
  if (pane === null || head === null) return [{ what: 'search pane', ok: false, text: 'none' }];
  const p = pane.getBoundingClientRect();
  const right = Math.min(p.left + pane.clientWidth, document.documentElement.clientWidth);
  const items = Array.from(head.querySelectorAll<HTMLElement>(
    '.search-input, .search-box-hints > span, .filter-group, .filter-toggle, .filter-select, .filter-date, .filter-check'));
  return items.map((el) => {
    const r = el.getBoundingClientRect();
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    return { what: `${el.className} «${name}»`,
      ok: r.width > 0 && r.left >= p.left - 0.5 && r.right <= right + 0.5 && el.scrollWidth <= el.clientWidth + 1,
      text: `${r.left.toFixed(1)}–${r.right.toFixed(1)} in ${p.left.toFixed(1)}–${right.toFixed(1)}, scrollWidth ${el.scrollWidth} / ${el.clientWidth}` };
  });
}

function expectFits(fits: Fit[], where: string, least: number): void {
  expect(fits.length, `${where}: measured items`).toBeGreaterThanOrEqual(least);
  // Soft: one run names every cut item (and still takes the later screenshots).
  for (const fit of fits) expect.soft(fit, `${where}: ${fit.what} (${fit.text})`).toMatchObject({ ok: true });
}

for (const screen of SCREENS) {
  test(`${screenLabel(screen)}: the lead's queues show every number whole and the search toolbar fits`, async ({ browser }) => {
    const dir = tempDir('desk-fit-lead');
    const desk = await startDesk(server, dir.dir, { login: 'lead' });
    try {
      const page = await openAt(browser, screen, desk.url);
      await page.keyboard.press('Control+Digit2');
      await expect(page.getByTestId('queues-view')).toBeVisible();
      await expect(page.getByTestId('queue-target-minobr')).toBeVisible();
      await expect(page.getByTestId('queue-operator-u-operator1')).toBeVisible();
      // Four-digit waiting counts have arrived (the desk's first pull is done).
      await expect(page.getByTestId('queue-unrouted-all').locator('td.num').first()).toHaveText(/^\d\s\d{3}$/, { timeout: 30_000 });
      await shot(page, screen, 'queues');
      expectFits(await page.evaluate(numberFits), `${screenLabel(screen)} queues`, 12);
      await expect(page.getByTestId('queue-operator-u-operator1')).toContainText('Оператор 1 — Анна Петрова');
      expectFits(await page.evaluate(namesWhole), `${screenLabel(screen)} queue names`, 5);

      // «Смена сейчас»: its key is in the hint line, and takes the list keys to the people, the last one into view.
      const showShift = keysFor('queues', 'show-shift');
      await expect(page.locator('.lead-hints > span').filter({ hasText: 'смена сейчас' }).locator('.keycaps'))
        .toHaveAttribute('aria-label', `клавиша ${showShift}`);
      const members = page.getByTestId('shift-now').locator('tbody tr');
      await expect(members).toHaveCount(11, { timeout: 30_000 });
      await page.keyboard.press('KeyS');
      await expect(members.first()).toHaveAttribute('aria-selected', 'true');
      // In view, but for the fraction of a pixel a scroll offset rounds to at device scale 1.5.
      await expect(members.first()).toBeInViewport({ ratio: 0.99 });
      await page.keyboard.press('End');
      await expect(members.last()).toHaveAttribute('aria-selected', 'true');
      await expect(members.last()).toBeInViewport({ ratio: 0.99 });
      await expect(members.last()).toContainText('Старший смены');
      await shot(page, screen, 'shift-now-end');
      expectFits(await page.evaluate(namesWhole), `${screenLabel(screen)} shift names`, 5);
      await page.keyboard.press('PageUp');
      await expect(members.last()).not.toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('queues-view')).toHaveAttribute('data-keys-on', 'queues');
      await expect(members.first()).not.toHaveAttribute('aria-selected', 'true');

      await page.keyboard.press('Enter');
      await expect(page.getByTestId('queue-count')).toBeVisible();
      await expect(page.getByTestId('queues-view').getByRole('option').first()).toBeVisible();
      await shot(page, screen, 'queue-open');
      expectFits(await page.evaluate(numberFits), `${screenLabel(screen)} queue open`, 12);
      // Ctrl+A takes the cursor to the last row; the queue's head — its name and «выделено N» — stays on top of the
      // rows scrolled under it (a second trial of 5 December: the selected rows painted over it).
      await page.keyboard.press('Control+KeyA');
      await expect(page.getByTestId('queue-count')).toContainText(/выделено [1-9]/u);
      await expect(page.getByTestId('queues-view').getByRole('option').last()).toBeInViewport({ ratio: 0.99 });
      expect(await page.getByTestId('queue-count').evaluate((el) => {
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && el.contains(hit);
      }), 'the queue\'s count on top of the rows').toBe(true);
      await page.keyboard.press('Escape');

      // «Статистика»: its keys at the foot of the screen wherever the page is scrolled (trial: at 150 % the export
      // keys were seen only at the page's end).
      await page.keyboard.press('Control+Digit3');
      await expect(page.getByTestId('stats-received')).toHaveText(/^[1-9][\d\s]*$/, { timeout: 30_000 });
      const exportHint = page.locator('.stats-workspace .lead-hints').getByText(/отчёт за \p{L}+ \d{4} XLSX/u);
      for (const key of ['Home', 'PageDown']) {
        await page.keyboard.press(key);
        const hint = await exportHint.boundingBox();
        const viewport = page.viewportSize();
        expect(hint !== null && viewport !== null && hint.y >= 0 && hint.y + hint.height <= viewport.height,
          `the export hint after ${key}: ${JSON.stringify(hint)}`).toBe(true);
      }

      await page.keyboard.press('Control+KeyF');
      const box = page.getByTestId('search-box');
      await expect(box).toBeFocused();
      await box.fill('мусор');
      await expect(page.getByTestId('search-summary')).toHaveAttribute('data-phase', 'ready');
      // Folded into the summary's line on a narrow pane (150 %): the key unfolds the filters and goes to the first.
      await page.keyboard.press('Control+Shift+KeyL');
      await expect(page.locator('.search-filters .filter-toggle').first()).toBeFocused();
      await shot(page, screen, 'search');
      expectFits(await page.evaluate(toolbarFits), `${screenLabel(screen)} search toolbar`, 14);
      const from = page.getByRole('textbox', { name: 'Получено с' });
      await expect(from).toHaveAttribute('placeholder', 'ДД.ММ.ГГГГ');
      await from.click();
      await page.keyboard.type('01112026');
      await expect(from).toHaveValue('01.11.2026');
      await page.keyboard.press('ArrowUp');
      await expect(from).toHaveValue('02.11.2026');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect(from).toHaveValue('31.10.2026');
      await expect(page.getByRole('button', { name: 'Сбросить фильтры' })).toBeVisible();
      await shot(page, screen, 'search-days');
      expectFits(await page.evaluate(toolbarFits), `${screenLabel(screen)} search toolbar with a day set`, 15);
      await page.context().close();
    } finally {
      await desk.close();
      dir.remove();
    }
  });
}

for (const screen of SCREENS) {
  test(`${screenLabel(screen)}: the lead's statistics show the export keys on arrival and every chart figure whole`, async ({ browser }) => {
    const dir = tempDir('desk-fit-stats');
    const desk = await startDesk(server, dir.dir, { login: 'lead' });
    try {
      const page = await openAt(browser, screen, desk.url);
      await page.keyboard.press('Control+Digit3');
      await expect(page.getByTestId('stats-received')).toHaveText(/^[1-9]/);
      // operator1's decisions: the operators' chart with its median, the time-to-route histogram with «больше суток».
      await expect(page.getByRole('img', { name: 'Решений по операторам' })).toBeAttached();
      // The export keys, from the live bindings, in view without a key pressed (below the fold at 150 % before).
      const keys = page.getByTestId('stats-keys');
      await expect(keys).toBeInViewport({ ratio: 1 });
      const exportKeys = keys.locator('> span').filter({ hasText: /отчёт за \p{L}+ \d{4} XLSX/u }).locator('.keycaps');
      await expect(exportKeys.first()).toHaveAttribute('aria-label', `клавиша ${keysFor('stats', 'export-xlsx')}`);
      await expect(exportKeys.last()).toHaveAttribute('aria-label', `клавиша ${keysFor('stats', 'export-csv')}`);
      await expect(exportKeys.last()).toBeInViewport({ ratio: 1 });
      await shot(page, screen, 'stats');
      expectFits(await page.evaluate(chartTextFits), `${screenLabel(screen)} statistics`, 20);
      await page.keyboard.press('End');
      await shot(page, screen, 'stats-end');
      await page.context().close();
    } finally {
      await desk.close();
      dir.remove();
    }
  });
}
