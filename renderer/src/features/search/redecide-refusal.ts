// Why this desk will not decide a search result again, said before a key is pressed: an operator's desk leaves a decision
// made to the shift lead (the server's rule, shared/domain/appeal.ts mayDecide, lets an operator re-decide only their
// own; the desk's re-decision is the lead's method). One source for whether the route panel refuses (its line is the
// rule alone, SearchView.tsx) and for the keys' answer — the panel looked ready and a digit came back red «Решение не
// сохранено» (trial).
import { LEAD_REDECIDES, type Appeal } from '../../../../shared/domain/appeal.js';
import type { User } from '../../../../shared/domain/user.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';

/** null: the keys decide (a waiting appeal, or a lead's desk); otherwise the one line that says why they do not. */
export function redecideRefusal(user: Pick<User, 'id' | 'role'> | null | undefined,
  appeal: { status: Appeal['status']; routedBy?: Appeal['routedBy'] }): string | null {
  if (!user || user.role === 'lead' || appeal.status === 'new') return null;
  const by = appeal.routedBy;
  if (by?.id === user.id) return `Решение принято вами: ${LEAD_REDECIDES}`;
  const who = by ? shortPersonName(by.name) : '';
  return who !== '' && who !== '—' ? `Решение принял(а) ${who}: ${LEAD_REDECIDES}` : `Решение уже принято: ${LEAD_REDECIDES}`;
}
