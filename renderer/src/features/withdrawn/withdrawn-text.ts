// The words of the «withdrawn by its author» mark (issue 14 item 6), pure so they are unit-tested: the grid's tooltip,
// the detail pane's banner, and the notice of the one key pressed on an appeal that is not withdrawn. Times on the
// centre's clock (novosibirsk-time.ts).
import { formatReceivedLong } from '../../time/novosibirsk-time.js';

export const WITHDRAWN_WORD = 'Отозвано автором';

/** «Автор удалил публикацию сегодня, 14:05 (Новосибирск)». */
export function withdrawnWhen(iso: string, nowMs: number): string {
  return `Автор удалил публикацию ${formatReceivedLong(iso, nowMs)} (Новосибирск)`;
}

/** The one key pressed on an appeal its author did not withdraw: nothing happens, and this says why. */
export function notWithdrawnNotice(rejectKey: string): string {
  return `Автор не отзывал это обращение: ничего не сделано. Другая причина — ${rejectKey}`;
}

/** On a folded surge cluster the key would decide every member: it decides one withdrawn appeal only. */
export function foldedClusterNotice(unfoldKey: string): string {
  return `Это группа обращений: раскройте её (${unfoldKey}) и отклоните отозванное отдельно`;
}
