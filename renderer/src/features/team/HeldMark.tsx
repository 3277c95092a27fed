// Team mode marks (#9): «смотрит Анна П.» («решение: Анна П.» once they decided it) on a grid row a colleague holds, and the note in the detail header saying who
// is reading the open appeal and since when (a decision then takes its key twice: holds are advice, not locks).
import { useDeskStore } from '../../store/desk-store.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';
import { minutesAgoText } from './team-time.js';
import { heldSentence, heldVerb, heldWho, shareMark, shareSentence } from '../../../../shared/team/held-words.js';
import { colleagueShareOf } from '../../store/offline-share-lookup.js';

export function HeldBadge({ appealId }: { appealId: string }) {
  const holder = useDeskStore((s) => s.heldByOthers.get(appealId));
  const shareOwner = useDeskStore((s) => colleagueShareOf(s.team, s.clusterOf, appealId));
  if (!holder && shareOwner) {
    return <span className="held-badge share-badge" data-testid="share-badge" title={shareSentence(shareOwner)}>{shareMark(shareOwner)}</span>;
  }
  if (!holder) return null;
  return (
    <span className="held-badge" data-testid="held-badge" data-deciding={holder.deciding ? 'true' : undefined} title={heldSentence(holder)}>
      <span className="held-badge-verb">{heldVerb(holder)} </span>{shortPersonName(holder.name)}
    </span>
  );
}

export function HoldNotice({ appealId }: { appealId: string }) {
  const holder = useDeskStore((s) => s.heldByOthers.get(appealId));
  const mine = useDeskStore((s) => s.selectionHold?.id === appealId && s.selectionHold.state === 'mine');
  const nowMs = useDeskStore((s) => s.nowMs);
  if (!holder || mine) return null;
  const ago = minutesAgoText(holder.since, nowMs);
  const full = `${heldSentence(holder)} (${ago}). Решение по нему — та же клавиша дважды.`;
  // A line of its own in the detail header, under the source's (team.css): it covers nothing, wraps rather than losing
  // its end, and names the colleague as on the row. On the narrowest pane the «how» gives way so it stays one line;
  // the full sentence is in the title and for a screen reader, and the first press of a decision key on a held appeal
  // says it as an alert («Нажмите ту же клавишу ещё раз…», store/inbox-slice.ts).
  return (
    <span className="hold-notice" data-testid="hold-notice" role="note" title={full}>
      <span aria-hidden="true"><span className="hold-notice-who">{heldWho(holder)}</span> ({ago})<span className="hold-notice-how"> · решение — та же клавиша дважды</span></span>
      <span className="visually-hidden">{full}</span>
    </span>
  );
}
