// PUT /holds: this session now holds exactly the listed appeals (soft claims with a lease). The holder is always the
// authenticated session, never anything in the body, so nobody can hold an appeal in another operator's name.
import type { HoldsRequest, HoldsResponse } from '../../shared/central-api/team-contract.js';
import type { User } from '../../shared/domain/user.js';
import { HttpError } from '../http-io.js';
import type { RequestMeta } from '../route-table.js';
import type { TeamMode } from '../team/team-mode.js';
import type { CentralStore } from '../store/central-store.js';

export function holdsRoute(store: CentralStore, team: TeamMode) {
  return async (input: HoldsRequest, user: User, meta: RequestMeta): Promise<HoldsResponse> => {
    const sessionKey = meta.sessionKey;
    if (sessionKey === null) throw new HttpError(401, 'unauthorized', 'Нужен вход: токен отсутствует или недействителен');
    const gate = team.holdRequests.take(sessionKey);
    if (!gate.ok) {
      throw new HttpError(429, 'too_many_requests',
        `Слишком много запросов на удержание обращений. Повторите через ${gate.retryAfterSeconds} с.`,
        { 'retry-after': String(gate.retryAfterSeconds) });
    }
    // Only undecided appeals can be held: a decided one is neither granted nor reported taken, just left out.
    const statuses = await store.appealStatuses(input.appealIds);
    const holdable: string[] = [];
    for (const appealId of input.appealIds) {
      const status = statuses.get(appealId);
      if (status === undefined) throw new HttpError(404, 'not_found', `Обращение не найдено на сервере: ${appealId}`);
      if (status === 'new') holdable.push(appealId);
    }
    const { granted, taken } = await team.putHolds(sessionKey, user, holdable, input.deciding ?? []);
    return {
      granted,
      taken: taken.map((t) => ({ appealId: t.appealId, holder: t.holder, since: new Date(t.since).toISOString() })),
      leaseMs: team.leaseMs,
      team: team.snapshot(),
    };
  };
}
