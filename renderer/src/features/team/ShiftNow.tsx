// «Смена сейчас» on the shift lead's queues (#9): who is online, since when, and what each one holds now and for how
// long — the live picture of who is reading what, next to the queues' counts. The queues' keys walk its rows
// (`cursor`, QueuesView.tsx): a full shift is longer than the pane at 150 %, and the lead has no pointer to scroll it.
import type { ReactNode } from 'react';
import { excerptOf } from '../../../../shared/text/inert-text.js';
import { InertLine } from '../../components/InertLine.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatClock } from '../../time/novosibirsk-time.js';
import { minutesAgoText } from './team-time.js';

const ROLE_LABELS = { operator: 'оператор', lead: 'старший смены', connector: 'коннектор' } as const;

/** The people of the shift as the list keys walk them (QueuesView.tsx clamps its cursor to this many). */
export function useShiftMemberCount(): number {
  return useDeskStore((s) => (s.syncStatus?.live === 'connected' ? s.team?.members.length ?? 0 : 0));
}

/** `cursor`: the row the keys are on, or null while they are on the queues; `hint`: the key that moves them here. */
export function ShiftNow({ cursor, hint }: { cursor: number | null; hint: ReactNode }) {
  const team = useDeskStore((s) => s.team);
  const live = useDeskStore((s) => s.syncStatus?.live ?? 'off');
  const nowMs = useDeskStore((s) => s.nowMs);
  const members = team?.members ?? [];
  return (
    <div className="shift-now" data-testid="shift-now">
      <header className="shift-now-head"><h2 className="lead-subhead">Смена сейчас</h2><span className="muted">{hint}</span></header>
      {live !== 'connected' ? (
        <p className="muted">Нет живой связи с сервером: кто в сети и что смотрит, сейчас не видно.</p>
      ) : members.length === 0 ? (
        <p className="muted">Никого в сети.</p>
      ) : (
        <table className="lead-table lead-team-table">
          <thead><tr><th>Сотрудник</th><th>Смотрит сейчас</th></tr></thead>
          <tbody>
            {members.map((m, i) => {
              // What the person reads, apart from what they have decided and is on its way (their undo grace): the
              // lead should not read five quick decisions as five appeals open at once.
              const reading = m.holds.filter((h) => h.deciding !== true);
              const deciding = m.holds.length - reading.length;
              const sent = deciding > 0 ? `решено, отправляется: ${deciding}` : '';
              const first = reading[0];
              return (
                <tr key={m.id} data-testid={`shift-member-${m.id}`} aria-selected={cursor === null ? undefined : i === cursor}
                  ref={i === cursor ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}>
                  <td>
                    <div className="member-name">{m.name}{m.id === team?.me ? ' (вы)' : ''}</div>
                    <div className="muted member-meta">
                      {ROLE_LABELS[m.role]} · {m.onlineSince ? `в сети с ${formatClock(m.onlineSince)}` : 'не в сети'}
                    </div>
                  </td>
                  {/* The tooltip is an attribute, never markup: the cleaned excerpts joined one a line. */}
                  <td className="holding" title={reading.map((h) => excerptOf(h.excerpt, 200)).join('\n')}>
                    {first ? (
                      <>
                        <InertLine block className="holding-text" text={first.excerpt} placeholder="обращение не в кэше этого компьютера" />
                        <div className="muted member-meta">
                          {minutesAgoText(first.since, nowMs)}{reading.length > 1 ? ` · и ещё ${reading.length - 1}` : ''}
                          {sent ? ` · ${sent}` : ''}
                        </div>
                      </>
                    ) : <span className="muted">{sent || '—'}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
