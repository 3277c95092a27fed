/// <reference lib="dom" />
// «No layout jumps» (#13 item 9), keyboard only, at 1366×768 at 100 % and at 150 % (a 911×512 CSS-pixel window):
// moving the selection, a quiet notice in the status bar and a conflict notice arriving leave the grid, the appeal
// text and the status bar where they were; the status bar is the window's last line on every section, at the same
// place; a long status-bar notice takes a second line of the bar (and «…» only past that) and says itself whole in its
// tooltip.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { pageOptionsFor, screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import type { Harness } from '../harness/start-harness.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];
const LEAD_SECTIONS = ['inbox', 'queues', 'stats', 'search', 'conflicts', 'sync-log'] as const;
/** Each section's title: the folded tab menu (150 %) names the current one by it. */
const TITLES: Readonly<Record<(typeof LEAD_SECTIONS)[number], string>> = {
  inbox: 'Входящие', queues: 'Очереди', stats: 'Статистика', search: 'Поиск', conflicts: 'Конфликты',
  'sync-log': 'Журнал синхронизации',
};

interface Box { x: number; y: number; width: number; height: number }
type Boxes = Record<string, Box | null>;

/** Where the grid, the appeal text and the status bar are painted now (rounded to the CSS pixel). */
async function boxes(page: Page): Promise<Boxes> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const at = (selector: string) => {
      const el = document.querySelector(selector);
      if (el === null) return null;
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    };
    return { grid: at('[role="grid"]'), text: at('.detail-body'), statusBar: at('.status-bar') };
  });
}

async function openAt(browser: Browser, screen: OfficeScreen, desk: Harness): Promise<{ page: Page; inbox: InboxPage }> {
  const context = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  const page = await context.newPage();
  const inbox = new InboxPage(page);
  await inbox.open(desk.url);
  return { page, inbox };
}

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('layout-srv');
  server = new ServerUnderTest(serverDir.dir, 200);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

for (const screen of SCREENS) {
  test(`${screenLabel(screen)}: selection, notices and sections leave the grid, the text and the status bar in place`, async ({ browser }) => {
    test.setTimeout(150_000);
    const dirA = tempDir('layout-a'); const dirB = tempDir('layout-b');
    // A is the desk under test (a shift lead: every section); B decides the same appeal first, for a conflict.
    const deskA = await startDesk(server, dirA.dir, { login: 'lead' });
    const deskB = await startDesk(server, dirB.dir, { login: 'operator4' });
    const { page, inbox } = await openAt(browser, screen, deskA);
    try {
      const viewport = page.viewportSize();
      expect(viewport).not.toBeNull();
      await expect(page.locator('.detail-body')).toBeVisible();
      const start = await boxes(page);
      expect(start.grid).not.toBeNull();
      expect(start.text).not.toBeNull();
      // The status bar is the window's last line.
      expect((start.statusBar?.y ?? 0) + (start.statusBar?.height ?? 0)).toBe(viewport?.height);

      // Moving the selection: nothing moves.
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('ArrowDown');
        expect(await boxes(page), `after ↓ ×${i + 1}`).toEqual(start);
      }

      // A decision: the undo toast floats, the status bar's notice fits its line; nothing moves.
      await inbox.decideWith('Digit1');
      await expect(page.locator('.status-notice')).toBeVisible();
      expect(await boxes(page)).toEqual(start);
      // A notice longer than its room wraps to a second line inside the bar, «…» only past that, whole in its tooltip.
      const notice = page.locator('.status-notice');
      const cut = await notice.evaluate((el) => ({
        lines: getComputedStyle(el).webkitLineClamp, title: el.getAttribute('title'), text: el.textContent,
        inBar: el.getBoundingClientRect().height <= (el.parentElement?.clientHeight ?? 0),
        barFits: (el.parentElement?.scrollWidth ?? 0) <= (el.parentElement?.clientWidth ?? 0) + 1,
      }));
      expect(cut.title).toBe(cut.text);
      expect(cut.lines).toBe('2');
      expect(cut.inBar).toBe(true);
      expect(cut.barFits).toBe(true);

      // A conflict notice: offline, A and B both decide the first appeal; B reaches the server first, then A syncs.
      const contested = await inbox.selectedId();
      await server.stop();
      await inbox.offTeamChannelAtFirst();
      const before = await boxes(page);
      const decided = await inbox.decideWith('Digit2');
      const routed = await deskB.core.call('appeals.route', { appealId: decided, targetId: 'mingkh' });
      expect(routed.ok).toBe(true);
      // A's retries back off meanwhile (1 s, 2 s, 4 s…, ±25 %): once A's next one is seconds away, B, asked at once,
      // is first when the server is back (a fixed 3 s wait raced A's jittered retry on a loaded machine).
      await expect.poll(async () => {
        const status = await deskA.core.call('sync.status', {});
        const next = status.ok ? (status.value as { nextRetryAt?: string | null }).nextRetryAt : null;
        return next ? Date.parse(next) - Date.now() : 0;
      }, { timeout: 60_000 }).toBeGreaterThan(4_000);
      await server.start();
      await deskB.core.call('sync.now', {});
      await server.expectAppeals({ [decided]: { status: 'routed', targetId: 'mingkh' } });
      await deskA.core.call('sync.now', {});
      await expect(page.locator('[data-conflict-id]')).toHaveCount(1, { timeout: 30_000 });
      // The notice takes its room at the list's foot, under the grid: the appeal's text and the status bar stay put,
      // and so does the grid's top (it ends higher, the selected row still in view).
      const withNotice = await boxes(page);
      expect({ ...withNotice, grid: { ...withNotice.grid, height: 0 } }, `conflict notice for ${decided} (first selected ${contested})`)
        .toEqual({ ...before, grid: { ...before.grid, height: 0 } });
      // It is under the grid, inside the list's column: over no row and not over the detail pane.
      const banner = await page.locator('.notice-layer').boundingBox();
      const grid = withNotice.grid ?? null;
      expect(banner !== null && grid !== null && banner.y >= grid.y + grid.height - 1 && banner.x + banner.width <= grid.x + grid.width + 1,
        `notice ${JSON.stringify(banner)} grid ${JSON.stringify(grid)}`).toBe(true);
      const row = await inbox.selectedRow.boundingBox();
      expect(row !== null && grid !== null && row.y + row.height <= grid.y + grid.height + 1).toBe(true);
      // Trial: floating over the detail pane's top it hid the source, the author and the text's first lines of every
      // appeal read until D. On each appeal the operator moves to, the header's source and author and the text's first
      // line are the topmost thing where they are painted, inside the text's visible column.
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('ArrowDown');
        const id = await inbox.selectedId();
        await expect(page.locator(`[data-testid="appeal-detail"][data-appeal-id="${id}"]:not([aria-busy])`)).toHaveCount(1);
        const covered = await page.evaluate(() => {
          const detail = document.querySelector('[data-testid="appeal-detail"]');
          const body = detail?.querySelector('.detail-body')?.getBoundingClientRect();
          const text = detail?.querySelector('.detail-shown .detail-text');
          const parts: [string, Element | null | undefined][] = [
            ['source', detail?.querySelector('.detail-source-name')],
            // The author's name itself (the item starts with a visually hidden «Автор: »).
            ['author', detail?.querySelectorAll('.detail-meta-item')[1]?.children[1]],
            ['text', text],
          ];
          const out: string[] = [];
          for (const [name, el] of parts) {
            if (!el || !body) { out.push(`${name}: missing`); continue; }
            const range = document.createRange();
            range.selectNodeContents(el);
            const line = range.getClientRects()[0] ?? el.getBoundingClientRect();
            const y = line.top + Math.min(line.height, 18) / 2;
            for (const x of [line.left + 3, line.left + Math.min(line.width, 200) - 3]) {
              const hit = document.elementFromPoint(x, y);
              if (!hit || !el.contains(hit)) out.push(`${name} at ${Math.round(x)},${Math.round(y)} under ${hit?.className ?? 'nothing'}`);
            }
            if (name === 'text' && line.top + Math.min(line.height, 18) > body.bottom) out.push('text: first line below the column');
          }
          return out;
        });
        expect(covered, `appeal ${id} with a conflict waiting`).toEqual([]);
      }
      // Another section: no notice over its table (trial: they covered the sync log) and no «D Понятно» (D is the
      // inbox's); the «Конфликты» tab counts it.
      await page.keyboard.press(`Control+Digit${LEAD_SECTIONS.indexOf('sync-log') + 1}`);
      await expect(page.locator(`.view-tab[data-view="sync-log"][aria-selected="true"], `
        + `.view-menu-current:text-is("${TITLES['sync-log']}")`)).toHaveCount(1);
      await expect(page.locator('[data-conflict-id]')).toHaveCount(0);
      await expect(page.getByTestId('conflicts-count')).toHaveText('1');
      await expect(page.getByTestId('conflicts-count')).toHaveAttribute('aria-label', '1 конфликт');
      await page.keyboard.press('Control+Digit1');
      await expect(page.locator('[data-conflict-id]')).toHaveCount(1);
      await page.keyboard.press('KeyD');
      await expect(page.locator('[data-conflict-id]')).toHaveCount(0);
      await expect(page.getByTestId('conflicts-count')).toHaveCount(0);
      expect(await boxes(page)).toEqual(before);
      expect(await page.locator('.notice-layer').count()).toBe(1); // present, empty: display none

      // Every section: the status bar stays the window's last line, at the same place.
      for (const [i, section] of LEAD_SECTIONS.entries()) {
        await page.keyboard.press(`Control+Digit${i + 1}`);
        await expect(page.locator(`.view-tab[data-view="${section}"][aria-selected="true"], `
          + `.view-menu-current:text-is("${TITLES[section]}")`)).toHaveCount(1);
        const now = await boxes(page);
        expect(now.statusBar, `status bar on ${section}`).toEqual(start.statusBar);
      }
    } finally {
      await page.context().close();
      await deskA.close(); await deskB.close();
      dirA.remove(); dirB.remove();
    }
  });
}
