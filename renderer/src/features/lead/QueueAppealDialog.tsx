// One appeal of an open queue, read whole before the lead re-routes or rejects it: a queue's row shows ~40 characters
// at 150 %, and a lead moving «в садик очередь…» out of Минздрав had to judge by that (trial). Read-only: the decision
// keys stay the queue's, Esc (or Enter again) comes back to the same row. Citizen text is hostile: text nodes only,
// through inertText(), as in the inbox's detail pane.
import { useEffect, useRef, useState } from 'react';
import type { LocalAppeal } from '../../../../shared/desk-api/contract.js';
import { REJECT_REASON_LABELS, SOURCE_LABELS } from '../../../../shared/domain/appeal.js';
import { heldWho } from '../../../../shared/team/held-words.js';
import { excerptOf, inertText, isBlankText } from '../../../../shared/text/inert-text.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';

/** Where the appeal stands, in the words of the queue's rows. */
function standing(local: LocalAppeal, targetName: (id: string) => string): string {
  const { appeal } = local;
  const by = appeal.routedBy ? ` · ${appeal.routedBy.name}` : '';
  const unsent = local.pending ? ' · не отправлено' : '';
  if (appeal.status === 'routed' && appeal.targetId) return `Направлено: ${targetName(appeal.targetId)}${by}${unsent}`;
  if (appeal.status === 'rejected') {
    return `Отклонено${appeal.rejectReason ? `: ${REJECT_REASON_LABELS[appeal.rejectReason]}` : ''}${by}${unsent}`;
  }
  return 'Ждёт решения';
}

export function QueueAppealDialog({ appealId, onClose }: { appealId: string; onClose(): void }) {
  const free = useDeskStore((s) => s.dialog === null);
  const nowMs = useDeskStore((s) => s.nowMs);
  const targetsById = useDeskStore((s) => s.targetsById);
  // A waiting appeal a colleague reads says so here too, as on its row (a decision on it takes the key twice).
  const holder = useDeskStore((s) => s.heldByOthers.get(appealId));
  const [local, setLocal] = useState<LocalAppeal | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void deskCall('appeals.get', { id: appealId }).then((result) => {
      if (!live) return;
      if (result.ok) setLocal(result.value);
      else setFailure(result.error.message);
    });
    return () => { live = false; };
  }, [appealId]);
  useShortcutScope('queue-appeal', free, ({ shortcut }) => { if (shortcut.action === 'close') onClose(); });
  // The text arrives after the dialog opened (and took the focus): it takes the keyboard then, so PgDn scrolls it.
  const textRef = useRef<HTMLElement>(null);
  useEffect(() => { if (local !== null) textRef.current?.focus(); }, [local]);

  const appeal = local?.appeal;
  const text = appeal ? inertText(appeal.text) : '';
  return (
    <Dialog title="Обращение" onClose={onClose} className="queue-appeal-dialog"
      aside={<span className="dialog-hint"><Keycap keys={keysFor('queue-appeal', 'close')} /> назад к очереди</span>}>
      {appeal ? (
        <>
          <p className="queue-appeal-head">
            <SourceBadge source={appeal.source} /> {SOURCE_LABELS[appeal.source]} · {excerptOf(appeal.channel.name, 200)}
            {' · '}{excerptOf(appeal.author.name, 200)} · {formatReceivedLong(appeal.receivedAt, nowMs)}
          </p>
          <p className="queue-appeal-standing muted" data-testid="queue-appeal-standing">
            {standing(local, (id) => targetsById.get(id)?.shortName ?? id)}
            {holder && appeal.status === 'new' ? ` · ${heldWho(holder)}` : null}
          </p>
          {/* A long post scrolls here: the region takes the keyboard (PgDn, ↓), its name read out. */}
          <section ref={textRef} className="queue-appeal-text" tabIndex={0} aria-label="Текст обращения" lang="ru">
            {isBlankText(text) ? <span className="muted">Без текста</span> : text}
          </section>
          {appeal.attachments.length > 0
            ? <p className="muted">Вложений: {appeal.attachments.length} (смотреть — во «Входящих» или «Поиске»)</p> : null}
        </>
      ) : <p className="muted">{failure ?? 'Загружаем…'}</p>}
      <p className="dialog-footer"><Keycap keys={keysFor('queue-appeal', 'close')} /> назад к очереди</p>
    </Dialog>
  );
}
