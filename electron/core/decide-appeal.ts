// Operator decisions on this machine: route/reject write the local view and the outbox row in ONE transaction;
// undo takes back the newest decision that has not been handed to the network yet.
import { decidedByAnother, isWithdrawn, mayDecide, type Decision, type UserRef } from '../../shared/domain/appeal.js';
import type { User } from '../../shared/domain/user.js';
import type { UndoableDecision } from '../../shared/desk-api/sync-contract.js';
import type { z } from 'zod';
import type { DecisionAck as DecisionAckSchema } from '../../shared/desk-api/inbox-contract.js';
import type { LocalCache } from './cache/local-cache.js';
import type { OutboxEntry } from './cache/outbox-store.js';
import { DeskFailure } from './desk-failure.js';
import { recomputeLocalView } from './local-view.js';
import { ulid } from './ulid.js';

/** What a stored decision answers (the contract's shape: the outbox row's idempotency id and its appeal). */
export type DecisionAck = z.output<typeof DecisionAckSchema>;

export function decideAppeal(
  cache: LocalCache,
  appealId: string,
  decision: Decision,
  by: UserRef,
  nowMs: number = Date.now(),
): DecisionAck {
  return cache.transaction(() => {
    const local = cache.appeals.local(appealId);
    if (!local) throw new DeskFailure('not_found', 'Обращение не найдено в локальной базе');
    if (local.status !== 'new') throw new DeskFailure('not_pending', 'Обращение уже разобрано');
    // The reason is a fact about the appeal, not an opinion: only for one its author withdrew (issue 14 item 6).
    if (decision.type === 'reject' && decision.reason === 'withdrawn' && !isWithdrawn(local)) {
      throw new DeskFailure('not_withdrawn', 'Автор не отзывал это обращение');
    }
    const mutationId = ulid(nowMs);
    cache.outbox.insert({
      mutationId,
      appealId,
      // The version the operator saw; if the server moved on, the push comes back as a conflict.
      baseVersion: local.version,
      decision,
      decidedBy: by,
      createdAt: new Date(nowMs).toISOString(),
      createdMs: nowMs,
    });
    recomputeLocalView(cache, appealId);
    return { mutationId, appealId };
  });
}

/**
 * Why a decision handed to the network cannot be undone, as it stands: the server may have it (an answer lost is no
 * refusal), so it is never taken back. Offline — its sending failed — it waits in the queue: «уже отправлено на
 * сервер» beside «Нет связи · ожидают отправки: 4» was untrue (a trial of 6 December).
 */
export function notUndoableText(row: Pick<OutboxEntry, 'lastError'>, what = 'Решение'): string {
  return row.lastError === null
    ? `${what} уже отправляется на сервер — отменить нельзя`
    : `${what} уже передавалось на сервер, и он мог его получить — отменить нельзя. Оно в очереди и уйдёт при следующей отправке`;
}

export function undoNewestDecision(cache: LocalCache, userId: string): { appealId: string } {
  return cache.transaction(() => {
    const newest = cache.outbox.newest(userId);
    if (!newest) throw new DeskFailure('nothing_to_undo', 'Нечего отменять');
    if (newest.attemptedAt !== null) throw new DeskFailure('already_sent', notUndoableText(newest));
    cache.outbox.delete(newest.mutationId);
    recomputeLocalView(cache, newest.appealId);
    return { appealId: newest.appealId };
  });
}

/**
 * What an undo by `userId` would take back now (#13), for the sync status and so the undo toast: the newest outbox
 * row while it is not handed to the network, with its whole batch (a surge cluster's, a lead's selection); null when
 * undo would refuse. Whether it replaces a decision is read from the server state the rows are based on.
 */
export function undoableDecision(cache: LocalCache, userId: string, pushDelayMs: number): UndoableDecision | null {
  const newest = cache.outbox.newest(userId);
  if (!newest || newest.attemptedAt !== null) return null;
  const rows = cache.outbox.batchOf(newest.mutationId);
  // Part of a cluster's batch already went out: the undo refuses the whole batch, so nothing is offered.
  if (rows.length === 0 || rows.some((row) => row.attemptedAt !== null)) return null;
  const appealIds = rows.map((row) => row.appealId);
  return {
    mutationIds: rows.map((row) => row.mutationId),
    appealIds,
    excerpt: cache.appeals.excerpt(appealIds[0] ?? newest.appealId),
    decision: newest.decision,
    batch: rows.length > 1 ? newest.batchKind : null,
    redecision: cache.appeals.anyDecidedOnServer(appealIds),
    decidedAt: newest.createdAt,
    sendAt: new Date(newest.createdMs + pushDelayMs).toISOString(),
    windowMs: Math.max(0, Math.round(pushDelayMs)),
  };
}

/**
 * Works off a conflict by deciding again on top of the server's CURRENT version (the operator has seen who decided
 * it and where): one transaction removes the conflict and queues the new decision. The server's own rule is asked
 * first, on that version: an operator may not override a colleague's routing, and is told so at once — queued, it
 * came back from the server after the undo grace, unexplained (trial of 4 December).
 */
export function rerouteAfterConflict(
  cache: LocalCache,
  conflictId: string,
  decision: Decision,
  by: Pick<User, 'id' | 'name' | 'role'>,
  nowMs: number = Date.now(),
): DecisionAck {
  return cache.transaction(() => {
    const conflict = cache.conflicts.get(conflictId);
    if (!conflict) throw new DeskFailure('not_found', 'Конфликт уже разобран');
    const server = cache.appeals.server(conflict.appealId);
    if (!server) throw new DeskFailure('not_found', 'Обращение не найдено в локальной базе');
    if (!mayDecide(by, server)) throw new DeskFailure('forbidden', decidedByAnother(server.routedBy));
    if (cache.outbox.forAppeal(conflict.appealId).length > 0) {
      throw new DeskFailure('not_pending', 'По обращению уже есть неотправленное решение');
    }
    const mutationId = ulid(nowMs);
    cache.outbox.insert({
      mutationId,
      appealId: conflict.appealId,
      baseVersion: server.version,
      decision,
      decidedBy: { id: by.id, name: by.name },
      createdAt: new Date(nowMs).toISOString(),
      createdMs: nowMs,
    });
    cache.conflicts.delete(conflictId);
    recomputeLocalView(cache, conflict.appealId);
    return { mutationId, appealId: conflict.appealId };
  });
}
