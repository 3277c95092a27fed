// Turns a sync conflict into the sentence the operator reads: who decided the appeal first, and what of
// theirs was not applied. Pure, so the wording is unit-tested.
import type { Conflict } from '../../../../shared/desk-api/contract.js';
import type { Decision } from '../../../../shared/domain/appeal.js';
import { REJECT_REASON_LABELS } from '../../../../shared/domain/appeal.js';
import type { Target } from '../../../../shared/domain/target.js';

type TargetName = (id: string) => string;

export function targetNameLookup(targetsById: ReadonlyMap<string, Target>): TargetName {
  return (id) => targetsById.get(id)?.shortName ?? id;
}

function decisionText(decision: Decision, targetName: TargetName): string {
  return decision.type === 'route'
    ? targetName(decision.targetId)
    : `отклонить: ${REJECT_REASON_LABELS[decision.reason].toLocaleLowerCase('ru-RU')}`;
}

/** «Обращение уже направлено: Оператор 2 — Иван Сидоров → Минздрав НСО. Ваше решение (МинЖКХ НСО) не применено.» */
export function describeConflict(conflict: Conflict, targetName: TargetName): string {
  const { server } = conflict;
  const who = server.routedBy?.name ?? 'другой оператор';
  let what: string;
  if (server.status === 'routed') {
    what = `Обращение уже направлено: ${who} → ${server.targetId === null ? 'другому адресату' : targetName(server.targetId)}.`;
  } else if (server.status === 'rejected') {
    const reason = server.rejectReason === null ? '' : ` (${REJECT_REASON_LABELS[server.rejectReason]})`;
    what = `Обращение уже отклонено: ${who}${reason}.`;
  } else if (server.withdrawnAt !== undefined && server.withdrawnAt !== null) {
    // Issue 14 item 6: the citizen deleted the post while the decision was on its way.
    what = 'Автор отозвал обращение: удалил публикацию.';
  } else {
    what = 'Обращение изменено на сервере.';
  }
  return `${what} Ваше решение (${decisionText(conflict.local, targetName)}) не применено.`;
}

/**
 * The alert for a conflict that arrives while the desk is on a section without the inbox's notice
 * (use-conflict-alert.ts): described whole; `sectionKey` opens «Конфликты».
 */
export function conflictArrivedText(conflict: Conflict, targetName: TargetName, sectionKey: string): string {
  return `${describeConflict(conflict, targetName)} Раздел «Конфликты» — ${sectionKey}.`;
}
