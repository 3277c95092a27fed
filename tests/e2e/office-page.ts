// A desk's page on one office screen (size and Windows scaling), for the office-fit specs, and their optional
// screenshots (set the spec's *_SHOTS variable to a path prefix to keep them).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { pageOptionsFor, type OfficeScreen } from '../harness/office-screens.js';
import { InboxPage } from './stack.js';

/** Opens `url` in a new context sized as `screen`, Russian locale and Novosibirsk time, and waits for the inbox. */
/** `clockAt`: the page's clock starts at that instant and runs on from it (Playwright's clock, before the page loads). */
export async function openAt(browser: Browser, screen: OfficeScreen, url: string, { clockAt }: { clockAt?: number } = {}):
  Promise<{ page: Page; inbox: InboxPage }> {
  const context = await browser.newContext({ ...pageOptionsFor(screen), locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  if (clockAt !== undefined) await context.clock.install({ time: clockAt });
  const page = await context.newPage();
  const inbox = new InboxPage(page);
  await inbox.open(url);
  return { page, inbox };
}

/** Saves `<prefix>-<scale %>-<what>.png` when a prefix is given; `settle` waits two frames first. */
export async function officeShot(prefix: string | undefined, page: Page, screen: OfficeScreen, what: string,
  { settle = false } = {}): Promise<void> {
  if (!prefix) return;
  mkdirSync(path.dirname(prefix), { recursive: true });
  if (settle) await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `${prefix}-${Math.round(screen.scale * 100)}-${what}.png` });
}
