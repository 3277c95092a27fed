// A shift lead's decision on many appeals at once (re-route, reassign, reject): one outbox mutation per appeal,
// each in its own transaction exactly like an operator's decision; the server judges each one (and enforces roles).
// All of one call share a batch id, so undo takes the call back whole.
import type { Decision, UserRef } from '../../../shared/domain/appeal.js';
import type { LocalCache } from '../cache/local-cache.js';
import { recomputeLocalView } from '../local-view.js';
import { ulid } from '../ulid.js';

export interface RedecideResult {
  acks: { mutationId: string; appealId: string }[];
  failed: { appealId: string; message: string }[];
}

export function redecideAppeals(
  cache: LocalCache, appealIds: readonly string[], decision: Decision, by: UserRef, nowMs: number = Date.now(),
): RedecideResult {
  const result: RedecideResult = { acks: [], failed: [] };
  // One batch for the whole call, as a cluster decision has: Ctrl+Z takes the batch back whole while unsent. A
  // selection, not a cluster: the undo toast counts it without the cluster's word.
  const batch = { id: ulid(nowMs), kind: 'selection' } as const;
  for (const appealId of new Set(appealIds)) {
    const outcome = cache.transaction(() => {
      const local = cache.appeals.local(appealId);
      if (!local) return 'Обращение не найдено в локальной базе';
      // A decision still in the outbox would make this one's base version wrong: the server would refuse it.
      if (cache.outbox.forAppeal(appealId).length > 0) return 'Предыдущее решение ещё не отправлено на сервер';
      if (decision.type === 'route' && local.status === 'routed' && local.targetId === decision.targetId) {
        return 'Уже направлено этому адресату';
      }
      const mutationId = ulid(nowMs);
      cache.outbox.insert({
        mutationId, appealId, baseVersion: local.version, decision, decidedBy: by,
        createdAt: new Date(nowMs).toISOString(), createdMs: nowMs,
      });
      cache.outbox.joinBatch(mutationId, batch);
      recomputeLocalView(cache, appealId);
      return { mutationId, appealId };
    });
    if (typeof outcome === 'string') result.failed.push({ appealId, message: outcome });
    else result.acks.push(outcome);
  }
  return result;
}
