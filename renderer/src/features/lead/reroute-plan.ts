// A shift lead's re-route of a queue selection (QueuesView), decided before any call: a few appeals go at once, more
// are asked about first — the count and the target named — and more than the desk method takes in one call are
// refused with the reason, never sent to meet its validation text (trial: «Ctrl+A», «9» on 5 194 appeals).
import { MAX_REDECIDE_APPEALS } from '../../../../shared/desk-api/lead-contract.js';
import { REJECT_REASON_LABELS, type Decision } from '../../../../shared/domain/appeal.js';
import { formatCountRu } from '../../../../shared/text/number-ru.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';

/**
 * Up to this many appeals a digit re-routes at once. At 1366×768 the queue's list shows a dozen rows, so a selection
 * of up to ten made with Shift+↓ is one the lead has on screen, row by row; more means Ctrl+A or a selection running
 * past the screen — rows not looked at, and work of a whole body moved by one key — so it is asked about first.
 */
export const REROUTE_AT_ONCE_MAX = 10;

export type ReroutePlan = { kind: 'send' } | { kind: 'confirm' } | { kind: 'refuse'; message: string };

/**
 * `narrowKeys`: the live key that changes the selection, named in the refusal («Shift+↓»); `kind`: what the key would
 * do to it — a rejection goes the same way, with the same limits, and its refusal says «отклонить».
 */
export function reroutePlan(count: number, narrowKeys: string, kind: Decision['type'] = 'route'): ReroutePlan {
  if (count > MAX_REDECIDE_APPEALS) return { kind: 'refuse', message: tooManyToReroute(count, narrowKeys, kind) };
  return count > REROUTE_AT_ONCE_MAX ? { kind: 'confirm' } : { kind: 'send' };
}

/** «Выделено 5 194 обращения, а за один раз можно направить (отклонить) не больше 1 000: …». */
export function tooManyToReroute(count: number, narrowKeys: string, kind: Decision['type'] = 'route'): string {
  return `Выделено ${countRu(count, APPEAL_FORMS)}, а за один раз можно ${kind === 'reject' ? 'отклонить' : 'направить'} не больше `
    + `${formatCountRu(MAX_REDECIDE_APPEALS)}: выделите часть очереди (${narrowKeys})`;
}

/**
 * The verb of a re-route: appeals the server has already routed or rejected are re-routed («Перенаправить»); the
 * waiting ones of «Не разобрано» are routed for the first time («Направить»), as the undo toast and the notice say.
 */
export function rerouteVerb(redecision: boolean): string {
  return redecision ? 'Перенаправить' : 'Направить';
}

/** «Перенаправить 900 обращений → Минздрав НСО?» */
export function rerouteQuestion(count: number, targetName: string, redecision: boolean): string {
  return `${rerouteVerb(redecision)} ${countRu(count, APPEAL_FORMS)} → ${targetName}?`;
}

/** The verb of a lead's decision on a selection: «Отклонить», or the re-route's. */
export function decisionVerb(decision: Decision, redecision: boolean): string {
  return decision.type === 'reject' ? 'Отклонить' : rerouteVerb(redecision);
}

/** «Перенаправить 900 обращений → Минздрав НСО?», «Отклонить 12 обращений: Спам, реклама?» */
export function decisionQuestion(count: number, decision: Decision, targetName: (id: string) => string,
  redecision: boolean): string {
  return decision.type === 'reject'
    ? `Отклонить ${countRu(count, APPEAL_FORMS)}: ${REJECT_REASON_LABELS[decision.reason]}?`
    : rerouteQuestion(count, targetName(decision.targetId), redecision);
}
