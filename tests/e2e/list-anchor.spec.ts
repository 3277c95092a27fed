/// <reference lib="dom" />
// The selected row stays where it is on screen while the list changes above it (QA #53): appeals arriving through
// the real server (inserted above, newest first) and a colleague's decisions on rows above the selection. At
// 1366×768 at 100 % and at 150 %, the page samples the selected row's top on every animation frame during the
// changes: not one frame may show it moved, or another appeal selected.
import { test, expect, type Page } from '@playwright/test';
import { pageOptionsFor, screenLabel, type OfficeScreen } from '../harness/office-screens.js';
import type { IncomingAppeal } from '../../shared/central-api/contract.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

const SCREENS: readonly OfficeScreen[] = [{ width: 1366, height: 768, scale: 1 }, { width: 1366, height: 768, scale: 1.5 }];

// Different topics, places and authors (one set per screen, the server is shared), so the core folds none of them
// into a duplicate or surge cluster (#6) with each other or with the demo appeals.
const TEXTS = [
  ['Во дворе дома 12 по улице Лескова вторую неделю не вывозят мусор, контейнеры переполнены.',
    'На остановке «Площадь Маркса» сломан навес, люди мокнут под дождём.',
    'В поликлинике №7 нет записи к эндокринологу на ближайший месяц.',
    'В Кировском районе ночью не горят фонари на улице Петухова.',
    'Школа №45: в спортзале протекает крыша после ремонта.'],
  ['Бродячие собаки у гаражей на улице Зорге бросаются на детей.',
    'В Бердске третий день нет горячей воды в домах на улице Ленина.',
    'Автобус 36 утром проходит мимо остановки «Учительская», не останавливаясь.',
    'В детском саду №210 не хватает воспитателей, группы по сорок детей.',
    'На перекрёстке Красного проспекта и Гоголя не работает светофор.'],
  ['В Академгородке упало дерево на линию электропередачи, нет света.',
    'Просим отремонтировать пандус у почтового отделения в Обском районе.',
    'В Искитиме затопило подвал многоквартирного дома, пахнет канализацией.'],
] as const;
const arrivals = (set: number): IncomingAppeal[] => (TEXTS[set] ?? []).map((text, i) => ({
  id: `anchor-${set}-${i}`, source: 'vk',
  channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso' },
  author: { name: `Житель ${set * 5 + i + 1} Проверочный` }, text, attachments: [],
  // Each the newest: the top of the list. A later set is dated past an earlier set's last (each set is made when its
  // test runs, seconds apart on a quiet machine): dated «now», the third test's first arrival was older than the second
  // test's last («now + 4 s» a moment before) and landed under the row being read (CI, 3 December).
  receivedAt: new Date(Date.now() + (set * 10 + i) * 1000).toISOString(),
}));

interface Sample { id: string | null; top: number | null }

/** In the page: record the selected row (id, top) on every animation frame until stopped. */
function startSampling(): void {
  const w = window as unknown as { anchorSamples: Sample[]; anchorStop: boolean };
  w.anchorSamples = [];
  w.anchorStop = false;
  const step = (): void => {
    const row = document.querySelector('[role="grid"] [role="row"][aria-selected="true"]');
    w.anchorSamples.push({ id: row?.getAttribute('data-appeal-id') ?? null, top: row ? row.getBoundingClientRect().top : null });
    if (!w.anchorStop) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

const rowCount = (page: Page): Promise<number> =>
  page.getByRole('grid').getAttribute('aria-rowcount').then((n) => Number(n));

let server: ServerUnderTest;
let serverDir: ReturnType<typeof tempDir>;
test.beforeAll(async () => {
  serverDir = tempDir('anchor-srv');
  server = new ServerUnderTest(serverDir.dir, 200);
  await server.start();
});
test.afterAll(async () => { await server.stop(); serverDir.remove(); });

for (const [n, screen] of SCREENS.entries()) {
  test(`${screenLabel(screen)}: arrivals and a colleague's decisions above the selection do not move it`, async ({ browser }) => {
    test.setTimeout(120_000);
    const dirA = tempDir('anchor-a'); const dirB = tempDir('anchor-b');
    // A is the desk under test; B is the colleague who decides rows above A's selection.
    const deskA = await startDesk(server, dirA.dir, { login: `operator${1 + 2 * n}` });
    const deskB = await startDesk(server, dirB.dir, { login: `operator${2 + 2 * n}` });
    const context = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
    const page = await context.newPage();
    const inbox = new InboxPage(page);
    try {
      await inbox.open(deskA.url);
      await expect(page.locator('.detail-body')).toBeVisible();
      // The selection on a middle row of the screen (the operator has moved: their place is theirs).
      const visibleRows = await page.getByRole('grid').evaluate((el) => Math.floor(el.clientHeight / 28));
      for (let i = 0; i < Math.floor(visibleRows / 2); i++) await page.keyboard.press('ArrowDown');
      const selected = await inbox.selectedId();
      const aboveIds = await page.evaluate(() => {
        const rows = Array.from(document.querySelectorAll('[role="grid"] [role="row"][data-appeal-id]'));
        const at = rows.findIndex((r) => r.getAttribute('aria-selected') === 'true');
        return rows.slice(Math.max(0, at - 4), at).map((r) => r.getAttribute('data-appeal-id') ?? '');
      });
      expect(aboveIds.length).toBe(4);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const top = await inbox.selectedRow.evaluate((el) => el.getBoundingClientRect().top);
      await page.evaluate(startSampling);

      // Five appeals arrive one by one through the server (each the newest: inserted at the top).
      let count = await rowCount(page);
      for (const appeal of arrivals(n)) {
        await server.ingest([appeal]);
        await expect.poll(() => rowCount(page), { timeout: 20_000 }).toBe(count + 1);
        count += 1;
      }
      // A colleague decides three rows above the selection.
      for (const id of aboveIds.slice(1)) {
        await expect.poll(async () => (await deskB.core.call('appeals.route', { appealId: id, targetId: 'mingkh' })).ok,
          { timeout: 20_000 }).toBe(true);
        await expect(page.getByRole('grid').locator(`[data-appeal-id="${id}"]`)).toHaveCount(0, { timeout: 20_000 });
        await expect.poll(() => rowCount(page)).toBe(count - 1);
        count -= 1;
      }
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const samples = await page.evaluate(() => {
        const w = window as unknown as { anchorSamples: Sample[]; anchorStop: boolean };
        w.anchorStop = true;
        return w.anchorSamples;
      });
      expect(samples.length, 'frames sampled').toBeGreaterThan(20);
      const moved = samples.filter((s) => s.id !== selected || s.top === null || Math.abs(s.top - top) > 0.5);
      expect(moved.slice(0, 5), `${moved.length} of ${samples.length} frames with the selected row moved from ${top} (first 5)`).toEqual([]);
      expect(await inbox.selectedId()).toBe(selected);
    } finally {
      await context.close();
      await deskA.close(); await deskB.close();
      dirA.remove(); dirB.remove();
    }
  });
}

// QA #23 and the follow-up review: a desk fresh from sign-in, nothing pressed, selection on the first row (taken by
// itself when the first page loads). Appeals arriving above it never swap the appeal the operator is reading: the
// selection and the detail pane keep it (it used to follow the newest until the first key, so an operator reading
// the first appeal saw it replaced and the next Enter decided one they had not read). The grid keeps that row where
// it was on screen, whole, the new rows above it (QA #23's complaint: it had been pushed to the bottom edge, cut).
test('a desk nobody has touched keeps its appeal, in place on screen, while appeals arrive above it', async ({ browser }) => {
  test.setTimeout(90_000);
  const dir = tempDir('anchor-top');
  const desk = await startDesk(server, dir.dir, { login: 'operator5' });
  const context = await browser.newContext({ ...pageOptionsFor(SCREENS[0] ?? { width: 1366, height: 768, scale: 1 }),
    locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  const page = await context.newPage();
  const inbox = new InboxPage(page);
  try {
    await inbox.open(desk.url);
    await expect(inbox.selectedRow).toHaveAttribute('aria-rowindex', '2');
    const reading = await inbox.selectedId();
    const detail = page.getByTestId('appeal-detail');
    await expect(detail).toHaveAttribute('data-appeal-id', reading);
    await expect(page.locator('.detail-body')).toBeVisible();
    const text = await page.locator('.detail-body').innerText();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const top = await inbox.selectedRow.evaluate((el) => el.getBoundingClientRect().top);
    const gridBox = await page.getByRole('grid').evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    let count = await rowCount(page);
    for (const [i, appeal] of arrivals(2).entries()) {
      await server.ingest([appeal]);
      await expect.poll(() => rowCount(page), { timeout: 20_000 }).toBe(count + 1);
      count += 1;
      // The new row is above the one being read, which stays selected and shown in the detail pane.
      await expect(inbox.selectedRow).toHaveAttribute('aria-rowindex', String(2 + i + 1));
      await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', reading);
      await expect(detail).toHaveAttribute('data-appeal-id', reading);
      expect(await page.locator('.detail-body').innerText()).toBe(text);
      // Anchored: the same place on screen, whole.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const box = await inbox.selectedRow.evaluate((el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
      expect(Math.abs(box.top - top), `selected row top ${box.top}, was ${top}`).toBeLessThanOrEqual(0.5);
      expect(box.top).toBeGreaterThanOrEqual(gridBox.top);
      expect(box.bottom).toBeLessThanOrEqual(gridBox.bottom);
    }
  } finally {
    await context.close();
    await desk.close();
    dir.remove();
  }
});
