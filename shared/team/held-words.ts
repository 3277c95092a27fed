// How a colleague's hold reads (#9): reading the appeal, or having decided it with the decision on its way (their
// undo grace, HeldBy.deciding) — one source for the row mark, the detail note, the notices and the alert.
import type { HeldBy } from '../desk-api/team-contract.js';
import { APPEAL_FORMS, OPERATOR_BETWEEN_FORMS, countRu, pluralRu } from '../text/plural-ru.js';
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

/** Names shown in a sentence about several holds before «и ещё N»: the status bar's line has room for a few. */
const NAMED_HOLDERS = 3;

/**
 * What the first press of a lead's decision on a queue selection says when colleagues hold some of it (the second
 * press decides): one appeal as everywhere else, several counted with who holds them — «2 обращения из выделенных
 * сейчас смотрят коллеги: Анна П., Иван С.», «3 обращения из выделенных сейчас смотрит Анна П.».
 */
export function heldInSelectionSentence(holders: readonly HeldBy[], selected: number): string {
  const [only] = holders;
  if (selected === 1 && holders.length === 1 && only) return heldSentence(only);
  const names = [...new Set(holders.map((h) => shortPersonName(h.name)))];
  const shown = names.slice(0, NAMED_HOLDERS).join(', ');
  const more = names.length > NAMED_HOLDERS ? ` и ещё ${names.length - NAMED_HOLDERS}` : '';
  const deciding = holders.some((h) => h.deciding);
  // One colleague is named as the subject («… смотрит Анна П.»); several as «коллеги: …».
  const who = names.length === 1 ? `${deciding ? 'смотрит или уже решил(а)' : 'смотрит'} ${shown}`
    : `${deciding ? 'смотрят или уже решили' : 'смотрят'} коллеги: ${shown}${more}`;
  return `${countRu(holders.length, APPEAL_FORMS)} из выделенных сейчас ${who}`;
}

/** A held-words sentence closed with its full stop, once: «… Анна П.» already ends with one. */
export const closedSentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * The appeal an operator was reading left their list because a colleague's decision reached the server (after the
 * colleague's undo grace: the row had said «решение: …» for seconds, then the selection moved to the next one, without
 * a word — a helper's trial of 5 December). Who and what, when known: «Обращение, которое вы читали, направил(а)
 * Анна П. → Минздрав НСО — выбрано следующее».
 */
export function decidedWhileReadingText(by: { name: string } | null,
  decision: { status: 'routed' | 'rejected'; targetName: string | null } | null): string {
  const who = by ? shortPersonName(by.name) : null;
  const what = decision === null || who === null ? 'разобрано коллегой'
    : decision.status === 'rejected' ? `отклонил(а) ${who}`
      : `направил(а) ${who}${decision.targetName ? ` → ${decision.targetName}` : ''}`;
  return `Обращение, которое вы читали, ${what} — выбрано следующее`;
}

/**
 * On the undo toast of a decision a colleague has also made, theirs still in its grace (their «решение:» mark): the
 * first to reach the server stands, the other comes back as a conflict — said while this one can still be taken back
 * (a helper's trial of 5 December: the toast said «Направлено» to its end, then the conflict came).
 */
export const rivalDecisionText = (by: Pick<HeldBy, 'name'>): string =>
  `${shortPersonName(by.name)} тоже принял(а) решение по нему: останется то, что раньше дойдёт до сервера`;

/**
 * The queue shared out while the live channel is down (offline-share.ts), said once as it starts: why the order
 * changed. Short: at 150 % it rises over the route panel's last row while shown (a trial of 6 December); that any
 * appeal can still be decided is said on the colleagues' rows («раздел: …», its tooltip).
 */
export const offlineShareNotice = (operators: number): string =>
  `Нет связи со сменой: обращения поделены между ${operators} ${pluralRu(operators, OPERATOR_BETWEEN_FORMS)}, ваши — сверху`;

/** The row mark of an appeal in a colleague's share: «раздел: Анна П.». */
export const shareMark = (owner: { name: string }): string => `раздел: ${shortPersonName(owner.name)}`;

/** Its whole sentence (tooltip, screen reader). */
export const shareSentence = (owner: { name: string }): string =>
  `Связи со сменой нет: обращения поделены между операторами смены, это досталось коллеге (${owner.name}); решить его можно и здесь`;
