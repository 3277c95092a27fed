// The question before a shift lead's re-route or rejection of many appeals at once (reroute-plan.ts says when): the
// count and the target or reason in the title, Enter sends exactly the appeals asked about, Esc sends nothing. Keyboard only, its keys shown
// from the live bindings.
import { closedSentence } from '../../../../shared/team/held-words.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';

export interface RerouteConfirmProps {
  /** The question as the title: «Перенаправить 12 обращений → Минздрав НСО?» (reroute-plan.ts decisionQuestion). */
  question: string;
  /** What Enter does: «Перенаправить», «Направить», «Отклонить». */
  verb: string;
  queueLabel: string;
  /** Colleagues reading some of them («2 обращения из выделенных сейчас смотрят коллеги: …»), or null. */
  held: string | null;
  onConfirm(): void;
  onCancel(): void;
}

export function RerouteConfirm({ question, verb, queueLabel, held, onConfirm, onCancel }: RerouteConfirmProps) {
  // The global keys stay live over it (as over the picker): while one of them has the app's own dialog open (the
  // help, Ctrl+K) its Enter and Esc are that dialog's, never this question's answer.
  const free = useDeskStore((s) => s.dialog === null);
  useShortcutScope('reroute-confirm', free, ({ shortcut }) => {
    if (shortcut.action === 'confirm') onConfirm();
    else if (shortcut.action === 'close') onCancel();
  });
  return (
    <Dialog title={question} onClose={onCancel} className="reroute-confirm"
      aside={<span className="dialog-hint"><Keycap keys={keysFor('reroute-confirm', 'close')} /> отмена</span>}>
      <p data-autofocus tabIndex={-1} className="reroute-confirm-body">
        Все выделенные обращения очереди «{queueLabel}», каждое отдельным решением.
      </p>
      {held !== null ? <p className="reroute-confirm-held" data-testid="reroute-confirm-held">{closedSentence(held)}</p> : null}
      <p className="dialog-footer">
        <Keycap keys={keysFor('reroute-confirm', 'confirm')} /> {verb.toLowerCase()} ·{' '}
        <Keycap keys={keysFor('reroute-confirm', 'close')} /> отмена
      </p>
    </Dialog>
  );
}
