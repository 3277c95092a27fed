/// <reference lib="dom" />
// Accessibility (issue 13, item 8): axe-core 4.x, injected into the real renderer served by the harness, checks every
// screen and dialog reached by keyboard as an operator or lead would. A finding of impact serious or critical fails
// the test, printed as rule · target · summary so the failure says what to fix.
import { createRequire } from 'node:module';
import { test, expect, type Page } from '@playwright/test';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { SyncLog } from '../../electron/core/sync-log.js';
import { pageOptionsFor } from '../harness/office-screens.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// The desk's CSP allows only its own scripts (script-src 'self'); the audit script is the test's, not the page's.
test.use({ bypassCSP: true });

interface Finding { rule: string; impact: string; target: string; summary: string }

/** Runs axe on the page as it is now and returns the serious and critical findings, one line each. */
async function seriousFindings(page: Page): Promise<Finding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type AxeNode = { target: unknown[]; failureSummary?: string };
    type AxeResult = { id: string; impact: string | null; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => ({
        rule: v.id, impact: v.impact ?? '', target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })));
  });
}

/** Collects findings per screen, so one run reports every screen rather than stopping at the first. */
class Audit {
  readonly findings: string[] = [];
  readonly screens: string[] = [];
  constructor(private readonly page: Page) {}
  async check(screen: string): Promise<void> {
    this.screens.push(screen);
    for (const f of await seriousFindings(this.page)) {
      this.findings.push(`[${screen}] ${f.rule} (${f.impact}) ${f.target} — ${f.summary}`);
    }
  }
  expectClean(): void {
    if (this.findings.length > 0) console.log(`axe findings:\n${this.findings.join('\n')}`);
    expect(this.findings, this.findings.join('\n')).toEqual([]);
  }
}

/**
 * A lead's section by its Ctrl+digit (renderer/src/app/view-registry.ts: the position is the key), checked by the
 * section itself appearing: at narrow widths the top bar folds its tabs into a menu, so tabs are not read here.
 */
const LEAD_SECTIONS = {
  queues: { key: 'Control+Digit2', testId: 'queues-view' },
  stats: { key: 'Control+Digit3', testId: 'stats-view' },
  conflicts: { key: 'Control+Digit5', testId: 'conflicts-view' },
  'sync-log': { key: 'Control+Digit6', testId: 'sync-log-view' },
} as const;
async function openSection(page: Page, id: keyof typeof LEAD_SECTIONS): Promise<void> {
  await page.keyboard.press(LEAD_SECTIONS[id].key);
  await expect(page.getByTestId(LEAD_SECTIONS[id].testId)).toBeVisible();
}

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('srv-a11y');
  server = new ServerUnderTest(serverDir.dir, 40);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

test('the login screen has no serious accessibility findings', async ({ page }) => {
  const dir = tempDir('desk-a11y-login');
  const desk = await startDesk(server, dir.dir);
  try {
    await page.goto(desk.url);
    await expect(page.getByLabel('Логин')).toBeVisible();
    const audit = new Audit(page);
    await audit.check('login');
    audit.expectClean();
    // axe skips disabled controls, but the operator still reads them: «Войти» before the fields are filled was grey on
    // pale blue at 0.6 opacity (QA, about 1.6:1).
    const signIn = page.getByRole('button', { name: 'Войти' });
    await expect(signIn).toBeDisabled();
    expect(await labelContrast(page, 'button[type="submit"]')).toBeGreaterThanOrEqual(4.5);
  } finally {
    await desk.close();
    dir.remove();
  }
});

/** WCAG contrast of an element's text on its own background; both must be opaque, and so must the element. */
async function labelContrast(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const style = getComputedStyle(el);
    const channels = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const [fr = 0, fg = 0, fb = 0, fa = 1] = channels(style.color);
    const [br = 0, bg = 0, bb = 0, ba = 1] = channels(style.backgroundColor);
    if (fa !== 1 || ba !== 1 || style.opacity !== '1') return 0; // faded: not a contrast one can rely on
    const luminance = (r: number, g: number, b: number) => {
      const lin = (c: number) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const [light, dark] = [luminance(fr, fg, fb), luminance(br, bg, bb)].sort((a, b) => b - a);
    return (light! + 0.05) / (dark! + 0.05);
  });
}

test('every screen and dialog of a lead desk has no serious accessibility findings', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = tempDir('desk-a11y');
  const desk = await startDesk(server, dir.dir, { login: 'lead' });
  const audit = new Audit(page);
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(page.getByTestId('appeal-detail')).toBeVisible();
    // The grid holds the focus and names the selected row as its active descendant.
    const grid = inbox.grid;
    await expect(grid).toBeFocused();
    const selectedId = await inbox.selectedRow.getAttribute('id');
    expect(selectedId).toBeTruthy();
    await expect(grid).toHaveAttribute('aria-activedescendant', selectedId ?? '');
    await page.keyboard.press('ArrowDown'); // the active descendant follows the selection
    const nextId = await inbox.selectedRow.getAttribute('id');
    expect(nextId).not.toBe(selectedId);
    await expect(grid).toHaveAttribute('aria-activedescendant', nextId ?? '');
    await audit.check('inbox with the detail pane');

    await page.keyboard.press('Slash');
    const picker = page.getByRole('dialog');
    await expect(picker).toBeVisible();
    await page.keyboard.type('здр');
    const combo = picker.getByRole('combobox');
    await expect(combo).toBeFocused();
    await expect(combo).toHaveAttribute('aria-controls', await picker.getByRole('listbox').getAttribute('id') ?? '-');
    await expect(picker.getByRole('option').first()).toContainText('Минздрав');
    const optionId = await picker.getByRole('option').first().getAttribute('id');
    await expect(combo).toHaveAttribute('aria-activedescendant', optionId ?? '-');
    await audit.check('target picker');
    await page.keyboard.press('Escape');
    await expect(picker).toBeHidden();

    await page.keyboard.press('KeyX');
    await expect(page.getByRole('dialog')).toBeVisible();
    await audit.check('reject dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.keyboard.press('Shift+Slash');
    await expect(page.getByRole('dialog')).toBeVisible();
    await audit.check('help');
    // The focus stays in a modal dialog: Tab and Shift+Tab go round it, never to the page behind.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null), `focus after ${key}`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    // #13 item 5: the command palette (a combobox owning its listbox, like the picker) and the favourites dialog.
    await page.keyboard.press('Control+KeyK');
    const palette = page.getByRole('dialog', { name: 'Все команды' });
    await expect(palette).toBeVisible();
    await page.keyboard.type('отмен');
    const paletteBox = palette.getByRole('combobox');
    await expect(paletteBox).toBeFocused();
    await expect(paletteBox).toHaveAttribute('aria-activedescendant', await palette.getByRole('option').first().getAttribute('id') ?? '-');
    await audit.check('command palette');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    await page.keyboard.press('Control+Shift+KeyF');
    const favourites = page.getByRole('dialog', { name: 'Избранные адресаты' });
    await expect(favourites.getByRole('option')).toHaveCount(9);
    await audit.check('favourites dialog');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: /^Адресат для клавиши/ })).toBeVisible();
    await audit.check('favourites dialog with its target picker');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: /^Адресат для клавиши/ })).toBeHidden();
    await expect(favourites).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.keyboard.press('Control+KeyF');
    const box = page.getByTestId('search-box');
    await expect(box).toBeFocused();
    await page.keyboard.type('а');
    await expect(page.getByTestId('search-summary')).toHaveAttribute('data-phase', 'ready');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('grid', { name: 'Результаты поиска' })).toBeFocused();
    await audit.check('search with results');
    await page.keyboard.press('Control+KeyS');
    await expect(page.getByRole('dialog')).toBeVisible();
    await audit.check('save search dialog');
    await page.keyboard.type('Всё про «а»');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeHidden();
    await page.keyboard.press('Control+KeyO');
    await expect(page.getByRole('dialog')).toContainText('Всё про «а»');
    await audit.check('saved views dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await openSection(page, 'queues');
    await expect(page.getByTestId('queues-view')).toBeVisible();
    await audit.check('queues');
    // An opened queue: its list is longer than the pane, which scrolls — a scroller no key could reach was a finding
    // (scrollable-region-focusable) that the closed section never showed.
    await page.keyboard.press('Enter');
    const queue = page.getByRole('listbox', { name: 'Не разобрано' });
    await expect(queue.getByRole('option')).not.toHaveCount(0);
    expect(await queue.evaluate((el) => {
      const pane = el.closest('section');
      return pane !== null && pane.scrollHeight > pane.clientHeight;
    }), 'the opened queue scrolls').toBe(true);
    // One tab stop for the opened queue, its list: the pane around it stopped Tab too, with nothing to do there.
    const queuesPane = page.getByRole('region', { name: 'Очереди', exact: true });
    await queuesPane.focus();
    await page.keyboard.press('Tab');
    await expect(queue).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(queuesPane).toBeFocused();
    await audit.check('queue opened');
    await page.keyboard.press('Enter');
    const reading = page.getByRole('dialog', { name: 'Обращение' });
    await expect(reading.getByRole('region', { name: 'Текст обращения' })).toBeFocused();
    await audit.check('an appeal of the queue read whole');
    await page.keyboard.press('Escape');
    await expect(reading).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(queue).toBeHidden();
    await openSection(page, 'stats');
    await expect(page.getByTestId('stats-received')).toHaveText(/^[1-9]\d*$/);
    // Each chart has its numbers as a table for a screen reader.
    await expect(page.getByRole('table', { name: 'Обращения по темам' })).toHaveCount(1);
    await expect(page.getByRole('table', { name: 'Время до направления' })).toHaveCount(1);
    await audit.check('statistics');
    await openSection(page, 'conflicts');
    await audit.check('conflicts');
    await openSection(page, 'sync-log');
    await audit.check('sync log');
  } finally {
    await desk.close();
    dir.remove();
  }
  audit.expectClean();
});

/**
 * The scrolling body of a sync section (the conflicts list, the sync log): longer than its pane at this size, so axe
 * audits it as a scroller; a tab stop of its own named `name` (soft: the audit of the page still runs and reports).
 */
async function expectScrollingRegion(page: Page, view: string, name: string): Promise<void> {
  const body = page.getByTestId(view).locator('.sync-body');
  expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight), `${view}: longer than its pane`).toBe(true);
  expect.soft(await body.evaluate((el) => el.matches('[role="region"], section[aria-label]') ? el.getAttribute('aria-label') : null),
    `${view}: a region named «${name}»`).toBe(name);
  expect.soft(await body.getAttribute('tabindex'), `${view}: a tab stop`).toBe('0');
}

test('the conflicts list and the sync log, longer than their panes at 150 %, are keyboard-reachable scrolling regions', async ({ browser }) => {
  test.setTimeout(120_000);
  // Their own server: the lead's decisions here are refused on purpose.
  const ownDir = tempDir('srv-a11y-lists');
  const own = new ServerUnderTest(ownDir.dir, 40);
  await own.start();
  const dir = tempDir('desk-a11y-lists');
  // The previous session's sync log, which the section shows too: longer than the pane.
  const previous = new SyncLog(dir.dir);
  for (let i = 0; i < 60; i++) {
    if (i % 3 === 2) previous.write('warn', 'retry', `Повтор №${i} через 4 с`, 2);
    else previous.write('info', 'pull', `Получено обращений: ${i}, сохранено: ${i}`, 0);
  }
  const desk = await startDesk(own, dir.dir, { login: 'lead' });
  // 1366×768 at 150 %: the office screen with the shortest panes.
  const context = await browser.newContext({ ...pageOptionsFor({ width: 1366, height: 768, scale: 1.5 }),
    locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk', bypassCSP: true });
  const page = await context.newPage();
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    // The lead decides offline; operator1's decisions of the same appeals reach the server first: each is a conflict.
    // (A 20 s undo grace held them back before: most of this test's time.)
    const onServer = await own.allAppeals();
    const operator1 = await own.token('operator1');
    await own.stop();
    await inbox.offTeamChannelAtFirst();
    const decided: string[] = [];
    for (let i = 0; i < 8; i++) decided.push(await inbox.decideWith('Digit1'));
    // The desk's retries back off (1 s, 2 s, 4 s…, ±25 %): once its next is seconds away, operator1 is first.
    await expect.poll(async () => {
      const status = await desk.core.call('sync.status', {});
      const next = status.ok ? (status.value as { nextRetryAt?: string | null }).nextRetryAt : null;
      return next ? Date.parse(next) - Date.now() : 0;
    }, { timeout: 60_000 }).toBeGreaterThan(3_000);
    // Everything ready before the server is back, so operator1's call is the first thing it hears (the team channel's
    // own reconnection also pushes the desk's queue).
    const body = JSON.stringify({ mutations: decided.map((id, i) => ({
      id: `01E2EA11YFIRST${String(i).padStart(8, '0')}`, appealId: id, baseVersion: onServer.get(id)?.version ?? 1,
      createdAt: new Date().toISOString(), type: 'route', targetId: 'minobr',
    })) });
    await own.start();
    const first = await fetch(`${own.url}${API_PREFIX}/mutations`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${operator1}` }, body,
    });
    expect(first.status).toBe(200);
    await desk.core.call('sync.now', {});

    const audit = new Audit(page);
    await openSection(page, 'conflicts');
    // Each arrives once the desk has pushed and the server refused it.
    await expect(page.getByTestId('conflicts-view').getByRole('option')).toHaveCount(decided.length, { timeout: 60_000 });
    await expectScrollingRegion(page, 'conflicts-view', 'Список конфликтов');
    await audit.check('conflicts longer than the pane');
    await openSection(page, 'sync-log');
    await expect(page.locator('[data-log-row]')).not.toHaveCount(0);
    await expectScrollingRegion(page, 'sync-log-view', 'Записи журнала синхронизации');
    await audit.check('sync log longer than the pane');
    audit.expectClean();
  } finally {
    await context.close();
    await desk.close();
    await own.stop();
    ownDir.remove();
    dir.remove();
  }
});

test('the sign-out dialog (a decision that could not be sent) has no serious accessibility findings', async ({ page }) => {
  // Its own server: it is stopped so that sign-out cannot send and the dialog stays (see sign-out.spec.ts).
  const ownDir = tempDir('srv-a11y-out');
  const own = new ServerUnderTest(ownDir.dir, 10);
  await own.start();
  const dir = tempDir('desk-a11y-out');
  const desk = await startDesk(own, dir.dir, { login: 'operator1', pushDelayMs: 600_000 });
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await inbox.decideWith('Digit1');
    await inbox.waitPending(1);
    await own.stop();
    await page.keyboard.press('Control+Shift+KeyQ');
    const dialog = page.getByRole('dialog', { name: 'Выход' });
    await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 30_000 });
    const audit = new Audit(page);
    await audit.check('sign-out dialog');
    audit.expectClean();
  } finally {
    await desk.close();
    await own.stop();
    ownDir.remove();
    dir.remove();
  }
});

/** Text of the statistics charts that sticks out of its svg or its card: clipped or drawn over the edge. */
async function clippedChartText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('[data-testid="stats-view"] svg'))) {
      const box = svg.getBoundingClientRect();
      const card = svg.closest('.stats-card')?.getBoundingClientRect() ?? box;
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.left < card.left || r.right > card.right) {
          out.push(`«${text.textContent ?? ''}» ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
        }
      }
    }
    return out;
  });
}

for (const size of [{ width: 1366, height: 768 }, { width: 1280, height: 720 }]) {
  test(`statistics at ${size.width}×${size.height}: charts fill their cards, no label is cut, PgDn reaches the export`, async ({ page }) => {
    await page.setViewportSize(size);
    const dir = tempDir('desk-a11y-stats');
    const desk = await startDesk(server, dir.dir, { login: 'lead' });
    try {
      await new InboxPage(page).open(desk.url);
      await openSection(page, 'stats');
      await expect(page.getByTestId('stats-received')).toHaveText(/^[1-9]\d*$/);
      await expect(page.getByRole('img', { name: 'Обращения по темам' })).toBeVisible();
      expect(await clippedChartText(page)).toEqual([]);
      // Every chart is as wide as its card's content box (within the card padding), not a fixed picture.
      const fill = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="stats-view"] svg')).map((svg) => {
        const card = svg.closest('.stats-card');
        if (!card) return 1;
        const style = getComputedStyle(card);
        const inner = card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return svg.getBoundingClientRect().width / inner;
      }));
      for (const ratio of fill) expect(ratio).toBeGreaterThan(0.97);

      // The page is taller than the screen: PgDn scrolls it, and the export confirmation below can be read.
      const view = page.getByTestId('stats-view');
      const scroll = () => view.evaluate((el) => el.scrollTop);
      expect(await view.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      await page.keyboard.press('PageDown');
      await expect.poll(scroll).toBeGreaterThan(100);
      await page.keyboard.press('PageUp');
      await expect.poll(scroll).toBe(0);
      await page.keyboard.press('KeyE');
      const done = page.getByTestId('export-done');
      await expect(done).toContainText('.xlsx');
      for (let i = 0; i < 10 && !(await done.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      })); i++) await page.keyboard.press('PageDown');
      await expect(done).toBeInViewport({ ratio: 1 });
    } finally {
      await desk.close();
      dir.remove();
    }
  });
}
