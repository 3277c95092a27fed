/// <reference lib="dom" />
// Labels a QA trial found cut or hidden at 1366×768, at 100 % and at 150 % (a 911×512 CSS-pixel window drawn at device
// scale 1.5) — 125 % checked too — measured on the painted page against a real server and real desks. Each must be read whole — no «…»,
// nothing clipped by its box or an ancestor's, nothing dropped — since an operator works by keyboard all day and has
// no pointer to hover a tooltip:
//  1. the action bar under the detail pane («Другой адресат», «Отклонить», «Отменить», «Раскрыть группу») with their
//     keys, in the inbox and in the search results;
//  2. the note that a colleague is looking at the appeal («Смотрит …» in the detail header, «смотрит …» on its row);
//  3. «Отозвано автором» on the row and its banner, the banner compact enough that the appeal's text starts on screen;
//  4. «В смене …» in the status bar while an alert is shown there, and the alert itself; a notice there too (a route's
//     «Направлено: …», a key that did nothing) — at 150 % it was one glyph wide, «Э» or «Н», beside the shift's names;
//  5. the lead's «Смена сейчас»: «Старший смены — …» and each member's role line;
//  6. a ministry's name in the rows' «Предложение» column.
// H41_SHOTS=folder/prefix also writes a screenshot of each state (e.g. H41_SHOTS=/tmp/h41/after).
import { test, expect, type Page } from '@playwright/test';
import { pageOptionsFor, screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import { platformPayload, postAsPlatform, startConnectorStack, VK_COMMUNITY, VK_GROUP_ID, VK_SECRET, vkCallbackUrl } from './connector-stack.js';
import { officeShot, openAt } from './office-page.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [1, 1.25, 1.5].map((scale) => ({ width: 1366, height: 768, scale }));
const SHOTS = process.env.H41_SHOTS;
const shot = (page: Page, screen: OfficeScreen, what: string): Promise<void> => officeShot(SHOTS, page, screen, what, { settle: true });

interface Cut { what: string; text: string; how: string }

/**
 * Run in the page. For each [name, selector]: `missing` names those with no visible match; `cuts` lists every visible
 * match, or element inside one, whose text is cut — its content wider or taller than its box while the box clips
 * (ellipsis, line clamp, overflow hidden), or its box reaching past a clipping ancestor's (a badge cut at its cell's
 * edge, an item pushed out of the status bar). Screen-reader-only copies (.visually-hidden) are meant to be clipped.
 */
function findCuts(groups: Array<[string, string]>): { missing: string[]; cuts: Cut[] } {
  const missing: string[] = [];
  const cuts: Cut[] = [];
  const visible = (el: Element): boolean => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const clips = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return style.overflowX !== 'visible' || style.overflowY !== 'visible';
  };
  const scrolls = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(style.overflowY);
  };
  for (const [name, selector] of groups) {
    const found = Array.from(document.querySelectorAll(selector)).filter(visible);
    if (found.length === 0) missing.push(name);
    for (const root of found) {
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        if (!(el instanceof HTMLElement) || el.closest('.visually-hidden') !== null || !visible(el)) continue;
        const text = (el.textContent ?? '').trim();
        if (text === '') continue;
        if (clips(el) && !scrolls(el) && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
          cuts.push({ what: name, text, how: `content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight} (${el.className})` });
          continue;
        }
        const box = el.getBoundingClientRect();
        for (let up = el.parentElement; up !== null && !scrolls(up); up = up.parentElement) {
          if (!clips(up)) continue;
          const outer = up.getBoundingClientRect();
          const left = outer.left + up.clientLeft;
          const top = outer.top + up.clientTop;
          if (box.left < left - 1 || box.right > left + up.clientWidth + 1 || box.top < top - 1 || box.bottom > top + up.clientHeight + 1) {
            cuts.push({ what: name, text, how: `box ${box.left.toFixed(1)}–${box.right.toFixed(1)} × ${box.top.toFixed(1)}–${box.bottom.toFixed(1)} `
              + `past ${up.className} ${left.toFixed(1)}–${(left + up.clientWidth).toFixed(1)} × ${top.toFixed(1)}–${(top + up.clientHeight).toFixed(1)}` });
            break;
          }
        }
      }
    }
  }
  // Each element once: a cut label inside a cut button is one finding per element, which is what the report wants.
  return { missing, cuts };
}

async function expectWhole(page: Page, where: string, groups: Record<string, string>): Promise<void> {
  const { missing, cuts } = await page.evaluate(findCuts, Object.entries(groups));
  expect.soft(missing, `${where}: shown`).toEqual([]);
  expect.soft(cuts.map((c) => `${c.what} «${c.text.slice(0, 80)}»: ${c.how}`), `${where}: cut`).toEqual([]);
}

/** The action bar's buttons, each with its key and its label. */
const ACTION_BAR = {
  'action buttons': '.route-actions .btn',
  'action keys': '.route-actions .keycaps',
  'action labels': '.route-actions .btn-label',
};

/** The status bar's items an alert must leave whole (the presence of the shift, the queue, the sync state). */
const STATUS_WITH_ALERT = {
  alert: '.status-bar [data-testid="status-alert"]',
  'shift presence': '.status-bar [data-testid="team-presence"]',
  'waiting count': '.status-bar [data-testid="waiting-count"]',
  'sync state': '.status-bar [data-testid="sync-status"]',
};

/** The status bar's items a notice must leave whole, and the notice itself. */
const STATUS_WITH_NOTICE = {
  notice: '.status-bar .status-notice',
  'shift presence': '.status-bar [data-testid="team-presence"]',
  'waiting count': '.status-bar [data-testid="waiting-count"]',
  'sync state': '.status-bar [data-testid="sync-status"]',
};

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('fit-labels-srv');
  server = new ServerUnderTest(serverDir.dir, 120);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

for (const screen of SCREENS) {
  test(`${screenLabel(screen)}: every action of the action bar shows its key and its whole label, in the inbox and in search`, async ({ browser }) => {
    const dir = tempDir('fit-labels-a');
    const desk = await startDesk(server, dir.dir, { login: 'operator1' });
    const { page } = await openAt(browser, screen, desk.url);
    try {
      const actions = page.locator('.route-actions .btn');
      await expect(actions).toHaveCount(4);
      await expect(actions.nth(0)).toContainText('Другой адресат');
      await expect(actions.nth(1)).toContainText('Отклонить');
      await expect(actions.nth(2)).toContainText('Отменить');
      await expect(actions.nth(3)).toContainText('группу');
      await shot(page, screen, 'actions-inbox');
      await expectWhole(page, `${screenLabel(screen)} inbox`, ACTION_BAR);
      // The rows' «Предложение»: a ministry's name whole (it was «Мин…» beside its bar at 150 %).
      await expect(page.locator('.top-suggestion[data-kind="ministry"] .top-suggestion-name').first()).toBeVisible({ timeout: 30_000 });
      // And the city's «Мэрия» (it read «Мэрия Ново…» at 150 %), the districts and the towns, whichever are on screen.
      await expectWhole(page, `${screenLabel(screen)} suggestion column`, {
        'suggested ministry': '.top-suggestion[data-kind="ministry"] .top-suggestion-name',
        'suggested municipality': '.top-suggestion[data-kind="municipality"] .top-suggestion-name',
      });

      await page.keyboard.press('Control+KeyF');
      await page.getByTestId('search-box').fill('двор');
      await expect(page.getByRole('grid', { name: 'Результаты поиска' }).locator('[role="row"][aria-selected="true"]')).toHaveCount(1);
      await expect(page.locator('.route-actions .btn')).toHaveCount(3);
      await shot(page, screen, 'actions-search');
      await expectWhole(page, `${screenLabel(screen)} search`, ACTION_BAR);
    } finally {
      await page.context().close();
      await desk.close(); dir.remove();
    }
  });

  test(`${screenLabel(screen)}: a colleague's hold is read whole, and «В смене» stays beside an alert`, async ({ browser }) => {
    test.setTimeout(120_000);
    const dirA = tempDir('fit-labels-ha'); const dirB = tempDir('fit-labels-hb');
    // Both desks hear colleagues through the live channel; A's page is the default window, B's the office screen.
    const deskA = await startDesk(server, dirA.dir, { login: 'operator3' });
    const deskB = await startDesk(server, dirB.dir, { login: 'operator4' });
    const pageA = await browser.newPage();
    let pageB: Page | undefined;
    try {
      const a = new InboxPage(pageA);
      await a.open(deskA.url);
      await expect(a.selectedRow).toHaveAttribute('data-hold', 'mine');
      const heldByA = await a.selectedId();
      const opened = await openAt(browser, screen, deskB.url);
      pageB = opened.page;
      const b = opened.inbox;
      await expect(b.selectedRow).toHaveAttribute('data-hold', 'mine');
      // End is the oldest free appeal; A's held one sits after it (opened on purpose, one ↓ further).
      await pageB.keyboard.press('End');
      await pageB.keyboard.press('ArrowDown');
      await expect(b.selectedRow).toHaveAttribute('data-appeal-id', heldByA);
      await expect(b.selectedRow).toHaveAttribute('data-held-by', /.+/);
      await expect(pageB.getByTestId('hold-notice')).toContainText('Смотрит');
      await expect(pageB.getByTestId('team-presence')).toHaveAttribute('data-online', /^[2-9]/);
      await shot(pageB, screen, 'hold');
      await expectWhole(pageB, `${screenLabel(screen)} hold`, {
        'hold notice': '[data-testid="appeal-detail"] [data-testid="hold-notice"]',
        'held row badge': '[role="row"][aria-selected="true"] [data-testid="held-badge"]',
        'shift presence': '.status-bar [data-testid="team-presence"]',
      });

      // The first key on a held appeal only warns, in the status bar: the alert and «В смене» both whole.
      await pageB.keyboard.press('Digit2');
      await expect(pageB.getByRole('alert')).toContainText('Нажмите ту же клавишу ещё раз');
      await shot(pageB, screen, 'hold-alert');
      await expectWhole(pageB, `${screenLabel(screen)} hold alert`, STATUS_WITH_ALERT);
      await pageB.keyboard.press('Escape');
      await expect(pageB.getByRole('alert')).toHaveCount(0);

      // A short alert on an appeal of one's own (V on one with no photos): the same.
      await pageB.keyboard.press('Home');
      await expect(b.selectedRow).toHaveAttribute('data-hold', 'mine');
      await expect(pageB.getByTestId('appeal-detail').locator('.detail-text:not(.loading)')).toHaveCount(1);
      const photos = await pageB.locator('[data-testid="appeal-detail"] .photo-thumb').count();
      if (photos === 0) {
        await pageB.keyboard.press('KeyV');
        await expect(pageB.getByRole('alert')).toContainText('нет фото');
        await shot(pageB, screen, 'photo-alert');
        await expectWhole(pageB, `${screenLabel(screen)} photo alert`, STATUS_WITH_ALERT);
        await pageB.keyboard.press('Escape');
        await expect(pageB.getByRole('alert')).toHaveCount(0);
      }

      // A notice in the same line beside two people online: a long one (a key that did nothing, as long as «Это
      // обращение уже смотрит Анна П. — выбрано следующее»), then a route's «Направлено: …».
      const notice = pageB.locator('.status-bar .status-notice');
      await pageB.keyboard.press('Shift+KeyX');
      await expect(notice).toContainText('Автор не отзывал это обращение');
      await shot(pageB, screen, 'notice-info');
      await expectWhole(pageB, `${screenLabel(screen)} info notice`, STATUS_WITH_NOTICE);
      await pageB.keyboard.press('Digit1');
      await expect(notice).toContainText('Направлено: ');
      await shot(pageB, screen, 'notice-routed');
      await expectWhole(pageB, `${screenLabel(screen)} route notice`, STATUS_WITH_NOTICE);
    } finally {
      await pageA.close();
      await pageB?.context().close();
      await deskA.close(); await deskB.close();
      dirA.remove(); dirB.remove();
    }
  });

  test(`${screenLabel(screen)}: the lead's «Смена сейчас» names each member and role whole`, async ({ browser }) => {
    const dir = tempDir('fit-labels-l');
    const desk = await startDesk(server, dir.dir, { login: 'lead' });
    const { page } = await openAt(browser, screen, desk.url);
    try {
      await page.keyboard.press('Control+Digit2');
      const shift = page.getByTestId('shift-now');
      await expect(shift.getByTestId('shift-member-u-lead')).toContainText('Старший смены');
      // By its key, as the lead gets there (office-fit-lead.spec.ts walks a full shift).
      await page.keyboard.press('KeyS');
      await expect(shift.getByTestId('shift-member-u-lead')).toHaveAttribute('aria-selected', 'true');
      await expect(shift.getByTestId('shift-member-u-lead')).toBeInViewport({ ratio: 0.99 });
      // The queues come from their own call: «Смена сейчас» could be drawn before them (two runs of seventy, loaded).
      await expect(page.locator('.queue-label-name').first()).toBeVisible();
      await shot(page, screen, 'shift-now');
      await expectWhole(page, `${screenLabel(screen)} shift now`, {
        'members': '[data-testid="shift-now"] .member-name',
        'roles': '[data-testid="shift-now"] .member-meta',
        'headers': '[data-testid="shift-now"] th',
        'title': '[data-testid="shift-now"] h2',
        // «Оператор 1 — Анна Пе…» was cut at 150 % (trial): the queues' names wrap.
        'queue names': '.queue-label-name',
      });
    } finally {
      await page.context().close();
      await desk.close(); dir.remove();
    }
  });

  test(`${screenLabel(screen)}: «Отозвано автором» is whole on the row and in a compact banner, the text starting on screen`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
    const page = await context.newPage();
    const appealId = `vk:${VK_GROUP_ID}:wall:3301:4512`;
    const vk = (name: string) => ({ ...platformPayload<Record<string, unknown> & { object: Record<string, unknown> }>('vk', name), secret: VK_SECRET });
    // A comment its author deleted before the desk started (the desk's first pull brings it marked), among others.
    const stack = await startConnectorStack(page, { vk: [VK_COMMUNITY] }, { demo: 0, beforeDesk: async (running) => {
      await running.ingest(['Бердске на улице Ленина нет горячей воды', 'Искитиме не вывозят мусор вторую неделю',
        'Оби на остановке разбито стекло'].map((text, i) => ({
        id: `ok-fit-${i}`, source: 'ok', channel: { name: 'Бердск', url: 'https://ok.ru/group/1' }, author: { name: 'Мария С.' },
        text: `В ${text}`, attachments: [], receivedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString() })));
      const comment = vk('wall_reply_new');
      comment.object = { ...comment.object, date: Math.floor(Date.now() / 1000) };
      await postAsPlatform(vkCallbackUrl(running), comment);
      await postAsPlatform(vkCallbackUrl(running), vk('wall_reply_delete'));
    } });
    try {
      const { inbox } = stack;
      await page.keyboard.press('Home');
      await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', appealId);
      const banner = page.getByTestId('withdrawn-banner');
      await expect(banner).toContainText('Отозвано автором');
      await expect(page.getByTestId('appeal-detail').locator('.detail-text:not(.loading)')).toHaveCount(1);
      await shot(page, screen, 'withdrawn');
      await expectWhole(page, `${screenLabel(screen)} withdrawn`, {
        'row mark': '[role="row"][aria-selected="true"] [data-testid="withdrawn-badge"]',
        banner: '[data-testid="withdrawn-banner"]',
      });
      // Compact: the appeal's text starts on screen, at least two of its lines above the pane's foot (three at 100 %).
      const room = await page.evaluate(() => {
        const body = document.querySelector('[data-testid="appeal-detail"] .detail-body');
        const text = body?.querySelector('.detail-text');
        const bannerEl = document.querySelector('[data-testid="withdrawn-banner"]');
        if (!body || !text || !bannerEl) return null;
        const line = parseFloat(getComputedStyle(text).lineHeight);
        return { textTop: text.getBoundingClientRect().top, bodyBottom: body.getBoundingClientRect().bottom, line,
          viewport: window.innerHeight, bannerHeight: bannerEl.getBoundingClientRect().height };
      });
      expect(room).not.toBeNull();
      const r = room as NonNullable<typeof room>;
      const lines = screen.scale === 1 ? 3 : 2;
      expect(r.textTop + lines * r.line, `${lines} lines of text on screen ${JSON.stringify(r)}`)
        .toBeLessThanOrEqual(Math.min(r.bodyBottom, r.viewport) + 0.5);
      // One line (20 px, its padding and border).
      expect(r.bannerHeight, `banner height ${JSON.stringify(r)}`).toBeLessThanOrEqual(27);
    } finally {
      await stack.close();
      await context.close();
    }
  });
}
