// Sign-in on the desk when the server slows down repeated wrong passwords (429 + Retry-After): the operator reads how
// long to wait, not «server overloaded».
import { afterEach, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { tempDir } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('says how long to wait after too many wrong passwords', async () => {
  const serverDir = tempDir('login-delay-server');
  const server: RunningServer = await startTestServer({ port: 0, dataDir: serverDir.dir });
  cleanups.push(serverDir.remove, () => server.close());
  const deskDir = tempDir('login-delay-desk');
  const core: DeskCore = await createDeskCore({ dataDir: deskDir.dir, apiUrl: server.url, syncIntervalMs: 60_000 });
  cleanups.push(deskDir.remove, () => core.close());
  let last: Awaited<ReturnType<DeskCore['call']>> | undefined;
  for (let attempt = 0; attempt < 10; attempt++) {
    last = await core.call('session.login', { login: 'operator1', password: 'wrong-password' });
    if (!last.ok && /Повторите через \d+ с/.test(last.error.message)) break;
  }
  expect(last?.ok).toBe(false);
  expect(!last?.ok && last?.error.code).toBe('auth_failed');
  expect(!last?.ok && last?.error.message).toMatch(/^Слишком много неудачных попыток входа\. Повторите через \d+ с\.$/);
});
