/// <reference lib="dom" />
// «Поиск»: a Russian query typed with «е» finds texts written with «ё», ranked; a source filter set from the
// keyboard narrows the hits; Enter moves into the results, a digit routes the selected one (the server gets it),
// a routed result refuses an operator's re-decision; Ctrl+S saves the search, and after a reload Ctrl+O applies it.
import { test, expect } from '@playwright/test';
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { InboxPage, searchIntoResults, ServerUnderTest, startDesk, tempDir } from './stack.js';

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();
const channel = (name: string) => ({ name, url: 'https://vk.com/club1' });

test.beforeAll(async () => {
  serverDir = tempDir('srv');
  server = new ServerUnderTest(serverDir.dir, 40);
  await server.start();
  await server.ingest([
    { id: 'search-a', source: 'vk', channel: channel('Мэрия Новосибирска'), author: { name: 'Ирина Соколова' },
      text: 'Ёлочная гирлянда на площади не горит, ёлочная гирлянда у школы тоже, ёлочные игрушки сорваны.',
      attachments: [], receivedAt: minutesAgo(30) },
    { id: 'search-b', source: 'telegram', channel: channel('Минтранс НСО'), author: { name: 'Пётр Ломов' },
      text: 'Просим убрать старую ёлку со двора на ул. Лесной: ёлочная гирлянда валяется у подъезда уже месяц, '
        + 'дети играют рядом, а управляющая компания не отвечает ни на звонки, ни на письма, ни на заявки в приложении.',
      attachments: [], receivedAt: minutesAgo(20) },
    { id: 'search-c', source: 'ok', channel: channel('Правительство НСО'), author: { name: 'Анна Белова' },
      text: 'Почему на елочном базаре у рынка нет ни света, ни охраны, вечером там страшно ходить с детьми, '
        + 'прошу разобраться и навести порядок до праздников.',
      attachments: [], receivedAt: minutesAgo(10) },
  ]);
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

test('search with ё/е, ranked hits, a keyboard filter, routing a result, and a saved view after a reload', async ({ page }) => {
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator1' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(inbox.status).toHaveAttribute('data-pending', '0');

    // Ctrl+F from the inbox opens the section with the box focused and the empty state shown.
    await page.keyboard.press('Control+KeyF');
    const box = page.getByTestId('search-box');
    await expect(box).toBeFocused();
    await expect(page.getByTestId('search-empty')).toBeVisible();

    // Typed with «е»: the texts say «ёлочная», «ёлочные», and one «елочном».
    await page.keyboard.type('елочн');
    const summary = page.getByTestId('search-summary');
    await expect(summary).toHaveAttribute('data-phase', 'ready');
    await expect(summary).toHaveAttribute('data-total', '3');
    await expect(summary).toContainText('3 обращения');
    await expect(page.getByTestId('search-took')).toHaveText(/· (\d+|<1) мс/);
    const grid = page.getByRole('grid', { name: 'Результаты поиска' });
    const rows = grid.locator('[role="row"][data-appeal-id]');
    await expect(rows).toHaveCount(3);
    // Three mentions in a short text rank above one mention in a long one.
    await expect(rows.first()).toHaveAttribute('data-appeal-id', 'search-a');
    await expect(rows.first().locator('mark').first()).toHaveText('Ёлочная');
    // A mark past the cut is not painted (trial: an empty yellow box after «…»): each lies inside its cell or wholly
    // below its one line, on the lines the cell clips; and some do (the texts are longer than the column).
    const marks = await rows.evaluateAll((els) => els.flatMap((row) => {
      const cell = row.querySelector('.cell-excerpt')?.getBoundingClientRect();
      return cell === undefined ? [] : Array.from(row.querySelectorAll('.cell-excerpt mark')).map((mark) => {
        const r = mark.getBoundingClientRect();
        const inside = r.left >= cell.left - 0.5 && r.right <= cell.right + 0.5 && r.bottom <= cell.bottom + 0.5;
        return { text: mark.textContent, where: inside ? 'inside' : r.top >= cell.bottom - 0.5 ? 'clipped' : 'cut' };
      });
    }));
    expect(marks.filter((m) => m.where === 'cut')).toEqual([]);
    expect(marks.some((m) => m.where === 'clipped'), JSON.stringify(marks)).toBe(true);

    // A filter from the keyboard: focus the Telegram toggle, Space.
    await page.locator('button[data-source="telegram"]').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('button[data-source="telegram"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(summary).toHaveAttribute('data-total', '1');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-appeal-id', 'search-b');

    // Back to the box, Enter moves into the results; the selected one is in the detail pane.
    await box.focus();
    await page.keyboard.press('Enter');
    await expect(grid).toBeFocused();
    await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('data-appeal-id', 'search-b');
    await expect(page.getByTestId('appeal-detail')).toHaveAttribute('data-appeal-id', 'search-b');
    await expect(page.getByTestId('appeal-detail')).toContainText('управляющая компания');

    // Shift+Tab steps back from the results through the filters, one at a time, and stays there (it jumped to the box,
    // trial of 4 December); Tab comes back to the results.
    await page.keyboard.press('Shift+Tab');
    const reset = page.getByRole('button', { name: 'Сбросить фильтры' });
    await expect(reset).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    const overdue = page.getByRole('checkbox', { name: 'Просрочено' });
    await expect(overdue).toBeFocused();
    await page.waitForTimeout(200); // the focus must stay, not be taken back by the box a frame later
    await expect(overdue).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(reset).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(grid).toBeFocused();

    // A digit routes the waiting result to the favourite in slot 1; the row stays, showing where it went.
    await page.keyboard.press('Digit1');
    await expect(rows.first().locator('.result-status')).toHaveText(/^→ /);
    const onServer = (await server.expectAppeals({ 'search-b': { status: 'routed' } })).get('search-b');
    expect(onServer?.targetId).toBeTruthy();
    await expect(page.getByTestId('result-standing')).toContainText('Направлено');

    // Decided now: the route panel says before any key that an operator's desk does not change it, and a second
    // decision's key answers with that reason (not an error), the key sent nowhere.
    const ownReason = 'Решение принято вами: изменить решение может старший смены';
    await expect(page.getByTestId('route-refusal')).toHaveText('Изменить решение может старший смены');
    await page.keyboard.press('Digit2');
    await expect(page.locator('.status-notice')).toHaveText(ownReason);
    await expect(page.getByRole('alert').filter({ hasText: 'Решение не сохранено' })).toHaveCount(0);
    await expect(rows.first().locator('.result-status')).toHaveText(/^→ /);

    // Esc goes back to the box; Ctrl+S saves the search with its filter under a name.
    await page.keyboard.press('Escape');
    await expect(box).toBeFocused();
    await page.keyboard.press('Control+KeyS');
    const name = page.getByLabel('Название сохранённого поиска');
    await expect(name).toBeFocused();
    await name.fill('Ёлки в Telegram');
    await page.keyboard.press('Enter');
    await expect(name).toHaveCount(0);
    // Saved again under another name: no second entry (one is listed below), the notice names the first.
    await page.keyboard.press('Control+KeyS');
    // The name offered (the words) is selected: typing replaces it.
    await expect(name).toBeFocused();
    await expect(name).not.toHaveValue('');
    await page.keyboard.type('Гирлянды');
    await expect(name).toHaveValue('Гирлянды');
    await page.keyboard.press('Enter');
    await expect(page.locator('.status-notice')).toHaveText('Этот поиск уже сохранён как «Ёлки в Telegram»');

    // Restart the page: the section starts empty; Ctrl+O lists the saved search, its digit applies it.
    await page.reload();
    await expect(inbox.selectedRow).toHaveCount(1);
    await page.keyboard.press('Control+KeyF');
    await expect(box).toBeFocused();
    await expect(box).toHaveValue('');
    await page.keyboard.press('Control+KeyO');
    const saved = page.getByRole('listbox', { name: 'Сохранённые поиски' }).getByRole('option');
    await expect(saved).toHaveCount(1);
    await expect(saved.first()).toContainText('Ёлки в Telegram');
    await expect(saved.first()).toContainText('Telegram');
    await page.keyboard.press('Digit1');
    await expect(box).toHaveValue('елочн');
    await expect(page.locator('button[data-source="telegram"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(summary).toHaveAttribute('data-total', '1');
    await expect(rows.first()).toHaveAttribute('data-appeal-id', 'search-b');
    await expect(rows.first().locator('.result-status')).toHaveText(/^→ /);
  } finally {
    await desk.close();
    dir.remove();
  }
});

test('a result a colleague decided: an operator\'s route panel says who and that the lead changes it, its keys answer so; a lead re-decides', async ({ browser }) => {
  // Trial: a decided appeal showed «НАПРАВИТЬ» as ready, and «1» came back red «Решение не сохранено: …».
  await server.ingest([{ id: 'search-decided', source: 'vk', channel: channel('Минтранс НСО'), author: { name: 'Олег Рябов' },
    text: 'Снегоуборочная техника не выезжала на улицу Кедровую третьи сутки.', attachments: [], receivedAt: minutesAgo(5) }]);
  const before = (await server.allAppeals()).get('search-decided');
  const decided = await fetch(`${server.url}${API_PREFIX}/mutations`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await server.token('operator3')}` },
    body: JSON.stringify({ mutations: [{ id: '01E2ESEARCHDECIDED0000000001', appealId: 'search-decided', baseVersion: before?.version,
      createdAt: new Date().toISOString(), type: 'route', targetId: 'mintrans' }] }),
  });
  expect(decided.status).toBe(200);
  await server.expectAppeals({ 'search-decided': { status: 'routed', targetId: 'mintrans' } });

  // The operator's desk on a 1366×768 screen at 150 %, where the panel's line must be whole.
  const open = async (login: string, office = false) => {
    const page = await browser.newPage(office ? { viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5 } : {});
    const dir = tempDir('desk');
    const desk = await startDesk(server, dir.dir, { login, pushDelayMs: 300 });
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-pending', '0', { timeout: 30_000 });
    const results = await searchIntoResults(page, 'снегоуборочная кедровую', 1);
    await expect(results.locator('[aria-selected="true"]')).toHaveAttribute('data-appeal-id', 'search-decided');
    await expect(page.getByTestId('result-standing')).toContainText('Екатерина Волкова');
    return { page, close: async () => { await page.close(); await desk.close(); dir.remove(); } };
  };

  const operator = await open('operator1', true);
  try {
    const { page } = operator;
    const reason = 'Решение принял(а) Екатерина В.: изменить решение может старший смены';
    const panel = page.getByRole('region', { name: 'Направить' });
    await expect(page.getByTestId('route-refusal')).toHaveText('Изменить решение может старший смены');
    // Whole, not cut by its ellipsis (the line that named who decided too was «…: измени…» here).
    expect(await page.getByTestId('route-refusal').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(panel).toHaveAttribute('data-refused', 'true');
    await expect(panel.locator('button[data-slot="1"]')).toBeDisabled();
    // Each decision key answers with the same line, quietly; nothing is stored or sent, no dialog opens.
    await page.keyboard.press('Digit1');
    await expect(page.locator('.status-notice')).toHaveText(reason);
    await expect(page.locator('.status-notice')).toHaveAttribute('data-tone', 'info');
    await page.keyboard.press('Slash');
    await page.keyboard.press('KeyX');
    await expect(page.locator('.status-notice')).toHaveText(reason);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: 'Решение не сохранено' })).toHaveCount(0);
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
    expect((await server.allAppeals()).get('search-decided')).toMatchObject({ status: 'routed', targetId: 'mintrans' });
  } finally {
    await operator.close();
  }

  // The lead's desk: the panel is live and a digit re-decides.
  const lead = await open('lead');
  try {
    const { page } = lead;
    await expect(page.getByTestId('route-refusal')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Направить' }).locator('button[data-slot="1"]')).toBeEnabled();
    await page.keyboard.press('Digit1');
    await expect.poll(async () => (await server.allAppeals()).get('search-decided')?.routedBy?.id, { timeout: 30_000 }).toBe('u-lead');
  } finally {
    await lead.close();
  }
});

test('no results and a stale answer: the newest query wins', async ({ page }) => {
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator2' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await page.keyboard.press('Control+KeyF');
    // Typed quickly: whatever order the answers come back in, the screen ends on the last query.
    await page.keyboard.type('ёлочная гирлянда площади', { delay: 5 });
    const summary = page.getByTestId('search-summary');
    await expect(summary).toHaveAttribute('data-phase', 'ready');
    await expect(summary).toHaveAttribute('data-total', '1');
    await page.keyboard.type(' абырвалгщ');
    await expect(page.getByTestId('search-no-results')).toBeVisible();
    await expect(page.getByTestId('search-no-results')).toContainText('Ничего не найдено');
    // Esc in the box clears it: back to the empty state.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-box')).toHaveValue('');
    await expect(page.getByTestId('search-empty')).toBeVisible();
  } finally {
    await desk.close();
    dir.remove();
  }
});

test('coming back to «Поиск» starts in the query, its text selected: what is typed is a new query, not the list\'s keys', async ({ page }) => {
  const dir = tempDir('desk');
  const desk = await startDesk(server, dir.dir, { login: 'operator2' });
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    const grid = await searchIntoResults(page, 'елочн', 3);

    // To the inbox and back by the section keys (trial: the results kept the keys, and «дом 5» typed as a new query
    // routed the selected result with its «5»).
    await page.keyboard.press('Control+Digit1');
    await expect(inbox.grid).toBeVisible();
    await page.keyboard.press('Control+Digit2');
    const box = page.getByTestId('search-box');
    await expect(box).toBeFocused();
    expect(await box.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 'елочн'.length]);
    await page.keyboard.type('гирлянда 5');
    await expect(box).toHaveValue('гирлянда 5');
    await expect(inbox.status).toHaveAttribute('data-pending', '0');
    // The results are one key away, as before.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect(page.getByTestId('search-summary')).toHaveAttribute('data-total', '2');
    await page.keyboard.press('Enter');
    await expect(grid).toBeFocused();
  } finally {
    await desk.close();
    dir.remove();
  }
});
