// Who of the shift is online, in the status bar (#9), and whether colleagues' work reaches this desk at once (the
// live channel) or only with the next sync (polling, when the channel is down — every interval while the server
// answers, later while sync backs off: so the line names no period, trial of 3 December: «раз в 15 с» read beside a
// 32 s retry).
import { useDeskStore } from '../../store/desk-store.js';
import { onlineNames, presenceNamesText, SHOWN_NAMES } from './presence-names.js';
import { peopleText } from './team-time.js';

/** `shownNames`: how many names the bar has room for (StatusBar.tsx folds the rest into «+N» before the key hints). */
export function TeamPresence({ shownNames = SHOWN_NAMES }: { shownNames?: number } = {}) {
  const live = useDeskStore((s) => s.syncStatus?.live ?? 'off');
  const team = useDeskStore((s) => s.team);
  // Offline, or the desk's core gone: the sync state beside says it, and who is on shift is not known now (a trial of
  // 5 December: «Связь со сменой прервана…» repeated «Нет связи» and pushed the queue's count out of the bar at 150 %;
  // with the core gone the last names stood as if live).
  const cut = useDeskStore((s) => s.deskLink !== 'up' || s.syncStatus?.state === 'offline');
  if (live === 'off' || cut) return null;
  if (live !== 'connected') {
    return (
      <span className="team-presence live-down" data-testid="team-presence" data-live={live}
        title="Решения и просмотры коллег приходят с опросом сервера, а не сразу">
        <span className="presence-dot" aria-hidden="true" />
        {/* Its explanation gives way where the line is short, as the names do (layout.css). */}
        {/* One span: the bar's gap stood between the words and their colon («прервана : …», a trial of 6 December). */}
        {live === 'connecting' ? 'Подключение к смене…'
          : <span>Связь со сменой прервана<span className="presence-names">: работа коллег видна с задержкой</span></span>}
      </span>
    );
  }
  const online = (team?.members ?? []).filter((m) => m.onlineSince !== null);
  const shown = presenceNamesText(onlineNames(team), shownNames);
  return (
    <span className="team-presence" data-testid="team-presence" data-live={live} data-online={online.length}
      title={online.map((m) => m.name).join('\n')}>
      <span className="presence-dot" aria-hidden="true" />
      {/* The names give way to an alert in this line (sync.css) and fold into «+N» where the line is short
          (StatusBar.tsx); how many stay, and all the names in the tooltip. */}
      <span>В смене {peopleText(online.length)}{shown ? <span className="presence-names">: {shown}</span> : null}</span>
    </span>
  );
}
