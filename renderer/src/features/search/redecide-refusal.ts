// Why this desk will not decide a search result again, said before a key is pressed: an operator's desk leaves a decision
// made to the shift lead (the server's rule, shared/domain/appeal.ts mayDecide, lets an operator re-decide only their
// own; the desk's re-decision is the lead's method). One source for the route panel's line and the keys' answer —
// the panel looked ready and a digit came back red «Решение не сохранено» (trial).
import type { Appeal } from '../../../../shared/domain/appeal.js';
import type { User } from '../../../../shared/domain/user.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';

const LEAD_CHANGES = 'изменить может старший смены';

/** null: the keys decide (a waiting appeal, or a lead's desk); otherwise the one line that says why they do not. */
export function redecideRefusal(user: Pick<User, 'id' | 'role'> | null | undefined,
  appeal: { status: Appeal['status']; routedBy?: Appeal['routedBy'] }): string | null {
  if (!user || user.role === 'lead' || appeal.status === 'new') return null;
  const by = appeal.routedBy;
  if (by?.id === user.id) return `Решение принято вами: ${LEAD_CHANGES}`;
  const who = by ? shortPersonName(by.name) : '';
  return who !== '' && who !== '—' ? `Решение принял(а) ${who}: ${LEAD_CHANGES}` : `Решение уже принято: ${LEAD_CHANGES}`;
}
