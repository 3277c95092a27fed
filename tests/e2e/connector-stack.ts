// The stack of the intake and withdrawn browser tests, where the test plays the platforms: the reference server started
// from a connectors file written for the test, whatever the test puts on the server before any desk is there, and a
// signed-in desk that polls only once a minute — so whatever reaches it within seconds came through the live channel —
// open in the page, online and connected to the team channel. Also the platform's side: a POST as a platform makes it,
// and the moment something appears in the page, taken in the page itself.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { Harness } from '../harness/start-harness.js';
import { InboxPage, ServerUnderTest, startDesk, tempDir } from './stack.js';

// The fixtures' VK community and secret (tests/fixtures/connectors/vk/README.md).
export const VK_GROUP_ID = 200000001;
export const VK_SECRET = 'fixture-secret-Zq7';
/** That community as a connectors file's `vk` entry. */
export const VK_COMMUNITY = {
  groupId: VK_GROUP_ID, secret: VK_SECRET, confirmation: 'a1b2c3d4', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' },
};

/** A recorded payload from tests/fixtures/connectors/<platform>, parsed (a fresh copy each time). */
export function platformPayload<T = Record<string, unknown>>(platform: 'telegram' | 'vk' | 'ok', name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/connectors/${platform}/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface ConnectorStack {
  server: ServerUnderTest;
  desk: Harness;
  inbox: InboxPage;
  /** The desk, the server and every folder, gone. */
  close(): Promise<void>;
}

/**
 * `connectors`: the connectors file's content; `demo`: the server's demo appeals; `beforeDesk`: what the platforms
 * delivered before the desk started (its first pull brings it). Signed in as operator1.
 */
export async function startConnectorStack(page: Page, connectors: Record<string, unknown>,
  opts: { demo: number; beforeDesk?: (server: ServerUnderTest) => Promise<void> }): Promise<ConnectorStack> {
  const serverDir = tempDir('srv'); const deskDir = tempDir('desk'); const configDir = tempDir('cfg');
  const connectorsFile = path.join(configDir.dir, 'connectors.json');
  writeFileSync(connectorsFile, JSON.stringify(connectors), { mode: 0o600 });
  const server = new ServerUnderTest(serverDir.dir, opts.demo, 0, { connectors: { file: connectorsFile } });
  let desk: Harness | undefined;
  const close = async () => {
    await desk?.close(); await server.stop();
    serverDir.remove(); deskDir.remove(); configDir.remove();
  };
  try {
    await server.start();
    await opts.beforeDesk?.(server);
    desk = await startDesk(server, deskDir.dir, { login: 'operator1', syncIntervalMs: 60_000 });
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await expect(page.getByTestId('team-presence')).toHaveAttribute('data-live', 'connected', { timeout: 30_000 });
    return { server, desk, inbox, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The platform's side: one POST to a connector address, as the platform makes it; every platform expects exactly `ok`. */
export async function postAsPlatform(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  expect({ status: response.status, text: await response.text() }).toEqual({ status: 200, text: 'ok' });
}

/** The VK Callback API address of the fixtures' community. */
export const vkCallbackUrl = (server: ServerUnderTest): string => `${server.url}/api/v1/connectors/vk/${VK_GROUP_ID}`;

/**
 * Starts watching the page for `selector`; the answer is the moment (Date.now in the page) it first matched, taken by
 * a mutation observer in the page itself rather than at the next poll of an assertion.
 */
export async function watchArrival(page: Page, selector: string): Promise<() => Promise<number>> {
  await page.evaluate((sel) => {
    const w = window as unknown as { arrivedAt?: Promise<number> };
    w.arrivedAt = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelector(sel) === null) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }, selector);
  return () => page.evaluate(() => (window as unknown as { arrivedAt: Promise<number> }).arrivedAt);
}
