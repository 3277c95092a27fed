// «X»: reject the selected appeal for one of four reasons; a digit decides at once, arrows + Enter also work. «Отозвано
// автором» is not offered here: it has its own key, for withdrawn appeals only (issue 14 item 6).
import { useState } from 'react';
import { PICKABLE_REJECT_REASONS as REJECT_REASONS, REJECT_REASON_LABELS, type RejectReason } from '../../../../shared/domain/appeal.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';

/** `onChoose`/`onClose` let another section (search results) reuse the dialog; default: reject the inbox selection. */
export function RejectDialog({ onChoose, onClose }: { onChoose?: (reason: RejectReason) => void; onClose?: () => void } = {}) {
  const closeDialog = useDeskStore((s) => s.closeDialog);
  const close = onClose ?? closeDialog;
  const decide = useDeskStore((s) => s.decide);
  const [cursor, setCursor] = useState(0);

  const reject = (reason: RejectReason | undefined): void => {
    if (reason === undefined) return;
    close();
    if (onChoose) onChoose(reason);
    else void decide({ type: 'reject', reason });
  };

  useShortcutScope('reject', true, ({ shortcut, digit }) => {
    switch (shortcut.action) {
      case 'choose-reason': reject(REJECT_REASONS[(digit ?? 0) - 1]); break;
      case 'move-down': setCursor((c) => Math.min(REJECT_REASONS.length - 1, c + 1)); break;
      case 'move-up': setCursor((c) => Math.max(0, c - 1)); break;
      case 'confirm': reject(REJECT_REASONS[cursor]); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title="Отклонить обращение" aside={<span className="dialog-hint"><Keycap keys={keysFor('reject', 'close')} /> отмена</span>}
      onClose={close} className="reject-dialog">
      <ul className="choice-list" role="listbox" aria-label="Причина отклонения" data-autofocus tabIndex={-1}>
        {REJECT_REASONS.map((reason, i) => (
          <li key={reason} role="option" aria-selected={i === cursor} className="choice"
            onMouseEnter={() => setCursor(i)} onClick={() => reject(reason)}>
            <Keycap keys={slotKeyFor('reject', 'choose-reason', i + 1)} />
            <span>{REJECT_REASON_LABELS[reason]}</span>
          </li>
        ))}
      </ul>
      <p className="dialog-footer"><Keycap keys={keysFor('reject', 'choose-reason')} /> сразу · <Keycap keys={primaryKeyFor('reject', 'move-up')} /><Keycap keys={primaryKeyFor('reject', 'move-down')} /> выбрать · <Keycap keys={primaryKeyFor('reject', 'confirm')} /> отклонить</p>
    </Dialog>
  );
}
