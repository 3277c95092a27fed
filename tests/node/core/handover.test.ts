// Shift handover on a shared PC (#12 defect 9), against the real reference server on 127.0.0.1: the next shift's
// operator signs in over the previous operator's unsent decisions; those go out under the previous operator's own
// session, or stay queued under their name (shown in the status) — never sent under the wrong name, never lost.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { TOKEN_FILE_NAME } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { centralCall, incomingAppeal, serverAppeal, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;

beforeEach(async () => {
  serverDir = tempDir('handover-server');
  deskDir = tempDir('handover-desk');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await centralCall<{ token: string }>(server.url, '/session',
    { method: 'POST', body: { login: 'connector', password: 'connector' } });
  await centralCall(server.url, '/appeals',
    { method: 'POST', token, body: { appeals: Array.from({ length: 5 }, (_, i) => incomingAppeal(i + 1)) } });
  // A long undo grace: decisions stay queued until a sign-out flush or the test's own sync.
  core = await createDeskCore({ dataDir: deskDir.dir, apiUrl: server.url, pushDelayMs: 60_000, syncIntervalMs: 60_000,
    requestTimeoutMs: 3_000, log: () => undefined });
});
afterEach(async () => {
  await core.close();
  await server.close();
  deskDir.remove();
  serverDir.remove();
});

async function signIn(login: string): Promise<void> {
  await value(core, 'session.login', { login, password: login });
  await value(core, 'sync.now', {});
}

const onServer = (id: string): Promise<Appeal | undefined> => serverAppeal(server.url, id);

it('signing out keeping unsent work: the next operator signs in and the work goes out under its author', async () => {
  await signIn('operator1');
  await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
  await value(core, 'appeals.route', { appealId: 'a-00002', targetId: 'minzdrav' });
  const port = server.port;
  await server.close(); // the network is gone as the shift ends: the sign-out flush cannot send
  const asked = await value<{ outcome: string; unsent: number }>(core, 'session.signOut', { unsent: 'ask' });
  expect(asked).toMatchObject({ outcome: 'unsent', unsent: 2 });
  const kept = await value<{ outcome: string; unsent: number }>(core, 'session.signOut', { unsent: 'keep' });
  expect(kept).toMatchObject({ outcome: 'signed-out', unsent: 2 });
  expect((await value<SyncStatus>(core, 'sync.status', {})).waiting)
    .toEqual([{ user: { id: 'u-operator1', name: expect.any(String) }, count: 2, sending: true }]);

  server = await startTestServer({ port, dataDir: serverDir.dir });
  await signIn('operator2'); // refused before #12: «На этом компьютере есть неотправленные решения…»
  // The kept decisions went out in that first run, not after the 60 s undo grace: their author can no longer undo.
  expect(await onServer('a-00001')).toMatchObject({ status: 'routed', routedBy: { id: 'u-operator1' } });
  expect((await value<SyncStatus>(core, 'sync.status', {})).waiting).toEqual([]);
  await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'mingkh' });
  await value(core, 'session.signOut', { unsent: 'ask' }); // flushes operator2's own decision

  expect(await onServer('a-00001')).toMatchObject({ status: 'routed', targetId: 'mingkh', routedBy: { id: 'u-operator1' } });
  expect(await onServer('a-00002')).toMatchObject({ status: 'routed', targetId: 'minzdrav', routedBy: { id: 'u-operator1' } });
  expect(await onServer('a-00003')).toMatchObject({ status: 'routed', routedBy: { id: 'u-operator2' } });
});

it('a previous operator whose session has ended: their decisions wait under their name, survive the next sign-out, and go out when they sign in', async () => {
  await signIn('operator1');
  await value(core, 'appeals.route', { appealId: 'a-00001', targetId: 'mingkh' });
  // Their session ends on the server (signed out elsewhere, expired): the desk hears 401 and signs out by itself.
  const token = readFileSync(join(deskDir.dir, TOKEN_FILE_NAME), 'utf8');
  await centralCall(server.url, '/session', { method: 'DELETE', token });
  await value(core, 'sync.now', {});
  expect((await value<{ user: unknown }>(core, 'session.get', {})).user).toBeNull();

  await signIn('operator2');
  const status = await value<SyncStatus>(core, 'sync.now', {});
  expect(status.waiting).toEqual([{ user: { id: 'u-operator1', name: expect.any(String) }, count: 1, sending: false }]);
  // Ctrl+Z before any decision of their own: nothing of operator2's to take back, and operator1's queued work stays.
  expect(await core.call('appeals.undo', {})).toMatchObject({ ok: false, error: { code: 'nothing_to_undo' } });
  expect((await value<SyncStatus>(core, 'sync.status', {})).waiting).toEqual([expect.objectContaining({ count: 1 })]);
  await value(core, 'appeals.route', { appealId: 'a-00002', targetId: 'mingkh' });
  // Their own Ctrl+Z takes back their own decision, not the older one of operator1 beneath it.
  expect(await value(core, 'appeals.undo', {})).toMatchObject({ appealId: 'a-00002' });
  expect((await value<SyncStatus>(core, 'sync.status', {})).waiting).toEqual([expect.objectContaining({ count: 1 })]);
  await value(core, 'appeals.route', { appealId: 'a-00002', targetId: 'mingkh' });
  const out = await value<{ outcome: string; unsent: number }>(core, 'session.signOut', { unsent: 'discard' });
  expect(out).toMatchObject({ outcome: 'signed-out', unsent: 0 });
  expect(await onServer('a-00001')).toMatchObject({ status: 'new' }); // never sent under operator2's name
  expect(await onServer('a-00002')).toMatchObject({ routedBy: { id: 'u-operator2' } });

  await signIn('operator1');
  await value(core, 'session.signOut', { unsent: 'ask' });
  expect(await onServer('a-00001')).toMatchObject({ status: 'routed', routedBy: { id: 'u-operator1' } });
  expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBe(0);
  await statusMatching(core, (s) => s.state === 'signed-out');
});
