// Renders the README's screenshot: a demo server, a harness signed in as operator1, Chromium at 1440×900.
// Usage: tsx scripts/screenshot-inbox.ts [out.png] [--state inbox|picker|help|offline|decided|login|search|search-results|search-empty|search-views|cluster]
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '../server/start-server.js';
import { startHarness } from '../tests/harness/start-harness.js';
import { pageOptionsFor, parseScreen } from '../tests/harness/office-screens.js';

const args = process.argv.slice(2);
const out = args.find((a) => a.endsWith('.png')) ?? 'docs/inbox.png';
// --screen 1366x768@1.5: an office screen at its Windows scaling (tests/harness/office-screens.ts); default 1440×900.
const screen = parseScreen(args.includes('--screen') ? args[args.indexOf('--screen') + 1] ?? '' : '1440x900');
const state = (args.includes('--state') ? args[args.indexOf('--state') + 1] : undefined) ?? 'inbox';

const work = mkdtempSync(path.join(tmpdir(), 'triage-shot-'));
const server = await startServer({ port: 0, dataDir: path.join(work, 'server'), demo: 5000 });
if (state === 'cluster') await ingestSurge(server.url); // #6: a hot-water surge in Линёво and a cancelled bus
const harness = await startHarness({
  apiUrl: server.url, dataDir: path.join(work, 'desk'), demo: true,
  ...(state === 'login' ? {} : { login: { login: 'operator1', password: 'operator1' } }),
});
const executablePath = ['/usr/bin/chromium'].find((p) => existsSync(p));
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  await page.goto(harness.url);
  if (state !== 'login') {
    await page.locator('[role="row"][aria-selected="true"]').waitFor();
    await page.locator('[data-testid="sync-status"][data-state="online"]').waitFor();
    if (state !== 'cluster') for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    if (state === 'cluster') {
      await page.locator('[data-appeal-id="surge-water-5"]').dispatchEvent('mousedown');
      await page.locator('[data-testid="cluster-block"] [data-member-id]').first().waitFor();
    }
    if (state === 'picker') { await page.keyboard.press('Slash'); await page.keyboard.type('здр'); }
    if (state === 'help') await page.keyboard.press('Shift+Slash');
    if (state.startsWith('search')) { // search, search-results, search-empty, search-views
      await page.keyboard.press('Control+KeyF');
      if (state !== 'search-empty') {
        await page.keyboard.type('яма остановк');
        await page.locator('[data-testid="search-summary"][data-phase="ready"]').waitFor();
      }
      if (state === 'search-results') { await page.keyboard.press('Enter'); await page.keyboard.press('ArrowDown'); }
      if (state === 'search-views') await page.keyboard.press('Control+KeyO');
    }
    // decided: the operator works down the list, the undo toast over it (three decisions, the selection at the foot).
    if (state === 'decided') {
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Digit1');
    }
    if (state === 'offline') { await server.close(); await page.keyboard.press('Digit1');
      await page.locator('[data-testid="sync-status"][data-state="offline"]').waitFor(); }
  }
  await page.waitForTimeout(300); // let the last frame settle for the picture (not a test)
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close(); await harness.close(); await server.close();
  rmSync(work, { recursive: true, force: true });
}

async function ingestSurge(url: string): Promise<void> {
  const { surgeAppeals } = await import('../tests/fixtures/surge-appeals.js');
  const session = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'connector', password: 'connector' }) });
  const { token } = await session.json() as { token: string };
  await fetch(`${url}/api/v1/appeals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ appeals: surgeAppeals(Date.now() - 60_000) }) });
}
