// «X»: reject the selected appeal for one of four reasons; a digit decides at once, arrows + Enter also work. «Отозвано
// автором» is not offered here: it has its own key, for withdrawn appeals only (issue 14 item 6). When the suggestions
// say the message is a thank-you or spam, the cursor starts on that reason (X, Enter) and the reason says why — in the
// inbox, in search and in the lead's queues alike.
import { useEffect, useRef, useState } from 'react';
import type { RejectAdvice } from '../../../../shared/desk-api/routing-contract.js';
import { PICKABLE_REJECT_REASONS as REJECT_REASONS, REJECT_REASON_LABELS, type RejectReason } from '../../../../shared/domain/appeal.js';
import { inertText } from '../../../../shared/text/inert-text.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { useRejectAdvice, useSuggestionsStore } from '../suggestions/suggestions-store.js';

/** The inbox's X: rejects the selected appeal, starting on the reason its suggestions advise. */
export function InboxRejectDialog() {
  const advice = useRejectAdvice(useDeskStore((s) => s.selectedId));
  return <RejectDialog advice={advice} />;
}

/**
 * Search's and the lead's X: the inbox has the selection's suggestions at hand, these sections do not show them, so
 * the dialog asks for them (stored by the worker, a local read) and starts on the reason all the appeals share.
 */
export function AdvisedRejectDialog({ appealIds, onChoose, onClose }:
  { appealIds: readonly string[]; onChoose: (reason: RejectReason) => void; onClose: () => void }) {
  const key = appealIds.join('\n');
  useEffect(() => { void useSuggestionsStore.getState().load(key.split('\n').filter(Boolean)); }, [key]);
  const advice = useSuggestionsStore((s) => sharedAdvice(appealIds.map((id) => s.byId.get(id)?.reject ?? null)));
  return <RejectDialog advice={advice} onChoose={onChoose} onClose={onClose} count={appealIds.length} />;
}

/** The advice every one of `advices` gives (the first one's, so the reference stays stable), else null. */
function sharedAdvice(advices: readonly (RejectAdvice | null)[]): RejectAdvice | null {
  const first = advices[0] ?? null;
  return first !== null && advices.every((a) => a?.reason === first.reason) ? first : null;
}

/**
 * `onChoose`/`onClose` let another section (search results) reuse the dialog; default: reject the inbox selection.
 * `count`: how many appeals the reason goes to, named in the title when more than one (a helper's trial of 5 December:
 * the lead's 154 selected were «Отклонить обращение»).
 */
export function RejectDialog({ onChoose, onClose, advice = null, count = 1 }:
  { onChoose?: (reason: RejectReason) => void; onClose?: () => void; advice?: RejectAdvice | null; count?: number } = {}) {
  const closeDialog = useDeskStore((s) => s.closeDialog);
  const close = onClose ?? closeDialog;
  const decide = useDeskStore((s) => s.decide);
  const advised = advice ? REJECT_REASONS.indexOf(advice.reason) : -1;
  const [cursor, setCursor] = useState(Math.max(0, advised));
  // Advice that arrives after the dialog opened (search, queues) moves the cursor, unless the operator moved it first.
  const moved = useRef(false);
  useEffect(() => { if (advised >= 0 && !moved.current) setCursor(advised); }, [advised]);
  const move = (to: (c: number) => number): void => { moved.current = true; setCursor(to); };

  const reject = (reason: RejectReason | undefined): void => {
    if (reason === undefined) return;
    close();
    if (onChoose) onChoose(reason);
    else void decide({ type: 'reject', reason }, 'dialog');
  };

  useShortcutScope('reject', true, ({ shortcut, digit }) => {
    switch (shortcut.action) {
      case 'choose-reason': reject(REJECT_REASONS[(digit ?? 0) - 1]); break;
      case 'move-down': move((c) => Math.min(REJECT_REASONS.length - 1, c + 1)); break;
      case 'move-up': move((c) => Math.max(0, c - 1)); break;
      case 'confirm': reject(REJECT_REASONS[cursor]); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title={count > 1 ? `Отклонить ${countRu(count, APPEAL_FORMS)}` : 'Отклонить обращение'} aside={<span className="dialog-hint"><Keycap keys={keysFor('reject', 'close')} /> отмена</span>}
      onClose={close} className="reject-dialog">
      <ul className="choice-list" role="listbox" aria-label="Причина отклонения" data-autofocus tabIndex={-1}>
        {REJECT_REASONS.map((reason, i) => (
          <li key={reason} role="option" aria-selected={i === cursor} className="choice"
            onMouseEnter={() => move(() => i)} onClick={() => reject(reason)}>
            <Keycap keys={slotKeyFor('reject', 'choose-reason', i + 1)} />
            <span className="choice-label">{REJECT_REASON_LABELS[reason]}</span>
            {i === advised && advice ? (
              <span className="choice-advice" data-testid="reject-advised">похоже: {inertText(advice.words.join(', '))}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="dialog-footer"><Keycap keys={keysFor('reject', 'choose-reason')} /> сразу · <Keycap keys={primaryKeyFor('reject', 'move-up')} /><Keycap keys={primaryKeyFor('reject', 'move-down')} /> выбрать · <Keycap keys={primaryKeyFor('reject', 'confirm')} /> отклонить</p>
    </Dialog>
  );
}
