/// <reference lib="dom" />
// What Q / W / Enter route to, on screen at 1366×768 @100 % and @150 % (a 911×512 CSS-pixel window at device scale
// 1.5), measured on the painted page against a real server and a real desk (QA trial of 2 Dec 2026):
//  1. the first suggestion row and the key caps of the suggestions lie inside the viewport and are what is painted
//     there (document.elementFromPoint at their centres), for a one-line appeal and a 5,000-character one, without
//     any scrolling; and every favourite key's target name in the route panel's legend is whole (not cut with «…»),
//     the legend three rows at 150 % (the grid's short names), so the text keeps some six lines (four before);
//  2. a colleague's hold notice («Смотрит …», docked in the detail header) covers neither the appeal's text column,
//     its links, the suggestions nor the route panel's keys, and the colleague's name in it is not cut;
//  3. the undo toast covers neither the selected row (low in the list) nor the suggestions nor the route panel's keys.
// H26_SHOTS=folder/prefix also writes a screenshot of each state (e.g. H26_SHOTS=/tmp/h26/after).
import { test, expect, type Page } from '@playwright/test';
import { screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { officeShot, openAt } from './office-page.js';
import { ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const SHOTS = process.env.H26_SHOTS;
const shot = (page: Page, screen: OfficeScreen, what: string): Promise<void> => officeShot(SHOTS, page, screen, what, { settle: true });

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const SENTENCE = 'Во дворе дома на улице Ленина третью неделю не вывозят мусор, контейнеры переполнены, крысы бегают у подъезда. ';
const FIT_APPEALS: IncomingAppeal[] = [
  { id: 'fit-short', source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
    author: { name: 'Заявитель Короткий' }, text: 'Яма на дороге у школы, машины бьют колёса.', attachments: [],
    receivedAt: minutesAgo(1) },
  { id: 'fit-long', source: 'telegram', channel: { name: 'Новосибирск онлайн', url: 'https://t.me/nsk' },
    author: { name: 'Заявитель Длинный' }, text: SENTENCE.repeat(Math.ceil(5_000 / SENTENCE.length)).slice(0, 5_000),
    attachments: [{ kind: 'link', url: 'https://nsk.ru/musor' }], receivedAt: minutesAgo(2) },
];

interface Rect { left: number; top: number; right: number; bottom: number }
const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const rectsOf = (page: Page, selector: string): Promise<Rect[]> => page.evaluate((s) => Array.from(document.querySelectorAll(s))
  .map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0)
  .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom })), selector);

/** Whether `el` is what is painted at its own centre and lies inside the viewport (run in the page). */
interface Seen { what: string; inViewport: boolean; painted: boolean; at: string }
function seenOnScreen(selectors: string[]): Seen[] {
  return selectors.map((what) => {
    const el = document.querySelector(what);
    if (el === null) return { what, inViewport: false, painted: false, at: 'missing' };
    const r = el.getBoundingClientRect();
    const inViewport = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const painted = hit !== null && (hit === el || el.contains(hit));
    return { what, inViewport, painted, at: `${r.top.toFixed(0)}–${r.bottom.toFixed(0)} of ${innerHeight}, hit ${hit?.className ?? 'none'}` };
  });
}

/** The route panel's keys: the favourites and the other actions (their key caps, where the eye looks for them). */
const ROUTE_KEYS = '.route-panel .favorite, .route-panel .route-actions .btn';

for (const screen of SCREENS) {
  test.describe(screenLabel(screen), () => {
    let server: ServerUnderTest;
    let serverDir: ReturnType<typeof tempDir>;
    test.beforeAll(async () => {
      serverDir = tempDir('fitd-srv');
      server = new ServerUnderTest(serverDir.dir, 24);
      await server.start();
      await server.ingest(FIT_APPEALS);
    });
    test.afterAll(async () => { await server.stop(); serverDir.remove(); });

    test(`${screenLabel(screen)}: the suggestions and their keys are on screen for a short and a 5,000-character appeal; the legend names are whole`, async ({ browser }) => {
      test.setTimeout(180_000);
      const dir = tempDir('fitd-s');
      const desk = await startDesk(server, dir.dir, { login: 'operator1' });
      const { page, inbox } = await openAt(browser, screen, desk.url);
      try {
        for (const id of ['fit-short', 'fit-long']) {
          await inbox.grid.locator(`[role="row"][data-appeal-id="${id}"]`).click();
          await expect(page.getByTestId('appeal-detail')).toHaveAttribute('data-appeal-id', id);
          await expect(page.getByTestId('appeal-detail')).not.toHaveAttribute('aria-busy', 'true');
          const buttons = page.getByTestId('suggestions').locator('button.suggestion');
          // Scored in the background (the routing worker) just after the desk's first sync, while the pane's first ask
          // may be on its way: the re-ask on the model's change (suggestions-store.ts) brings them. A 90 s wait here
          // once hid that they never came (CI, 1 December); 30 s is for a two-core machine at the end of a suite.
          await expect(buttons.nth(1)).toBeAttached({ timeout: 30_000 });
          await shot(page, screen, id);
          const first = '[data-testid="suggestions"] li:nth-child(1) button.suggestion';
          const checks = [first, '[data-testid="suggestions"] li:nth-child(2) button.suggestion',
            '[data-testid="suggestions"] li:nth-child(2) .keycap'];
          // The first row's key cap (Enter) stands there only when the model is sure; its room is checked either way.
          if (await page.locator(`${first} .keycap`).count() > 0) checks.push(`${first} .keycap`);
          if (await page.locator('[data-testid="suggestions"] li:nth-child(3) .keycap').count() > 0) {
            checks.push('[data-testid="suggestions"] li:nth-child(3) .keycap');
          }
          for (const seen of await page.evaluate(seenOnScreen, checks)) {
            expect(seen, `${id}: ${seen.what} (${seen.at})`).toMatchObject({ inViewport: true, painted: true });
          }
          // No scrolling needed: the text column is still at its top.
          expect(await page.locator('.detail-body').evaluate((el) => el.scrollTop)).toBe(0);
        }

        const names = await page.locator('.route-panel .favorite-name').evaluateAll((els) => els.map((el) => ({
          text: el.textContent ?? '', cut: el.scrollWidth > el.clientWidth, width: `${el.scrollWidth} > ${el.clientWidth}`,
        })));
        expect(names.filter((n) => n.text !== '—').length, 'favourite targets in the legend').toBeGreaterThan(0);
        for (const name of names) expect(name.cut, `«${name.text}» cut: ${name.width}`).toBe(false);
        // The legend stays low on a short window: at 150 % (512 px) its nine keys took five rows and left the text some
        // four lines (trial); three rows of the grid's short names there, the whole names on a tall one.
        const rows = new Set(await page.locator('.route-panel .favorite').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top))));
        expect(rows.size, 'rows of favourite keys').toBe(screen.scale > 1 ? 3 : 5);
        const lines = await page.locator('.detail-body').evaluate((el) => el.clientHeight / parseFloat(getComputedStyle(el.querySelector('.detail-text') ?? el).lineHeight));
        expect(lines, 'lines of the appeal\'s text in view').toBeGreaterThanOrEqual(screen.scale > 1 ? 5.5 : 12);
      } finally {
        await page.context().close();
        await desk.close(); dir.remove();
      }
    });

    test(`${screenLabel(screen)}: a colleague's hold notice covers neither the text, the links, the suggestions nor the route keys`, async ({ browser }) => {
      test.setTimeout(90_000);
      const dirA = tempDir('fitd-a'); const dirB = tempDir('fitd-b');
      const deskA = await startDesk(server, dirA.dir, { login: 'operator2', syncIntervalMs: 60_000 });
      const deskB = await startDesk(server, dirB.dir, { login: 'operator3', syncIntervalMs: 60_000 });
      const a = await openAt(browser, screen, deskA.url);
      try {
        // A holds the appeal with a link and a long text; B lands on it on purpose (held rows sit last, after the oldest
        // free one End goes to: End, then ↓).
        await a.inbox.grid.locator('[role="row"][data-appeal-id="fit-long"]').click();
        await expect(a.inbox.selectedRow).toHaveAttribute('data-hold', 'mine');
        const b = await openAt(browser, screen, deskB.url);
        try {
          await expect(b.inbox.grid.locator('[data-appeal-id="fit-long"]')).toHaveAttribute('data-held-by', /.+/);
          await b.page.keyboard.press('End');
          await b.page.keyboard.press('ArrowDown');
          await expect(b.inbox.selectedRow).toHaveAttribute('data-appeal-id', 'fit-long');
          const notice = b.page.getByTestId('hold-notice');
          await expect(notice).toBeVisible();
          await expect(b.page.getByTestId('suggestions').locator('button.suggestion').nth(1)).toBeAttached();
          await shot(b.page, screen, 'hold');
          const [box] = await rectsOf(b.page, '[data-testid="hold-notice"]');
          expect(box).toBeDefined();
          const under: Record<string, Rect[]> = {
            'the text column': await rectsOf(b.page, '.detail-body'),
            'the links': await rectsOf(b.page, '.detail-attachments li'),
            'the suggestions': await rectsOf(b.page, '[data-testid="suggestions"]'),
            'the route keys': await rectsOf(b.page, ROUTE_KEYS),
            'the selected row': await rectsOf(b.page, '[role="grid"] [role="row"][aria-selected="true"]'),
          };
          for (const [what, rects] of Object.entries(under)) {
            for (const r of rects) expect(overlaps(box as Rect, r), `hold notice over ${what}: ${JSON.stringify({ box, r })}`).toBe(false);
          }
          // On screen, and saying who at least (the rest may be cut with «…» on a narrow pane; whole in its title).
          const [seen] = await b.page.evaluate(seenOnScreen, ['[data-testid="hold-notice"]']);
          expect(seen, `hold notice (${seen?.at ?? ''})`).toMatchObject({ inViewport: true, painted: true });
          const nameShown = await notice.evaluate((el) => {
            const who = el.querySelector('.hold-notice-who')?.getBoundingClientRect();
            const box = el.getBoundingClientRect();
            return who !== undefined && who.width > 0 && who.right <= box.right - 8;
          });
          expect(nameShown, 'the colleague\'s name is not cut').toBe(true);
        } finally {
          await b.page.context().close();
        }
      } finally {
        await a.page.context().close();
        await deskA.close(); await deskB.close(); dirA.remove(); dirB.remove();
      }
    });

    test(`${screenLabel(screen)}: the undo toast covers neither the selected row low in the list, the suggestions nor the route keys`, async ({ browser }) => {
      const dir = tempDir('fitd-u');
      // The undo window (the push delay) long enough for the toast to stay through the whole test.
      const desk = await startDesk(server, dir.dir, { login: 'operator4', pushDelayMs: 15_000 });
      const { page, inbox } = await openAt(browser, screen, desk.url);
      try {
        // The selection low in the grid, where a toast at the list's foot would sit over it.
        await page.keyboard.press('PageDown');
        await inbox.decideWith('Digit1');
        const toast = page.getByTestId('undo-toast');
        await expect(toast).toBeVisible();
        await shot(page, screen, 'undo');
        const [box] = await rectsOf(page, '[data-testid="undo-toast"]');
        expect(box).toBeDefined();
        const under: Record<string, Rect[]> = {
          'the selected row': await rectsOf(page, '[role="grid"] [role="row"][aria-selected="true"]'),
          'the suggestions': await rectsOf(page, '[data-testid="suggestions"]'),
          'the route keys': await rectsOf(page, ROUTE_KEYS),
        };
        expect(under['the selected row']?.length).toBe(1);
        for (const [what, rects] of Object.entries(under)) {
          for (const r of rects) expect(overlaps(box as Rect, r), `undo toast over ${what}: ${JSON.stringify({ box, r })}`).toBe(false);
        }
        // Moving the selection up and down under it: it keeps clear of the row as the row moves.
        for (const key of ['PageUp', 'End']) {
          await page.keyboard.press(key);
          await expect(toast).toBeVisible();
          await expect.poll(async () => {
            const [t] = await rectsOf(page, '[data-testid="undo-toast"]');
            const [row] = await rectsOf(page, '[role="grid"] [role="row"][aria-selected="true"]');
            return t !== undefined && row !== undefined && !overlaps(t, row);
          }, { message: `undo toast over the selected row after ${key}`, timeout: 2_000 }).toBe(true);
        }
      } finally {
        await page.context().close();
        await desk.close(); dir.remove();
      }
    });
  });
}
