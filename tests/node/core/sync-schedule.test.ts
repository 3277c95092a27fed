// When the sync engine runs, on a clock the test drives by hand, against the real reference server on 127.0.0.1:
// a push timer that fires a millisecond early (Node does this: libuv's loop clock and Date.now() round apart) must
// not leave the decision waiting for the next poll, and a later decision never postpones an earlier one.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { centralCall, incomingAppeal, ManualClock, nextEvent, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const PUSH_DELAY_MS = 150;
let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;
let clock: ManualClock;

beforeEach(async () => {
  serverDir = tempDir('schedule-server');
  deskDir = tempDir('schedule-desk');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await centralCall<{ token: string }>(server.url, '/session',
    { method: 'POST', body: { login: 'connector', password: 'connector' } });
  await centralCall(server.url, '/appeals',
    { method: 'POST', token, body: { appeals: Array.from({ length: 3 }, (_, i) => incomingAppeal(i + 1)) } });
  clock = new ManualClock();
  // The interval is a minute away and never fired here: only the push timer can send the decision.
  core = await createDeskCore({ dataDir: deskDir.dir, apiUrl: server.url, pushDelayMs: PUSH_DELAY_MS,
    syncIntervalMs: 60_000, requestTimeoutMs: 5_000, clock, log: () => undefined });
  await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
  await value(core, 'sync.now', {});
});
afterEach(async () => {
  await core.close();
  await server.close();
  deskDir.remove();
  serverDir.remove();
});

/** Resolves when the run started now has ended (the state leaves `syncing`). */
const runEnded = (): Promise<SyncStatus> => nextEvent<SyncStatus>(core, 'sync.status', (s) => s.state !== 'syncing');

it('a push timer firing a millisecond early still sends the decision once it is due, without waiting for a poll', async () => {
  // "Now" frozen first: the scheduler turns the decision's due time into a delay and the clock back into a due time,
  // two readings of a running clock that can be a millisecond apart — the timer then sat 1 ms late, and "due − 1"
  // below was exactly the decision's due time (CI saw it sent in the early run).
  clock.set(Date.now());
  const before = clock.pending();
  await value(core, 'appeals.route', { appealId: 'a-00002', targetId: 'mingkh' });
  const [dueMs] = clock.pending().filter((ms) => !before.includes(ms));
  if (dueMs === undefined) throw new Error('no push timer was set for the decision');

  // The timer fires at due − 1 ms by "now": the run finds the decision still inside its grace. By the time the run
  // ends (a pull over HTTP) the decision is due.
  clock.set(dueMs - 1);
  const ended = runEnded();
  clock.fireEarliest();
  clock.set(dueMs + 5);
  expect((await ended).pending).toBe(1);

  const sent = statusMatching(core, (s) => s.state === 'online' && s.pending === 0);
  expect(clock.fireDue()).toBe(1); // the engine asked to be woken for the decision now due
  await sent;
  const onServer = await centralCall<{ appeals: { id: string; status: string }[] }>(server.url, '/changes?limit=100',
    { token: (await centralCall<{ token: string }>(server.url, '/session',
      { method: 'POST', body: { login: 'lead', password: 'lead' } })).token });
  expect(onServer.appeals.find((a) => a.id === 'a-00002')?.status).toBe('routed');
});

it('a later decision never postpones the push of an earlier one', async () => {
  clock.set(Date.now()); // the timer exactly at the first decision's due time (see above)
  const before = clock.pending();
  await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
  const [firstDue] = clock.pending().filter((ms) => !before.includes(ms));
  clock.set((firstDue ?? 0) + 1_000);
  await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'mingkh' });
  // One push timer, at the first decision's due time; firing it sends both (the second is due too by now).
  expect(clock.pending().filter((ms) => !before.includes(ms))).toEqual([firstDue]);
  const sent = statusMatching(core, (s) => s.state === 'online' && s.pending === 0);
  expect(clock.fireDue()).toBe(1);
  await sent;
});

it('a sync backing off after an outage retries as soon as the live channel gets through, not at its own retry time', async () => {
  // Each backs off on its own (1 s … 60 s): after a restart the sync came back up to a minute after the channel —
  // «В смене» showed the colleague while «Нет связи … ожидают отправки: 1» stayed (trial of 4 December, second round).
  // The retry timer is on the hand-driven clock and never fires here: only the channel's arrival can run the sync.
  const port = server.port;
  await server.close();
  const offline = await value<SyncStatus>(core, 'sync.now', {});
  expect(offline.state).toBe('offline');
  server = await startTestServer({ port, dataDir: serverDir.dir });
  await statusMatching(core, (s) => s.live === 'connected');
  await statusMatching(core, (s) => s.state === 'online');
});

it('the live channel dropping runs a sync at once: a server gone says «offline» without waiting for the next poll', async () => {
  // The poll is a minute away on the hand-driven clock and never fires here: only the channel's drop can run the sync.
  // Before, the bar said «В сети» beside «Связь со сменой прервана» until the next poll (about 8 s in a trial of 6 December).
  await statusMatching(core, (s) => s.live === 'connected' && s.state === 'online');
  await server.close();
  const gone = await statusMatching(core, (s) => s.state === 'offline');
  expect(gone.offlineCause).toBe('network');
});
