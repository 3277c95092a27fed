// Surge clusters in the core: formation (same problem and place within hours → one; another place, far in time or
// another problem → apart; one author's near duplicates folded), routing a whole cluster on the real server exactly
// once per appeal, and Ctrl+Z taking a cluster's decision back whole while nothing has been sent.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { createClusterKeeper } from '../../../electron/core/clusters/cluster-keeper.js';
import { ClusterStore } from '../../../electron/core/clusters/cluster-store.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { DB_FILE_NAME } from '../../../server/store/sqlite-store.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { IncomingAppeal } from '../../../shared/central-api/contract.js';
import {
  APART_IDS, DUPLICATE_IDS, SURGE_BUS_IDS, SURGE_WATER_IDS, surgeAppeals,
} from '../../fixtures/surge-appeals.js';
import { statusMatching, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const asStored = (incoming: IncomingAppeal): Appeal => ({
  ...incoming, status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
});

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('cluster formation', () => {
  it('groups one problem in one place within hours and one author’s near duplicates; keeps look-alikes apart', () => {
    const temp = tempDir('clusters');
    const cache = openLocalCache(temp.dir);
    cleanup.push(() => temp.remove(), () => cache.db.close());
    const appeals = surgeAppeals(Date.now()).map(asStored);
    // Arrival order is not time order: the clusterer looks at each appeal once, in whatever order pulls bring them.
    cache.transaction(() => { for (const appeal of [...appeals].reverse()) cache.appeals.storeServer(appeal); });
    const keeper = createClusterKeeper(cache.db);
    expect(keeper.step(1000)).toMatchObject({ checked: appeals.length, more: false });
    expect(keeper.step(1000).checked).toBe(0); // incremental: nothing is looked at twice

    const store = new ClusterStore(cache.db);
    const clusterOf = (id: string) => store.clusterIdOf(id);
    const water = new Set(SURGE_WATER_IDS.map(clusterOf));
    expect(water.size).toBe(1);
    expect([...water][0]).not.toBeNull();
    const bus = new Set(SURGE_BUS_IDS.map(clusterOf));
    expect(bus.size).toBe(1);
    expect([...bus][0]).not.toBeNull();
    expect(clusterOf(DUPLICATE_IDS[0]!)).not.toBeNull();
    expect(clusterOf(DUPLICATE_IDS[0]!)).toBe(clusterOf(DUPLICATE_IDS[1]!));
    expect(new Set([...water, ...bus, clusterOf(DUPLICATE_IDS[0]!)]).size).toBe(3);
    for (const id of APART_IDS) expect(clusterOf(id), id).toBeNull();

    // The inbox: one row per cluster (its newest appeal as the face), the count with it; expanded: all members.
    const ordered = cache.rows.inboxIds('newest');
    const collapsed = store.collapse(ordered, new Set());
    expect(collapsed.ids).toHaveLength(appeals.length - 4 - 2 - 1);
    expect(collapsed.ids).toContain('surge-water-5');
    expect(collapsed.clusters['surge-water-5']).toEqual({ clusterId: [...water][0], size: 5 });
    expect(collapsed.ids).toContain('surge-bus-3');
    expect(collapsed.clusters['surge-bus-3']?.size).toBe(3);
    expect(collapsed.clusters['dup-2']?.size).toBe(2);
    const expanded = store.collapse(ordered, new Set([[...water][0]!]));
    const at = expanded.ids.indexOf('surge-water-5');
    expect(expanded.ids.slice(at, at + 5)).toEqual(['surge-water-5', 'surge-water-4', 'surge-water-3', 'surge-water-2', 'surge-water-1']);
    expect(store.members([...water][0]!).map((m) => m.reason).filter((r) => r === 'surge')).toHaveLength(4);
  });
});

describe('copies: the same long text from other authors', () => {
  // Real texts (tests/fixtures/not-appeals-real.jsonl, a job-bait comment from a public anti-spam sample file; and
  // tests/fixtures/real-appeals-nso.jsonl, residents' words quoted on radio1.ru), posted as a bot posts under every
  // page (another account, another phone number, an emoji more) and as a template handed to neighbours.
  const BAIT = 'Нужен человек для удаленного заработка. С вас, телефон и 2 часа свободного времени. Доход достойный. Для связи (+) в ЛС';
  const ROAD = 'Достаточно было одного дня дождя, чтобы дорога стала непроходимой. КАМАЗ с мусором съехал вчера всё на том же '
    + 'участке, в трёх километрах от Бакмасихи';
  const H = 60;
  const drafts: { id: string; minutesAgo: number; author: string; text: string; page: string }[] = [
    { id: 'bait-1', minutesAgo: 50, author: 'Алина', text: BAIT, page: 'minzdrav_nso' },
    { id: 'bait-2', minutesAgo: 41, author: 'Вика Работа', text: BAIT.replaceAll(',', ''), page: 'mingkh_nso' },
    { id: 'bait-3', minutesAgo: 30, author: 'Кристина', text: `${BAIT.toUpperCase()} 🤝`, page: 'mer_nsk' },
    { id: 'road-1', minutesAgo: 20 * H, author: 'Житель Таскаево', text: ROAD, page: 'mintrans_nso' },
    { id: 'road-2', minutesAgo: 6 * H, author: 'Ирина В.', text: `${ROAD}!!!`, page: 'mintrans_nso' },
    // Apart: the template two days later; a short text two people happened to write alike; one word changed; another
    // number (another house, another flat: another problem).
    { id: 'road-late', minutesAgo: 50 * H, author: 'Сосед', text: ROAD, page: 'mintrans_nso' },
    { id: 'short-1', minutesAgo: 90, author: 'Олег', text: 'тротуары не чищены вообще', page: 'mer_nsk' },
    { id: 'short-2', minutesAgo: 80, author: 'Нина', text: 'Тротуары не чищены вообще!', page: 'mer_nsk' },
    { id: 'bait-edited', minutesAgo: 35, author: 'Даша', text: BAIT.replace('достойный', 'стабильный'), page: 'minobr_nso' },
    { id: 'bait-number', minutesAgo: 33, author: 'Оля', text: BAIT.replace('2 часа', '3 часа'), page: 'minobr_nso' },
  ];

  it('fold into one row whatever page and author, and stay apart past a day, when short, or when words differ', () => {
    const temp = tempDir('clusters-copies');
    const cache = openLocalCache(temp.dir);
    cleanup.push(() => temp.remove(), () => cache.db.close());
    const now = Date.now();
    cache.transaction(() => {
      for (const d of drafts) {
        cache.appeals.storeServer(asStored({
          id: d.id, source: 'vk', channel: { name: d.page, url: `https://vk.com/${d.page}` }, author: { name: d.author },
          text: d.text, attachments: [], receivedAt: new Date(now - d.minutesAgo * 60_000).toISOString(),
        }));
      }
    });
    createClusterKeeper(cache.db).step(1000);
    const store = new ClusterStore(cache.db);
    const clusterOf = (id: string) => store.clusterIdOf(id);
    expect(clusterOf('bait-1')).not.toBeNull();
    expect(clusterOf('bait-2')).toBe(clusterOf('bait-1'));
    expect(clusterOf('bait-3')).toBe(clusterOf('bait-1'));
    expect(clusterOf('road-1')).not.toBeNull();
    expect(clusterOf('road-2')).toBe(clusterOf('road-1'));
    expect(clusterOf('road-1')).not.toBe(clusterOf('bait-1'));
    for (const id of ['road-late', 'short-1', 'short-2', 'bait-edited', 'bait-number']) expect(clusterOf(id), id).toBeNull();
    expect(store.members(clusterOf('bait-1')!).map((m) => m.reason).sort()).toEqual(['copy', 'copy', null]);
    const collapsed = store.collapse(cache.rows.inboxIds('newest'), new Set());
    expect(collapsed.ids).toHaveLength(drafts.length - 2 - 1);
    expect(collapsed.clusters['bait-3']?.size).toBe(3);
  });
});

describe('cluster decisions on the real server', () => {
  let server: RunningServer;
  let serverTemp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    serverTemp = tempDir('clusters-server');
    server = await startTestServer({ port: 0, dataDir: serverTemp.dir });
    const session = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'connector', password: 'connector' }) });
    const { token } = await session.json() as { token: string };
    const ingest = await fetch(`${server.url}/api/v1/appeals`, { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ appeals: surgeAppeals(Date.now()) }) });
    expect(ingest.status).toBe(200);
  });
  afterAll(async () => { await server.close(); serverTemp.remove(); });

  async function openCore(pushDelayMs: number): Promise<DeskCore> {
    const temp = tempDir('clusters-desk');
    const core = await createDeskCore({ dataDir: temp.dir, apiUrl: server.url, pushDelayMs, syncIntervalMs: 3_600_000 });
    cleanup.push(() => temp.remove(), () => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
    return core;
  }

  it('routes every waiting appeal of a cluster with one call: one mutation each, each at version 2', async () => {
    const core = await openCore(0);
    const inbox = await value<{ ids: string[]; clusters: Record<string, { clusterId: string; size: number }> }>(
      core, 'inbox.ids', {});
    expect(inbox.clusters['surge-water-5']?.size).toBe(5);
    const result = await value<{ acks: { appealId: string }[]; failed: unknown[] }>(core, 'clusters.decide',
      { appealId: 'surge-water-5', decision: { type: 'route', targetId: 'mingkh' } });
    expect(result.acks.map((a) => a.appealId).sort()).toEqual([...SURGE_WATER_IDS].sort());
    expect(result.failed).toEqual([]);
    expect((await value<{ ids: string[] }>(core, 'inbox.ids', {})).ids).not.toContain('surge-water-5');
    await statusMatching(core, (s) => s.pending === 0);

    const db = new Database(join(serverTemp.dir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
    try {
      const perAppeal = new Map((db.prepare('SELECT appeal_id, count(*) AS n FROM mutations GROUP BY appeal_id')
        .all() as { appeal_id: string; n: number }[]).map((r) => [r.appeal_id, r.n]));
      for (const id of SURGE_WATER_IDS) expect(perAppeal.get(id), id).toBe(1);
      expect([...perAppeal.keys()].sort()).toEqual([...SURGE_WATER_IDS].sort());
    } finally {
      db.close();
    }
    for (const id of SURGE_WATER_IDS) {
      const local = await value<{ appeal: Appeal }>(core, 'appeals.get', { id });
      expect(local.appeal).toMatchObject({ status: 'routed', targetId: 'mingkh', version: 2 });
    }
  });

  it('Ctrl+Z takes a whole cluster’s decision back while nothing has been sent', async () => {
    const core = await openCore(600_000);
    const before = await value<{ ids: string[] }>(core, 'inbox.ids', {});
    expect(before.ids).toContain('surge-bus-3');
    const decided = await value<{ acks: unknown[] }>(core, 'clusters.decide',
      { appealId: 'surge-bus-3', decision: { type: 'route', targetId: 'mintrans' } });
    expect(decided.acks).toHaveLength(3);
    expect((await value<{ pending: number }>(core, 'sync.status', {})).pending).toBe(3);
    const undone = await value<{ appealId: string; appealIds: string[] }>(core, 'appeals.undo', {});
    expect(undone.appealId).toBe('surge-bus-3');
    expect([...undone.appealIds].sort()).toEqual([...SURGE_BUS_IDS].sort());
    expect((await value<{ pending: number }>(core, 'sync.status', {})).pending).toBe(0);
    const after = await value<{ ids: string[]; clusters: Record<string, { size: number }> }>(core, 'inbox.ids', {});
    expect(after.ids).toEqual(before.ids);
    expect(after.clusters['surge-bus-3']?.size).toBe(3);
    const nothing = await core.call('appeals.undo', {});
    expect(nothing.ok).toBe(false);
  });

  it('decides only the members the operator was shown, never one that joined after', async () => {
    const core = await openCore(600_000);
    // The detail pane listed surge-bus-3 and surge-bus-2; surge-bus-1 joined the cluster afterwards.
    const decided = await value<{ acks: { appealId: string }[]; failed: unknown[] }>(core, 'clusters.decide',
      { appealId: 'surge-bus-3', decision: { type: 'route', targetId: 'mintrans' }, memberIds: ['surge-bus-3', 'surge-bus-2'] });
    expect(decided.acks.map((a) => a.appealId)).toEqual(['surge-bus-3', 'surge-bus-2']);
    expect(decided.failed).toEqual([]);
    const left = await value<{ appeal: { status: string } }>(core, 'appeals.get', { id: 'surge-bus-1' });
    expect(left.appeal.status).toBe('new');
    expect((await value<{ appealIds: string[] }>(core, 'appeals.undo', {})).appealIds).toHaveLength(2);
  });
});
