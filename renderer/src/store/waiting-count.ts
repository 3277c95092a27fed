// How many appeals wait for a decision on this desk, as the status bar's «В очереди» says it. The inbox's rows are
// not that number: a folded surge cluster or duplicate pair (#6) is one row standing for several appeals, and an
// unfolded one is one row per member. Counting rows, the bar said 4 996 while the lead's «Не разобрано» (the core's
// count of waiting appeals, lead/compute-queues.ts) said 5 024 at the same moment (QA). Both count the local view,
// so a decision still in the undo window or the outbox has left both alike.
import type { ClusterInfo } from '../../../shared/desk-api/clusters-contract.js';
import type { DeskState } from './state-types.js';

/**
 * Waiting appeals behind the listed rows: the rows, plus for each cluster the members its listed rows do not show (a
 * folded cluster is one row for `size` appeals; an unfolded one lists them all). Worked out from the clusters of the
 * last list the core gave (`clusterOf` holds only listed ids), never by walking the rows: `rowIds` is replaced on
 * every decision, and a walk of 100,000 rows with a lookup each cost 5–10 ms per key (review). The price: for the
 * moment between deciding a folded cluster here and the list's reload (the core regroups it at once), the count has
 * dropped by one, not by the cluster's size. Not worked out from `expandedClusters` either: G changes that before the
 * list reloads, and the count would jump for that moment.
 */
export function waitingAppeals(rowIds: readonly string[], clusterOf: ReadonlyMap<string, ClusterInfo>): number {
  return rowIds.length + hiddenMembers(clusterOf);
}

/** Members of the listed clusters that no listed row stands for: per cluster, its size less its listed rows. */
function hiddenMembers(clusterOf: ReadonlyMap<string, ClusterInfo>): number {
  const listed = new Map<string, { size: number; rows: number }>();
  for (const { clusterId, size } of clusterOf.values()) {
    const entry = listed.get(clusterId) ?? { size, rows: 0 };
    entry.rows += 1;
    listed.set(clusterId, entry);
  }
  let hidden = 0;
  for (const { size, rows } of listed.values()) hidden += Math.max(0, size - rows);
  return hidden;
}

// The selector runs on every store change (the clock ticks too): the clusters' part is worked out again only when the
// core's clusters were replaced (a reload), the rows' part is their length.
let last: { clusterOf: DeskState['clusterOf']; hidden: number } | null = null;

/** Store selector: the waiting appeals of the inbox (the status bar's «В очереди»). */
export function selectWaitingAppeals(s: Pick<DeskState, 'rowIds' | 'clusterOf'>): number {
  if (last === null || last.clusterOf !== s.clusterOf) last = { clusterOf: s.clusterOf, hidden: hiddenMembers(s.clusterOf) };
  return s.rowIds.length + last.hidden;
}
