// One time model for the whole desk (#12): the working calendar's offset from deadlines.json is the offset of the search
// days, of the statistics periods and of the times the renderer shows (told with the session). Before, search and
// statistics used UTC+7 whatever deadlines.json said. Against the real reference server on 127.0.0.1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { centralCall, incomingAppeal, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;

// 23:30 on 26 November at UTC+6 (Omsk), already 00:30 on the 27th at UTC+7 (Novosibirsk).
const LATE_EVENING = '2025-11-26T17:30:00.000Z';

beforeEach(async () => {
  serverDir = tempDir('offset-server');
  deskDir = tempDir('offset-desk');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await centralCall<{ token: string }>(server.url, '/session',
    { method: 'POST', body: { login: 'connector', password: 'connector' } });
  await centralCall(server.url, '/appeals',
    { method: 'POST', token, body: { appeals: [{ ...incomingAppeal(1), receivedAt: LATE_EVENING }] } });
});
afterEach(async () => {
  await core.close();
  await server.close();
  deskDir.remove();
  serverDir.remove();
});

async function deskWithOffset(utcOffsetMinutes: number | null): Promise<void> {
  if (utcOffsetMinutes !== null) {
    writeFileSync(join(deskDir.dir, 'deadlines.json'), JSON.stringify({ calendar: {
      utcOffsetMinutes, dayStartMinutes: 540, dayEndMinutes: 1080, shortenedByMinutes: 60 } }));
  }
  core = await createDeskCore({ dataDir: deskDir.dir, apiUrl: server.url, requestTimeoutMs: 3_000, log: () => undefined });
  await value(core, 'session.login', { login: 'lead', password: 'lead' });
  await value(core, 'sync.now', {});
}

const found = async (fromDay: string, toDay: string): Promise<number> =>
  (await value<{ total: number }>(core, 'search.query', { fromDay, toDay })).total;
const received = async (day: string): Promise<number> =>
  (await value<{ totals: { received: number } }>(core, 'stats.get', { from: day, to: day })).totals.received;

it('a desk configured for UTC+6 counts a 23:30 appeal on its own day in search and statistics, and says so to the renderer', async () => {
  await deskWithOffset(360);
  expect((await value<{ utcOffsetMinutes: number }>(core, 'session.get', {})).utcOffsetMinutes).toBe(360);
  expect(await found('2025-11-26', '2025-11-26')).toBe(1);
  expect(await found('2025-11-27', '2025-11-27')).toBe(0);
  expect(await received('2025-11-26')).toBe(1);
  expect(await received('2025-11-27')).toBe(0);
});

it('without deadlines.json the desk keeps Novosibirsk time: the same appeal is on the 27th', async () => {
  await deskWithOffset(null);
  expect((await value<{ utcOffsetMinutes: number }>(core, 'session.get', {})).utcOffsetMinutes).toBe(420);
  expect(await found('2025-11-27', '2025-11-27')).toBe(1);
  expect(await received('2025-11-27')).toBe(1);
  expect(await received('2025-11-26')).toBe(0);
});
