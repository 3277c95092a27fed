// Team mode marks (#9): «смотрит Анна П.» on a grid row a colleague holds, and the line in the detail pane saying who
// is reading the open appeal and since when (a decision then takes its key twice: holds are advice, not locks).
import { useDeskStore } from '../../store/desk-store.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';
import { minutesAgoText } from './team-time.js';

export function HeldBadge({ appealId }: { appealId: string }) {
  const holder = useDeskStore((s) => s.heldByOthers.get(appealId));
  if (!holder) return null;
  return (
    <span className="held-badge" data-testid="held-badge" title={`Это обращение сейчас открыто у: ${holder.name}`}>
      смотрит {shortPersonName(holder.name)}
    </span>
  );
}

export function HoldNotice({ appealId }: { appealId: string }) {
  const holder = useDeskStore((s) => s.heldByOthers.get(appealId));
  const mine = useDeskStore((s) => s.selectionHold?.id === appealId && s.selectionHold.state === 'mine');
  const nowMs = useDeskStore((s) => s.nowMs);
  if (!holder || mine) return null;
  return (
    <p className="hold-notice" data-testid="hold-notice" role="note">
      Сейчас смотрит {holder.name} ({minutesAgoText(holder.since, nowMs)}). Решение по нему — та же клавиша дважды.
    </p>
  );
}
