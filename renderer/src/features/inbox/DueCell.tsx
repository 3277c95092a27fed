// The routing deadline in the inbox grid: «осталось 2 ч 15 мин», or «просрочено на 40 мин» in red (#4a);
// the header shows the sort order and its key (U).
import { timeLeft } from '../../../../shared/deadlines/time-left.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';

export function DueCell({ iso }: { iso: string | null }) {
  const nowMs = useDeskStore((s) => s.nowMs);
  if (iso === null) return null;
  const left = timeLeft(Date.parse(iso), nowMs);
  return (
    <time dateTime={iso} className={left.overdue ? 'time-left overdue' : 'time-left'}
      title={`Срок маршрутизации: ${formatReceivedLong(iso, nowMs)} (Новосибирск)`}>{left.text}</time>
  );
}

export function DueHeader() {
  const urgency = useDeskStore((s) => s.inboxOrder === 'urgency');
  return (
    <span title="Сортировка по сроку: клавиша U" data-testid="due-header">
      Срок{urgency ? ' ▲' : ''} <Keycap keys={keysFor('inbox', 'toggle-urgency')} className="faint" />
    </span>
  );
}
