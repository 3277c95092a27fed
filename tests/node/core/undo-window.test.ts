// What the sync status offers for undo (#13, the toast's source of truth), against a real cache file: the newest
// decision of the signed-in operator while it is not handed to the network, with its send time; nothing once sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from '../../../electron/core/cache/local-cache.js';
import { decideAppeal, undoableDecision, undoNewestDecision } from '../../../electron/core/decide-appeal.js';
import { decideCluster } from '../../../electron/core/clusters/cluster-decisions.js';
import { ClusterStore } from '../../../electron/core/clusters/cluster-store.js';
import { redecideAppeals } from '../../../electron/core/lead/redecide-appeals.js';
import { sampleAppeal, tempDir } from './core-test-kit.js';

const OPERATOR = { id: 'u-operator1', name: 'Оператор 1' };
const OTHER = { id: 'u-operator2', name: 'Оператор 2' };
const LEAD = { id: 'u-lead', name: 'Старший смены' };
const WINDOW_MS = 7_000;

let temp: ReturnType<typeof tempDir>;
let cache: LocalCache;
beforeEach(() => {
  temp = tempDir('undo-window');
  cache = openLocalCache(temp.dir);
  cache.transaction(() => {
    for (let i = 1; i <= 3; i += 1) cache.appeals.storeServer(sampleAppeal(i));
  });
});
afterEach(() => {
  cache.db.close();
  temp.remove();
});

describe('undoableDecision', () => {
  it('offers nothing on an empty outbox', () => {
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)).toBeNull();
  });

  it('names the newest decision, its appeal excerpt and when its window ends', () => {
    const nowMs = Date.parse('2026-12-02T05:00:00.000Z');
    decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR, nowMs - 1_000);
    const ack = decideAppeal(cache, 'a-00002', { type: 'reject', reason: 'spam' }, OPERATOR, nowMs);
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)).toEqual({
      mutationIds: [ack.mutationId],
      appealIds: ['a-00002'],
      excerpt: cache.appeals.excerpt('a-00002'),
      decision: { type: 'reject', reason: 'spam' },
      batch: null,
      redecision: false,
      decidedAt: '2026-12-02T05:00:00.000Z',
      sendAt: '2026-12-02T05:00:07.000Z',
      windowMs: WINDOW_MS,
    });
    expect(cache.appeals.excerpt('a-00002')).not.toBe('');
    // After an undo the previous decision, still in its window, is what Ctrl+Z would take next.
    undoNewestDecision(cache, OPERATOR.id);
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)?.appealIds).toEqual(['a-00001']);
  });

  it('offers nothing once the newest row was handed to the network (undo would refuse it)', () => {
    const ack = decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR);
    cache.outbox.markAttempted(ack.mutationId, new Date().toISOString());
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)).toBeNull();
    expect(() => undoNewestDecision(cache, OPERATOR.id)).toThrow('Решение уже отправляется на сервер — отменить нельзя');
  });

  it("does not offer another operator's decision to the one signed in", () => {
    decideAppeal(cache, 'a-00001', { type: 'route', targetId: 'mingkh' }, OTHER);
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)).toBeNull();
    expect(undoableDecision(cache, OTHER.id, WINDOW_MS)?.appealIds).toEqual(['a-00001']);
  });

  // Trial, lead desk: two rows of a queue re-routed showed «Направлено: … · группа, 2 обращения» — the toast is told
  // what the batch was and whether it replaces the server's decision, from the outbox and the cached server state.
  it('tells a lead\'s selection from a surge cluster, and a re-route of decided appeals from a first routing', () => {
    const routedBefore = { status: 'routed' as const, targetId: 'minobr', version: 2,
      routedBy: { id: OPERATOR.id, name: OPERATOR.name }, routedAt: '2026-12-02T04:00:00.000Z' };
    cache.transaction(() => {
      cache.appeals.storeServer(sampleAppeal(4, routedBefore));
      cache.appeals.storeServer(sampleAppeal(5, routedBefore));
    });
    const rerouted = redecideAppeals(cache, ['a-00004', 'a-00005'], { type: 'route', targetId: 'nsk' }, LEAD);
    expect(rerouted.failed).toEqual([]);
    expect(undoableDecision(cache, LEAD.id, WINDOW_MS)).toMatchObject({
      appealIds: ['a-00004', 'a-00005'], decision: { type: 'route', targetId: 'nsk' }, batch: 'selection', redecision: true,
    });
    undoNewestDecision(cache, LEAD.id);
    undoNewestDecision(cache, LEAD.id);

    // «Не разобрано»: the same selection call on waiting appeals routes them for the first time.
    redecideAppeals(cache, ['a-00001', 'a-00002'], { type: 'route', targetId: 'nsk' }, LEAD);
    expect(undoableDecision(cache, LEAD.id, WINDOW_MS)).toMatchObject({ batch: 'selection', redecision: false });
    undoNewestDecision(cache, LEAD.id);
    undoNewestDecision(cache, LEAD.id);

    // A surge cluster decided with one key stays «группа».
    cache.db.prepare("UPDATE appeals SET cluster_id = 'a-00001' WHERE id IN ('a-00001', 'a-00002', 'a-00003')").run();
    const cluster = decideCluster(cache, new ClusterStore(cache.db), 'a-00001', { type: 'route', targetId: 'mingkh' }, OPERATOR);
    expect(cluster.acks).toHaveLength(3);
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)).toMatchObject({ batch: 'cluster', redecision: false });
    expect(undoableDecision(cache, OPERATOR.id, WINDOW_MS)?.appealIds).toHaveLength(3);
  });
});
