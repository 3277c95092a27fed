// POST /mutations: operator decisions applied idempotently, one transaction per mutation, results in order.
// What to do with a mutation is decided here, as a pure function of what the store holds inside its transaction.
import type { Mutation, MutationResult, MutationsRequest, MutationsResponse } from '../../shared/central-api/contract.js';
import { applyDecision, decidedByAnother, isWithdrawn, mayDecide, type Decision } from '../../shared/domain/appeal.js';
import type { User } from '../../shared/domain/user.js';
import { mutationFingerprint } from '../mutation-fingerprint.js';
import type { CentralStore, MutationPlan, MutationState } from '../store/central-store.js';

const invalid = (id: string, code: string, message: string): MutationResult =>
  ({ id, status: 'invalid', error: { code, message } });

const decisionOf = (m: Mutation): Decision =>
  m.type === 'route' ? { type: 'route', targetId: m.targetId } : { type: 'reject', reason: m.reason };

/** The outcome of mutation `m` by `user` at `at`, given the stored state. */
export function planMutation(m: Mutation, user: User, at: string, state: MutationState): MutationPlan {
  const fingerprint = mutationFingerprint(m);
  const { seen, current } = state;
  if (seen !== undefined) {
    // Mutations applied before the fingerprint was kept can only be compared by their appeal.
    const same = seen.fingerprint === null ? seen.appealId === m.appealId : seen.fingerprint === fingerprint;
    if (!same) {
      return { result: invalid(m.id, 'mutation_id_reused',
        'Идентификатор решения уже использован для другого решения; это решение не применено') };
    }
    return { result: seen.appeal ? { id: m.id, status: 'duplicate', appeal: seen.appeal } : { id: m.id, status: 'duplicate' } };
  }
  if (!current) return { result: invalid(m.id, 'not_found', 'Обращение не найдено на сервере') };
  if (!state.targetExists) return { result: invalid(m.id, 'unknown_target', 'Неизвестный адресат маршрутизации') };
  if (m.baseVersion !== current.version) return { result: { id: m.id, status: 'conflict', appeal: current } };
  // «Отозвано автором» is true of a withdrawn appeal only (issue 14 item 6); on the version the desk saw, since the
  // base version matched above.
  if (m.type === 'reject' && m.reason === 'withdrawn' && !isWithdrawn(current)) {
    return { result: invalid(m.id, 'not_withdrawn', 'Автор не отзывал это обращение: причина «Отозвано автором» к нему не относится') };
  }
  if (!mayDecide(user, current)) {
    return { result: invalid(m.id, 'forbidden', decidedByAnother(current.routedBy)) };
  }
  const next = applyDecision(current, decisionOf(m), { id: user.id, name: user.name }, at);
  return { result: { id: m.id, status: 'applied', appeal: next }, write: { appeal: next, userId: user.id, appliedAt: at, fingerprint } };
}

export interface MutationsHooks {
  /** After the request: the appeals whose decisions were applied by it (committed), if any; awaited before answering. */
  onApplied?: (appealIds: string[]) => Promise<void> | void;
}

export function mutationsRoute(store: CentralStore, hooks: MutationsHooks = {}, now: () => Date = () => new Date()) {
  return async (input: MutationsRequest, user: User): Promise<MutationsResponse> => {
    const results: MutationResult[] = [];
    // In order, one after another: a later mutation of the batch may depend on an earlier one (undo, then redo).
    for (const m of input.mutations) {
      const key = { mutationId: m.id, appealId: m.appealId, targetId: m.type === 'route' ? m.targetId : null };
      results.push(await store.applyMutation(key, (state) => planMutation(m, user, now().toISOString(), state)));
    }
    const applied = input.mutations.filter((_m, i) => results[i]?.status === 'applied').map((m) => m.appealId);
    if (applied.length > 0) await hooks.onApplied?.(applied);
    return { results };
  };
}
