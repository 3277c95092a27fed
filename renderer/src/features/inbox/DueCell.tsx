// The routing deadline in the inbox grid, compact so a narrow column shows it whole: «2 ч 15 мин» left, or «−40 мин»
// in red when overdue (#4a, #13); the words («осталось …», «просрочено на …») and the instant are in the tooltip.
// The header shows the sort order and its key (U).
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
      title={`Срок разбора: ${formatReceivedLong(iso, nowMs)} (Новосибирск), ${left.text}`}>{left.compact}</time>
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
