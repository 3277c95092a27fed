// The status bar's «В очереди» counts waiting appeals, the number the lead's «Не разобрано» shows — not the inbox's
// rows, where a folded surge cluster is one row (QA: 4 996 in the bar against 5 024 on the lead's screen). Driven
// through the real store: folding and unfolding a cluster (G) changes the rows, never the count, not even for the
// moment between the key and the list's reload.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { ClusterInfo } from '../../../shared/desk-api/clusters-contract.js';
import { useDeskStore } from '../../../renderer/src/store/desk-store.js';
import { selectWaitingAppeals, waitingAppeals } from '../../../renderer/src/store/waiting-count.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';

// Nine waiting appeals: a surge of four (w1 the face), a duplicate pair (d1 the face), three alone.
const WATER = ['w1', 'w2', 'w3', 'w4'];
const DUP = ['d1', 'd2'];
const ORDER = ['w1', 'a1', 'd1', 'w2', 'a2', 'w3', 'd2', 'w4', 'a3'];
const CLUSTER: Record<string, ClusterInfo> = {
  ...Object.fromEntries(WATER.map((id) => [id, { clusterId: 'c-water', size: 4 }])),
  ...Object.fromEntries(DUP.map((id) => [id, { clusterId: 'c-dup', size: 2 }])),
};

/** What the core's inbox.ids answers (ClusterStore.collapse): each cluster folded to its face unless expanded. */
function collapse(expanded: readonly string[]): { ids: string[]; clusters: Record<string, ClusterInfo> } {
  const ids: string[] = [];
  const clusters: Record<string, ClusterInfo> = {};
  const faced = new Set<string>();
  for (const id of ORDER) {
    const c = CLUSTER[id];
    if (c === undefined) { ids.push(id); continue; }
    if (!expanded.includes(c.clusterId) && faced.has(c.clusterId)) continue;
    faced.add(c.clusterId);
    ids.push(id);
    clusters[id] = c;
  }
  return { ids, clusters };
}

/** inbox.ids answers wait for the test, so the moment between G and the reload can be looked at. */
let pending: (() => void)[] = [];
useFakeDesk(function call(method: string, input?: unknown): Promise<DeskResult<unknown>> {
  if (method === 'inbox.ids') {
    const { expanded } = input as { expanded: string[] };
    return new Promise((resolve) => { pending.push(() => resolve({ ok: true, value: collapse(expanded) })); });
  }
  return Promise.resolve(NOT_FOUND);
});

const state = () => useDeskStore.getState();
async function answerInbox(): Promise<void> {
  const waiting = pending;
  pending = [];
  for (const answer of waiting) answer();
  await sleep(0);
}

beforeEach(() => {
  pending = [];
  state().clearInbox();
  useDeskStore.setState({ view: 'inbox', heldByOthers: new Map(), selectionHold: null, alert: null, notice: null,
    expandedClusters: new Set() });
});

describe('the status bar\'s waiting count', () => {
  it('counts the appeals behind folded clusters, not the rows', async () => {
    const loading = state().loadInbox();
    await answerInbox();
    await loading;
    expect(state().rowIds).toEqual(['w1', 'a1', 'd1', 'a2', 'a3']);
    expect(selectWaitingAppeals(state())).toBe(9);
  });

  it('stays the same while a cluster is unfolded and folded again, before and after the list reloads', async () => {
    const loading = state().loadInbox();
    await answerInbox();
    await loading;
    state().select('w1');
    await sleep(0);
    state().toggleCluster(); // G: unfold the surge
    expect(state().expandedClusters.has('c-water')).toBe(true);
    expect(selectWaitingAppeals(state())).toBe(9); // the key is in, the rows are not yet
    await answerInbox();
    expect(state().rowIds).toHaveLength(8);
    expect(selectWaitingAppeals(state())).toBe(9);
    state().toggleCluster(); // G again: fold it
    expect(selectWaitingAppeals(state())).toBe(9);
    await answerInbox();
    expect(state().rowIds).toHaveLength(5);
    expect(selectWaitingAppeals(state())).toBe(9);
  });
});

describe('waitingAppeals', () => {
  const clusterOf = new Map(Object.entries(CLUSTER));
  it('is the row count when nothing is clustered', () => {
    expect(waitingAppeals(['a', 'b', 'c'], new Map())).toBe(3);
  });
  it('counts a folded cluster\'s hidden members and an unfolded one\'s rows once each', () => {
    // The core's answer lists the faces of folded clusters only: w1 for four, d1 for two.
    const folded = new Map(Object.entries({ w1: CLUSTER.w1!, d1: CLUSTER.d1! }));
    expect(waitingAppeals(['w1', 'a1', 'd1', 'a2', 'a3'], folded)).toBe(9);
    // Unfolded, every member is a row of its own and an entry: nothing hidden.
    expect(waitingAppeals(ORDER, clusterOf)).toBe(9);
  });
});
