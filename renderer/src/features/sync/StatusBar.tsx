// The bottom bar: sync state (data-state / data-pending / data-live / data-last-decided for tests and support), queue size, last action, and the
// key hints of the screen on it (status-hints.ts). The undo offer is the toast above it (features/undo), shown only
// while the core still holds the decision back — the quiet notice here carries no undo hint that would outlive the
// window. Alert and notice end by themselves (ui-slice.ts).
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useKeymapVersion } from '../shortcuts/use-keymap.js';
import type { SyncStatus } from '../../../../shared/desk-api/contract.js';
import { DESK_DOWN_PARTS, handoverWaitingText, syncProgressText, syncStatusParts, waitingParts } from './sync-status-text.js';
import { TeamPresence } from '../team/TeamPresence.js';
import { onlineNames, SHOWN_NAMES } from '../team/presence-names.js';
import { useFitLevel } from '../../app/use-fit-level.js';
import { StatusAlert } from './StatusAlert.js';
import { useRiseWhenCut } from './rise-when-cut.js';
import { hintKeyLabel, hintsText, statusHints, VIEW_SCOPES } from './status-hints.js';
import { UndoToast } from '../undo/UndoToast.js';
import { selectWaitingAppeals } from '../../store/waiting-count.js';
import '../../styles/sync.css';

/** The bar's levels past folding the names: 1 without the key hints, 2 without the details too (layout.css). */
const SQUEEZE_LEVELS = 2;

/** «В сети · ожидают отправки: 0 · …»: the details in their own run, which an alert takes the room of (sync.css). */
function SyncStatusWords({ status }: { status: SyncStatus }) {
  const [state, ...details] = syncStatusParts(status);
  // One run: the bar's item is an inline-flex row whose gap would otherwise part the state from its details.
  return <span>{state}{details.length > 0 ? <span className="sync-details"> · {details.join(' · ')}</span> : null}</span>;
}

/**
 * «Программа не отвечает» and, in a run of its own, what to do: an alert beside it takes that run's room, as it takes
 * the sync state's details (a second trial of 5 December: beside the whole sentence a key's alert had some 200 px, seven
 * lines high over the route panel).
 */
function DeskDownWords({ link }: { link: 'lost' | 'restarting' }) {
  const [state, advice] = DESK_DOWN_PARTS[link];
  return <span>{state}<span className="sync-details">{advice}</span></span>;
}

/** The last action's notice: in the bar's line, or risen over the screen's foot where the bar would cut it. */
function NoticeLine({ text, tone }: { text: string; tone: string }) {
  const { box, risen } = useRiseWhenCut<HTMLSpanElement, HTMLSpanElement>();
  return (
    <span ref={box} className="status-notice" data-tone={tone} role="status" title={text}
      data-risen={risen ? 'true' : undefined} style={risen ?? undefined}>{text}</span>
  );
}

/** «В очереди: 120 обращений», the noun in its own run for the same reason. */
function WaitingWords({ count }: { count: number }) {
  const [head, noun] = waitingParts(count);
  return <>{head}<span className="waiting-noun"> {noun}</span></>;
}

export function StatusBar() {
  const status = useDeskStore((s) => s.syncStatus);
  // Appeals, not rows: a folded cluster is one row (waiting-count.ts), and the lead's «Не разобрано» counts appeals.
  const waiting = useDeskStore(selectWaitingAppeals);
  const loaded = useDeskStore((s) => s.inboxPhase === 'ready');
  const notice = useDeskStore((s) => s.notice);
  const view = useDeskStore((s) => s.view);
  const lastDecided = useDeskStore((s) => s.lastDecided);
  // A remap re-renders the hint (the shell re-renders too; this keeps the bar right on its own).
  useKeymapVersion();
  const link = useDeskStore((s) => s.deskLink);
  const state = status?.state ?? 'signed-out';
  const lead = useDeskStore((s) => s.session?.user?.role === 'lead');
  const hints = statusHints(view, lead);
  // With a full shift online the names pushed the key hints past the bar's end («— все клав…» at 1366 px, 11 people;
  // at 150 % «В очереди» went past it): each level folds one more name into «+N» until the line fits. The key is what
  // the line says, so a longer notice or count refits it from all the names (use-fit-level.ts).
  const presence = useDeskStore((s) => `${s.syncStatus?.live ?? 'off'}\n${onlineNames(s.team).join('\n')}`);
  const alert = useDeskStore((s) => s.alert?.text ?? '');
  // Past the names, two more levels (layout.css, data-squeeze): the key hints go (the top bar's «?» and the buttons
  // keep them), then the details of the sync state, the shift and the queue, so «В очереди: 155» is never cut (a
  // trial of 5 December, offline at 150 %: «В о»). The link's state is part of the key: its «Программа не отвечает…»
  // is longer than «В сети» (the same trial: the hints were cut to «— все» after it).
  const [barRef, fold] = useFitLevel(SHOWN_NAMES + SQUEEZE_LEVELS, [
    link, view, status ? syncStatusParts(status).join(' · ') : '', status?.progress ? syncProgressText(status.progress) : '',
    status?.waiting ? handoverWaitingText(status.waiting) : '', presence, loaded ? waiting : '', notice?.text ?? '', alert,
    hintsText(hints),
  ].join('\n'));
  return (
    <footer className="status-bar" data-fold={fold} data-squeeze={Math.max(0, fold - SHOWN_NAMES) || undefined}
      ref={(element) => { barRef.current = element; }}>
      {link !== 'up' ? (
        // Nothing answers (DeskLink): the last «В сети» would be a lie. What was decided is safe in SQLite.
        <span data-testid="sync-status" data-state={link} role="alert" className="sync-status sync-lost"
          title="Решения, принятые до этого, сохранены на этом компьютере и уйдут после перезапуска">
          <span className="sync-dot" aria-hidden="true" />
          <DeskDownWords link={link} />
        </span>
      ) : (
        <span data-testid="sync-status" data-state={state} data-pending={status?.pending ?? 0} data-live={status?.live}
          data-last-decided={lastDecided?.id} data-decided-count={lastDecided?.count ?? 0}
          className={`sync-status sync-${state}`} title={status?.lastError ?? undefined}>
          <span className="sync-dot" aria-hidden="true" />
          {status ? <SyncStatusWords status={status} /> : 'Состояние синхронизации неизвестно'}
        </span>
      )}
      {status?.progress ? (
        <span className="sync-progress" data-testid="sync-progress">
          <progress max={Math.max(1, status.progress.total)} value={status.progress.done} />
          <span className="tabular">{syncProgressText(status.progress)}</span>
        </span>
      ) : null}
      {status?.waiting !== undefined && status.waiting.length > 0 ? (
        // Shift handover: the previous operator's queued decisions are shown to whoever sits here (and a lead walking
        // by), so nobody signs out over them unaware; they are never sent under this operator's name.
        <span className="sync-handover" data-testid="handover-waiting" role="status"
          title="Решения другого оператора этого компьютера: уходят на сервер только от имени их автора">
          Чужие решения в очереди: {handoverWaitingText(status.waiting)}
        </span>
      ) : null}
      <TeamPresence shownNames={Math.max(0, SHOWN_NAMES - fold)} />
      <span className="status-sep" aria-hidden="true" />
      <span data-testid="waiting-count" className="tabular">{loaded ? <WaitingWords count={waiting} /> : 'Загрузка…'}</span>
      {notice ? (
        // Whole where the bar is short of room (1366 px at 150 %): details beside it give way, or it takes two lines
        // (layout.css); the tooltip repeats it.
        <NoticeLine key={notice.seq} text={notice.text} tone={notice.tone} />
      ) : null}
      {/* An alert (a late Ctrl+Z, an empty favourite slot…) answers the operator's own key: said in this line, it
          covers neither the detail pane's header nor the selected row (sync.css gives it the line's room). */}
      <StatusAlert />
      {/* The keys of the screen on it (status-hints.ts), from the live bindings of its scope. */}
      <span className="status-hints" data-testid="status-hints" data-scope={VIEW_SCOPES[view]} title={hintsText(hints)}>
        {hints.map((hint, i) => (
          <span key={hint.words} className="status-hint">
            {i > 0 ? <span aria-hidden="true">·</span> : null}
            {hint.keys.map((k) => <Keycap key={k.action} keys={hintKeyLabel(k)} />)}
            <span>{hint.words}</span>
          </span>
        ))}
      </span>
      <UndoToast />
    </footer>
  );
}
