// The push step of a sync run: send the outbox's due decisions (oldest first, in batches), apply each result in one
// transaction with the outbox row it answers, and turn what the server refuses into conflicts shown to the operator.
// A row the server did not answer properly (no result for it, or a result naming another appeal) is retried a few
// times and then becomes a visible `invalid` conflict: it never sits in the outbox forever.
import { isWithdrawn, type Appeal, type UserRef } from '../../shared/domain/appeal.js';
import { MAX_MUTATIONS_PER_REQUEST, type Mutation, type MutationResult } from '../../shared/central-api/contract.js';
import type { Conflict } from '../../shared/desk-api/contract.js';
import { backoffDelayMs } from './backoff.js';
import type { LocalCache } from './cache/local-cache.js';
import type { OutboxEntry } from './cache/outbox-store.js';
import { ApiFailure, type CentralApiClient } from './central-api-client.js';
import type { Clock } from './clock.js';
import type { DeskEventHub } from './desk-events.js';
import { recomputeLocalView } from './local-view.js';
import type { SyncLogLevel } from './sync-log.js';
import { ulid } from './ulid.js';

/** Improperly answered sends of one row after which it becomes an `invalid` conflict. */
export const MAX_UNANSWERED_SENDS = 3;

export interface PushContext {
  cache: LocalCache;
  api: CentralApiClient;
  events: DeskEventHub;
  clock: Clock;
  pushDelayMs: number;
  log: (line: string) => void;
  journal: (level: SyncLogLevel, event: string, message: string) => void;
  isClosed: () => boolean;
  /** The pending count changed (rows marked as sent or removed). */
  publishStatus: () => void;
  /** Improper answers so far per mutation id (this process's lifetime: a restart grants a few more tries). */
  unanswered: Map<string, number>;
  /** Whose rows this run sends, and under which session (see handover.ts). */
  senders: () => PushSender[];
  /** The server refused a parked session (401): its author's rows stay queued; the run goes on. */
  senderRefused: (userId: string) => void;
}

/** The signed-in operator (token undefined: the current session) or a previous one under their own parked token. */
export interface PushSender {
  user: UserRef;
  token?: string;
}

export interface PushOutcome {
  /** When to send again the rows the server left unanswered this run; null when there are none. */
  retryAtMs: number | null;
}

function toMutation(entry: OutboxEntry): Mutation {
  const base = { id: entry.mutationId, appealId: entry.appealId, baseVersion: entry.baseVersion, createdAt: entry.createdAt };
  return entry.decision.type === 'route'
    ? { ...base, type: 'route', targetId: entry.decision.targetId }
    : { ...base, type: 'reject', reason: entry.decision.reason };
}

/** HTTP statuses that refuse a /mutations request as a whole for what it carries; 401, 429 and 5xx are not these. */
const BATCH_REJECTION_STATUSES: ReadonlySet<number> = new Set([400, 403, 413, 422]);

function isBatchRejection(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure && error.kind === 'rejected' && error.status !== null
    && BATCH_REJECTION_STATUSES.has(error.status);
}

function serverSummary(appeal: Appeal | null): Conflict['server'] {
  return {
    status: appeal?.status ?? 'new',
    targetId: appeal?.targetId ?? null,
    rejectReason: appeal?.rejectReason ?? null,
    routedBy: appeal?.routedBy ?? null,
    routedAt: appeal?.routedAt ?? null,
    withdrawnAt: appeal?.withdrawnAt ?? null,
  };
}

/** The server's answers to decisions (MutationStatus) as the sync log names them; a conflict by its cause. */
const RESULT_WORDS: Readonly<Record<string, string>> = {
  applied: 'принято', duplicate: 'уже было принято', invalid: 'отклонено сервером',
};

/**
 * A conflict only says the appeal moved past the version the decision was taken on. Why, from the server's appeal:
 * decided by someone else, withdrawn by its author, or otherwise changed (its text edited, its post restored).
 */
function conflictWords(server: Appeal | null): string {
  if (server && server.status !== 'new') return 'обращение уже разобрано';
  if (server && isWithdrawn(server)) return 'обращение отозвано автором';
  return 'обращение изменилось на сервере';
}

const UNANSWERED_ERROR = {
  code: 'unanswered',
  message: 'Сервер не подтвердил это решение (ответ о другом обращении или без ответа) после нескольких попыток',
};

/**
 * Pushes every due row (all rows when `flushing`, undo grace or not; a parked session's rows need no grace), each
 * author's under their own session; throws on a failure that ends the run. A parked session the server refuses only
 * stops its author's rows.
 */
export async function pushOutbox(ctx: PushContext, flushing: boolean): Promise<PushOutcome> {
  let retryAtMs: number | null = null;
  for (const sender of ctx.senders()) {
    if (ctx.isClosed()) break;
    try {
      const next = await pushRowsOf(ctx, sender, flushing);
      if (next !== null) retryAtMs = Math.min(retryAtMs ?? next, next);
    } catch (error) {
      if (sender.token === undefined || !(error instanceof ApiFailure) || error.kind !== 'unauthorized') throw error;
      ctx.log(`sync: the parked session of ${sender.user.id} was refused (401); their decisions stay queued`);
      ctx.journal('warn', 'handover', `Сессия пользователя ${sender.user.name} больше не действует: его решения ждут его входа`);
      ctx.senderRefused(sender.user.id);
    }
  }
  return { retryAtMs };
}

async function pushRowsOf(ctx: PushContext, sender: PushSender, flushing: boolean): Promise<number | null> {
  const { cache, api } = ctx;
  const sentThisRun = new Set<string>();
  let retryAtMs: number | null = null;
  const send = (mutations: Mutation[]) => api.mutations(mutations, sender.token);
  const apply = (batch: OutboxEntry[], results: MutationResult[]) => {
    const next = applyPushResults(ctx, batch, results);
    if (next !== null) retryAtMs = Math.min(retryAtMs ?? next, next);
  };
  while (!ctx.isClosed()) {
    // Select and mark in one synchronous transaction: from here on undo refuses these rows.
    const batch = cache.transaction(() => {
      // A previous operator's kept rows (a parked session) go out at once: signed out, their author can no longer
      // undo them, so the undo grace would only delay them.
      const graceMs = flushing || sender.token !== undefined ? 0 : ctx.pushDelayMs;
      const due = cache.outbox
        .due(ctx.clock.now() - graceMs, [sender.user.id], MAX_MUTATIONS_PER_REQUEST)
        .filter((entry) => !sentThisRun.has(entry.mutationId));
      const at = new Date(ctx.clock.now()).toISOString();
      for (const entry of due) cache.outbox.markAttempted(entry.mutationId, at);
      return due;
    });
    if (batch.length === 0) break;
    for (const entry of batch) sentThisRun.add(entry.mutationId);
    ctx.publishStatus();
    try {
      apply(batch, (await send(batch.map(toMutation))).results);
    } catch (error) {
      if (!isBatchRejection(error)) {
        const message = error instanceof Error ? error.message : String(error);
        cache.transaction(() => batch.forEach((entry) => cache.outbox.recordError(entry.mutationId, message)));
        throw error;
      }
      // The server refused the request as a whole (one bad row, a size limit): find the row, let the rest go.
      await pushOneByOne(ctx, batch, error, send, apply);
    }
  }
  return retryAtMs;
}

/**
 * After a batch-level 4xx: each row alone. A row the server still refuses becomes an `invalid` conflict (shown to
 * the operator) and leaves the outbox; any other failure (401, 429, 5xx, network) stops here as a normal failure.
 */
async function pushOneByOne(ctx: PushContext, batch: OutboxEntry[], batchError: ApiFailure,
  send: (mutations: Mutation[]) => Promise<{ results: MutationResult[] }>,
  apply: (batch: OutboxEntry[], results: MutationResult[]) => void): Promise<void> {
  const { cache } = ctx;
  ctx.log(`sync: batch of ${batch.length} refused (HTTP ${batchError.status}); retrying one at a time`);
  ctx.journal('warn', 'push-split', `Сервер не принял пачку решений (${batch.length}): отправляем по одному (для ИТ: код ответа ${batchError.status})`);
  const refuse = (entry: OutboxEntry, error: ApiFailure) => apply([entry], [{ id: entry.mutationId,
    status: 'invalid', error: { code: `http_${error.status}`, message: error.message } }]);
  if (batch.length === 1 && batch[0]) {
    refuse(batch[0], batchError); // it was already alone: that row is the one refused
    return;
  }
  for (const [index, entry] of batch.entries()) {
    if (ctx.isClosed()) return;
    try {
      apply([entry], (await send([toMutation(entry)])).results);
    } catch (error) {
      if (isBatchRejection(error)) {
        refuse(entry, error);
        continue;
      }
      const message = error instanceof Error ? error.message : String(error);
      cache.transaction(() => batch.slice(index).forEach((e) => cache.outbox.recordError(e.mutationId, message)));
      throw error;
    }
  }
}

/** Applies the results of one request; returns when to retry the rows it left unanswered (null when none). */
function applyPushResults(ctx: PushContext, batch: OutboxEntry[], results: MutationResult[]): number | null {
  const { cache } = ctx;
  const changed = new Set<string>();
  const conflicts: Conflict[] = [];
  const counts: Record<string, number> = {};
  // The same answers in the operator's words (a conflict by its cause), for the journal.
  const worded: Record<string, number> = {};
  let retryAtMs: number | null = null;
  const sentIds = new Set(batch.map((entry) => entry.mutationId));
  const resultFor = new Map<string, MutationResult>();
  for (const result of results) {
    if (sentIds.has(result.id)) resultFor.set(result.id, result);
    else ctx.log('sync: push result for a mutation not in this request ignored');
  }
  cache.transaction(() => {
    for (const sent of batch) {
      const entry = cache.outbox.get(sent.mutationId);
      if (!entry) continue;
      let result = resultFor.get(entry.mutationId);
      // No result, or one about another appeal (a server that mangles ids): nothing to apply. Try again a few times
      // (a proxy or a restarting server may have garbled one answer), then show it to the operator as refused.
      if (!result || (result.appeal !== undefined && result.appeal.id !== entry.appealId)) {
        const tries = (ctx.unanswered.get(entry.mutationId) ?? 0) + 1;
        if (tries < MAX_UNANSWERED_SENDS) {
          ctx.unanswered.set(entry.mutationId, tries);
          ctx.log(`sync: mutation ${entry.mutationId} not answered properly (${tries} of ${MAX_UNANSWERED_SENDS}); will retry`);
          const at = ctx.clock.now() + backoffDelayMs(tries);
          retryAtMs = Math.min(retryAtMs ?? at, at);
          continue;
        }
        result = { id: entry.mutationId, status: 'invalid', error: UNANSWERED_ERROR };
      }
      ctx.unanswered.delete(entry.mutationId);
      counts[result.status] = (counts[result.status] ?? 0) + 1;
      cache.outbox.delete(entry.mutationId);
      if (result.appeal) cache.appeals.storeServer(result.appeal);
      recomputeLocalView(cache, entry.appealId);
      changed.add(entry.appealId);
      // The server's appeal, read only for a refused decision (the conflict shows it, the journal names its cause).
      const server = result.status === 'conflict' || result.status === 'invalid'
        ? result.appeal ?? cache.appeals.server(entry.appealId) : null;
      const word = result.status === 'conflict' ? conflictWords(server) : RESULT_WORDS[result.status] ?? 'прочее';
      worded[word] = (worded[word] ?? 0) + 1;
      if (result.status === 'conflict' || result.status === 'invalid') {
        const conflict: Conflict = {
          id: ulid(),
          appealId: entry.appealId,
          excerpt: cache.appeals.excerpt(entry.appealId),
          local: entry.decision,
          server: serverSummary(server),
          detectedAt: new Date(ctx.clock.now()).toISOString(),
        };
        cache.conflicts.insert(conflict, result.status, result.status === 'invalid'
          ? (result.error ?? { code: 'invalid', message: 'Сервер отклонил решение' })
          : null);
        conflicts.push(conflict);
      }
    }
  });
  const summary = Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ');
  ctx.log(`sync: pushed ${batch.length} (${summary || 'none answered'})`);
  // The journal is read by the operator too: the server's answers in words, not its status codes.
  const answered = Object.entries(worded).map(([k, v]) => `${k}: ${v}`).join(', ');
  ctx.journal(conflicts.length > 0 || retryAtMs !== null ? 'warn' : 'info', 'push',
    `Отправлено решений: ${batch.length} (${answered || 'без подтверждения'})`);
  if (changed.size > 0) ctx.events.emit('appeals.changed', { ids: [...changed] });
  for (const conflict of conflicts) ctx.events.emit('sync.conflict', conflict);
  ctx.publishStatus();
  return retryAtMs;
}
