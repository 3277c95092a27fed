// The browser workstation's process is gone (closed, killed): the page had kept saying «В сети» while nothing
// answered (left alone in the notes of 4 December). The bridge now says the link is lost (DeskLink) and the status
// bar says so in words, as an alert; what was decided before is safe in SQLite. The Electron side — a crashed core
// utility process — is the core client's, tested in tests/node/core-host.
import { test, expect } from '@playwright/test';
import { DESK_LOST_TEXT } from '../../renderer/src/features/sync/sync-status-text.js';
import { serverForSpec } from './stack.js';

const spec = serverForSpec(5);
// 1366×768 at 150 %: the words must be whole on the office screen's status bar.
test.use({ viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5 });

test('a desk whose process is gone says so in the status bar instead of «В сети»', async ({ page }) => {
  const { inbox, desk, close } = await spec.openDesk(page, 'operator1');
  try {
    await expect(inbox.status).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
    await desk.close();
    await expect(inbox.status).toHaveAttribute('data-state', 'lost', { timeout: 10_000 });
    await expect(inbox.status).toHaveText(DESK_LOST_TEXT);
    await expect(inbox.status).toHaveAttribute('role', 'alert');
    expect(await inbox.status.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the words are cut').toBe(true);
  } finally {
    await close();
  }
});
