// One key for a whole cluster: the same decision for each of its waiting appeals — one outbox mutation per appeal,
// exactly as if each were decided alone, marked with one batch id — and an undo that takes a batch back whole.
// Only the members the operator was shown are decided (the keeper may add more while the key is being pressed).
import type { Decision, UserRef } from '../../../shared/domain/appeal.js';
import type { ClusterDecisionResult } from '../../../shared/desk-api/clusters-contract.js';
import type { LocalCache } from '../cache/local-cache.js';
import { decideAppeal, notUndoableText, undoNewestDecision } from '../decide-appeal.js';
import { DeskFailure } from '../desk-failure.js';
import { recomputeLocalView } from '../local-view.js';
import { ulid } from '../ulid.js';
import type { ClusterStore } from './cluster-store.js';

/**
 * `shown`: the member ids the operator saw when pressing the key. Only those still waiting in the cluster are decided,
 * so an appeal the keeper added or merged in meanwhile is never decided unseen. Absent = every waiting member.
 */
export function decideCluster(
  cache: LocalCache, clusters: ClusterStore, appealId: string, decision: Decision, by: UserRef, nowMs: number = Date.now(),
  shown?: readonly string[],
): ClusterDecisionResult {
  const batchId = ulid(nowMs);
  return cache.transaction(() => {
    const clusterId = clusters.clusterIdOf(appealId);
    const members = clusterId === null ? [appealId] : clusters.waitingMembers(clusterId);
    const shownSet = shown === undefined ? null : new Set(shown);
    const waiting = new Set(members);
    // The row the key was pressed on goes first, even if a newer member arrived meanwhile.
    const ids = [appealId, ...members.filter((id) => id !== appealId && (shownSet === null || shownSet.has(id)))];
    const result: ClusterDecisionResult = { batchId, acks: [], failed: [] };
    // Shown but no longer waiting here (decided by someone else, or no longer in this cluster): say so, skip it.
    for (const id of shownSet ?? []) {
      if (id !== appealId && !waiting.has(id)) result.failed.push({ appealId: id, message: 'Обращение уже разобрано' });
    }
    for (const id of ids) {
      try {
        const ack = decideAppeal(cache, id, decision, by, nowMs); // a savepoint of its own inside this transaction
        cache.outbox.joinBatch(ack.mutationId, { id: batchId, kind: 'cluster' });
        result.acks.push(ack);
      } catch (error) {
        if (!(error instanceof DeskFailure)) throw error;
        if (id === appealId) throw error; // the appeal on screen itself cannot be decided: say so, change nothing
        result.failed.push({ appealId: id, message: error.message });
      }
    }
    return result;
  });
}

/** Undo of the newest decision; when it was a cluster's, every decision of that batch goes, or none. */
export function undoNewestBatch(cache: LocalCache, userId: string): { appealId: string; appealIds?: string[] } {
  return cache.transaction(() => {
    const newest = cache.outbox.newest(userId);
    if (!newest) throw new DeskFailure('nothing_to_undo', 'Нечего отменять');
    const rows = cache.outbox.batchOf(newest.mutationId);
    if (rows.length <= 1) return undoNewestDecision(cache, userId);
    const attempted = rows.find((row) => row.attemptedAt !== null);
    if (attempted) throw new DeskFailure('already_sent', notUndoableText(attempted, 'Решение по группе'));
    for (const row of rows) {
      cache.outbox.delete(row.mutationId);
      recomputeLocalView(cache, row.appealId);
    }
    const appealIds = rows.map((row) => row.appealId);
    return { appealId: appealIds[0] ?? newest.appealId, appealIds };
  });
}
