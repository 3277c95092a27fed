// POST /mutations: operator decisions applied idempotently, one transaction per mutation, results in order.
import type { Mutation, MutationResult, MutationsRequest, MutationsResponse } from '../../shared/central-api/contract.js';
import { applyDecision, type Appeal, type Decision } from '../../shared/domain/appeal.js';
import type { User } from '../../shared/domain/user.js';
import { mutationFingerprint } from '../mutation-fingerprint.js';
import type { Store } from '../store.js';

const invalid = (id: string, code: string, message: string): MutationResult =>
  ({ id, status: 'invalid', error: { code, message } });

const decisionOf = (m: Mutation): Decision =>
  m.type === 'route' ? { type: 'route', targetId: m.targetId } : { type: 'reject', reason: m.reason };

/** Operators decide new appeals and may change their own decisions; leads may change anything. */
function mayDecide(user: User, appeal: Appeal): boolean {
  if (user.role === 'lead') return true;
  return appeal.status === 'new' || appeal.routedBy?.id === user.id;
}

export interface MutationsHooks {
  /** After the request: the appeals whose decisions were applied by it (committed), if any. */
  onApplied?: (appealIds: string[]) => void;
}

export function mutationsRoute(store: Store, hooks: MutationsHooks = {}, now: () => Date = () => new Date()) {
  const applyOne = (m: Mutation, user: User): MutationResult =>
    store.transaction(() => {
      const fingerprint = mutationFingerprint(m);
      const seen = store.seenMutation(m.id);
      if (seen !== undefined) {
        // Mutations applied before the fingerprint was kept can only be compared by their appeal.
        const same = seen.fingerprint === null ? seen.appealId === m.appealId : seen.fingerprint === fingerprint;
        if (!same) {
          return invalid(m.id, 'mutation_id_reused',
            'Идентификатор решения уже использован для другого решения; это решение не применено');
        }
        const current = store.appealById(seen.appealId);
        return current ? { id: m.id, status: 'duplicate', appeal: current.appeal } : { id: m.id, status: 'duplicate' };
      }
      const current = store.appealById(m.appealId)?.appeal;
      if (!current) return invalid(m.id, 'not_found', 'Обращение не найдено на сервере');
      if (m.type === 'route' && !store.targetExists(m.targetId)) {
        return invalid(m.id, 'unknown_target', 'Неизвестный адресат маршрутизации');
      }
      if (m.baseVersion !== current.version) return { id: m.id, status: 'conflict', appeal: current };
      if (!mayDecide(user, current)) {
        return invalid(m.id, 'forbidden', 'Обращение уже разобрал другой оператор; изменить решение может старший смены');
      }
      const at = now().toISOString();
      const next = applyDecision(current, decisionOf(m), { id: user.id, name: user.name }, at);
      store.updateAppeal(next);
      store.recordMutation(m.id, m.appealId, user.id, at, fingerprint);
      return { id: m.id, status: 'applied', appeal: next };
    });

  return (input: MutationsRequest, user: User): MutationsResponse => {
    const results = input.mutations.map((m) => applyOne(m, user));
    const applied = input.mutations.filter((_m, i) => results[i]?.status === 'applied').map((m) => m.appealId);
    if (applied.length > 0) hooks.onApplied?.(applied);
    return { results };
  };
}
