// How a colleague's hold reads (#9): reading the appeal, or having decided it with the decision on its way (their
// undo grace, HeldBy.deciding) — one source for the row mark, the detail note, the notices and the alert.
import type { HeldBy } from '../desk-api/team-contract.js';
import { shortPersonName } from './person-name.js';

/** The row mark's verb: «смотрит Анна П.» / «решение: Анна П.». */
export const heldVerb = (by: Pick<HeldBy, 'deciding'>): string => (by.deciding ? 'решение:' : 'смотрит');

/** Who and what, for the detail note: «Смотрит Анна П.» / «Решение принято: Анна П.». */
export const heldWho = (by: Pick<HeldBy, 'deciding' | 'name'>): string =>
  by.deciding ? `Решение принято: ${shortPersonName(by.name)}` : `Смотрит ${shortPersonName(by.name)}`;

/** The whole sentence (tooltips, screen readers, the alert before a second press): the full name, what it means. */
export const heldSentence = (by: Pick<HeldBy, 'deciding' | 'name'>): string => (by.deciding
  ? `${by.name} уже принял(а) решение по этому обращению; оно уходит на сервер через несколько секунд, пока его можно отменить`
  : `Это обращение сейчас смотрит ${by.name}`);
