// How many appeals wait for a decision on this desk, as the status bar's «В очереди» says it. The inbox's rows are
// not that number: a folded surge cluster or duplicate pair (#6) is one row standing for several appeals, and an
// unfolded one is one row per member. Counting rows, the bar said 4 996 while the lead's «Не разобрано» (the core's
// count of waiting appeals, lead/compute-queues.ts) said 5 024 at the same moment (QA). Both count the local view,
// so a decision still in the undo window or the outbox has left both alike.
import type { ClusterInfo } from '../../../shared/desk-api/clusters-contract.js';
import type { DeskState } from './state-types.js';

/**
 * Waiting appeals behind the listed rows: a cluster counts its size once, however many of its rows are listed (one
 * when folded, each member when unfolded), any other row one. Not worked out from `expandedClusters`: G changes
 * that before the list reloads, and the count would jump for that moment.
 */
export function waitingAppeals(rowIds: readonly string[], clusterOf: ReadonlyMap<string, ClusterInfo>): number {
  if (clusterOf.size === 0) return rowIds.length;
  let count = 0;
  const counted = new Set<string>();
  // Over the rows, not over clusterOf: a cluster's row taken out by a decision leaves its entry behind until the
  // list reloads, and it must not be counted meanwhile.
  for (const id of rowIds) {
    const cluster = clusterOf.get(id);
    if (cluster === undefined) count += 1;
    else if (!counted.has(cluster.clusterId)) {
      counted.add(cluster.clusterId);
      count += cluster.size;
    }
  }
  return count;
}

// The selector runs on every store change (the clock ticks too): the count is worked out again only when the rows or
// the clusters were replaced, so 100 000 waiting rows are not walked every second.
let last: { rowIds: DeskState['rowIds']; clusterOf: DeskState['clusterOf']; count: number } | null = null;

/** Store selector: the waiting appeals of the inbox (the status bar's «В очереди»). */
export function selectWaitingAppeals(s: Pick<DeskState, 'rowIds' | 'clusterOf'>): number {
  if (last === null || last.rowIds !== s.rowIds || last.clusterOf !== s.clusterOf) {
    last = { rowIds: s.rowIds, clusterOf: s.clusterOf, count: waitingAppeals(s.rowIds, s.clusterOf) };
  }
  return last.count;
}
