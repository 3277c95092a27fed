// Pictures of the shift lead's sections: a demo server where three operators have routed a few hundred appeals,
// a harness signed in as lead, Chromium at 1440×900. Usage: tsx scripts/screenshot-lead.ts out.png --state queues|drill|stats|urgency
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '../server/start-server.js';
import { startHarness } from '../tests/harness/start-harness.js';
import { pageOptionsFor, parseScreen } from '../tests/harness/office-screens.js';
import { API_PREFIX, ChangesResponse } from '../shared/central-api/contract.js';

const args = process.argv.slice(2);
const out = args.find((a) => a.endsWith('.png')) ?? 'lead.png';
// --screen 1366x768@1.5: an office screen at its Windows scaling (tests/harness/office-screens.ts); default 1440×900.
const screen = parseScreen(args.includes('--screen') ? args[args.indexOf('--screen') + 1] ?? '' : '1440x900');
const state = (args.includes('--state') ? args[args.indexOf('--state') + 1] : undefined) ?? 'queues';

const work = mkdtempSync(path.join(tmpdir(), 'triage-lead-shot-'));
const server = await startServer({ port: 0, dataDir: path.join(work, 'server'), demo: 3000 });
const post = async (p: string, body: unknown, token?: string) => (await fetch(`${server.url}${API_PREFIX}${p}`, {
  method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
})).json() as Promise<Record<string, unknown>>;
const token = async (login: string) => String((await post('/session', { login, password: login })).token);
const lead = await token('lead');
const page1 = ChangesResponse.parse(await (await fetch(`${server.url}${API_PREFIX}/changes?limit=1000`, { headers: { authorization: `Bearer ${lead}` } })).json());
const targets = ['minzdrav', 'mingkh', 'mintrans', 'meria-nsk', 'minobr', 'minsoc'];
const operators = ['operator1', 'operator2', 'operator3'];
for (const [n, login] of operators.entries()) {
  const t = await token(login);
  const batch = page1.appeals.slice(200 + n * 180, 200 + (n + 1) * 180);
  await post('/mutations', { mutations: batch.map((a, i) => ({ id: `01SHOT${login}${String(i).padStart(12, '0')}`, appealId: a.id,
    baseVersion: a.version, createdAt: new Date().toISOString(), type: 'route', targetId: targets[(i * 7 + n) % targets.length] })) }, t);
}
const harness = await startHarness({ apiUrl: server.url, dataDir: path.join(work, 'desk'), login: { login: 'lead', password: 'lead' } });
const executablePath = ['/usr/bin/chromium'].find((p) => existsSync(p));
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  await page.goto(harness.url);
  await page.locator('[role="row"][aria-selected="true"]').waitFor();
  await page.locator('[data-testid="sync-status"][data-state="online"]').waitFor();
  if (state === 'urgency') await page.keyboard.press('KeyU');
  if (state === 'queues' || state === 'drill') {
    await page.keyboard.press('Control+Digit2');
    await page.locator('[data-testid^="queue-target-"]').first().waitFor();
    await page.keyboard.press('ArrowDown');
    if (state === 'drill') {
      await page.keyboard.press('Enter');
      await page.locator('.queue-item').first().waitFor();
      for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowDown');
    }
  }
  if (state === 'stats') {
    await page.keyboard.press('Control+Digit3');
    await page.locator('[data-testid="stats-received"]').waitFor();
  }
  await page.waitForTimeout(300); // let the last frame settle for the picture (not a test)
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close(); await harness.close(); await server.close();
  rmSync(work, { recursive: true, force: true });
}
