// The undo toast (#13): while the core offers the newest decision for undo (sync status `undoable`), a toast over
// the bottom of the workspace names the appeal (its excerpt, inert React text) and what was decided, with the undo
// key from the bindings and a countdown of the window. It goes when the core stops offering it — the row was handed
// to the network, or undone — never by the countdown alone: at 0 it waits for the core's word.
// Where: over the list pane only (never the detail column: its suggestions and the route panel's keys are what the
// operator presses next), at the list's foot — or at its top while the selected row is down there, so it never hides
// the row the next key acts on (toast-place.ts).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import type { UndoableDecision } from '../../../../shared/desk-api/sync-contract.js';
import { rivalDecisionText } from '../../../../shared/team/held-words.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useSearchStore } from '../search/search-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { toastPlacement, type ToastPlacement } from './toast-place.js';
import { countdown, countdownWords, toastDecisionText, toastExcerpt, type ToastLink } from './undo-toast-text.js';
import '../../styles/sync.css';

/** The countdown's tick: often enough that the seconds never look stuck; the bar eases between ticks. */
const TICK_MS = 200;

export function UndoToast() {
  const undoable = useDeskStore((s) => s.syncStatus?.undoable ?? null);
  if (!undoable) return null;
  // A new decision starts a new toast (fresh countdown), the same one keeps its element across status republishes.
  return <UndoToastBody key={undoable.mutationIds.join(',')} undoable={undoable} />;
}

function UndoToastBody({ undoable }: { undoable: UndoableDecision }) {
  const targetsById = useDeskStore((s) => s.targetsById);
  // A colleague's decision on the same appeal, in their grace too: one of the two will come back as a conflict.
  const rival = useDeskStore((s) => {
    const [only, ...more] = undoable.appealIds;
    const holder = only !== undefined && more.length === 0 ? s.heldByOthers.get(only) : undefined;
    return holder?.deciding ? holder : undefined;
  });
  const link = useDeskStore((s): ToastLink => (s.deskLink !== 'up' ? 'desk-down'
    : s.syncStatus?.state === 'offline' ? 'offline' : 'online'));
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<ToastPlacement | null>(null);
  const measure = useCallback(() => {
    const toast = ref.current;
    if (toast === null) return;
    const next = toastPlacement(document, toast.offsetHeight);
    setPlace((old) => (old !== null && next !== null && old.edge === next.edge && old.left === next.left
      && old.top === next.top && old.width === next.width ? old : next));
  }, []);
  // Placed when the selection moves (↑ ↓ PgDn, in the inbox or the search results) or the section changes, not on
  // the countdown's tick: once before paint for a row already in view, and once more in the frame the grid scrolls a
  // row into view (AppealGrid writes scrollTop in an animation frame requested before this one), flushed so that
  // frame paints the toast already moved off the row.
  const inboxSelected = useDeskStore((s) => s.selectedId);
  const searchSelected = useSearchStore((s) => s.selectedId);
  const view = useDeskStore((s) => s.view);
  // A conflict notice arriving or going moves the grid's foot the toast stands on (ConflictNotice.tsx): the toast
  // kept its old place over the notice's text (second read).
  const conflicts = useDeskStore((s) => s.conflicts.length);
  // An alert or a notice may rise from the status bar over the toast's place (toast-place.ts risenTop): it rises in
  // its own layout effect, so the frame after is where the toast finds it.
  const alertSeq = useDeskStore((s) => s.alert?.seq ?? 0);
  const noticeSeq = useDeskStore((s) => s.notice?.seq ?? 0);
  useLayoutEffect(() => {
    measure();
    const frame = requestAnimationFrame(() => flushSync(measure));
    return () => cancelAnimationFrame(frame);
  }, [measure, inboxSelected, searchSelected, view, conflicts, rival, alertSeq, noticeSeq]);
  // The window resized, or the list scrolled under the toast (the wheel, a list anchored as rows arrive above).
  useEffect(() => {
    window.addEventListener('resize', measure);
    document.addEventListener('scroll', measure, { capture: true, passive: true });
    return () => {
      window.removeEventListener('resize', measure);
      document.removeEventListener('scroll', measure, { capture: true });
    };
  }, [measure]);
  const style: CSSProperties | undefined = place ? { left: place.left, top: place.top, bottom: 'auto', width: place.width } : undefined;
  const { seconds, fraction } = countdown(undoable, nowMs);
  const down = link === 'desk-down';
  const what = toastDecisionText(undoable, (id) => targetsById.get(id)?.shortName);
  return (
    <div ref={ref} className="undo-toast" data-testid="undo-toast" role="group" aria-label="Последнее решение можно отменить"
      data-appeal-id={undoable.appealIds[0]} data-seconds={seconds} data-place={place?.edge} style={style}>
      <div className="undo-toast-main">
        <span className="undo-toast-what" data-testid="undo-toast-decision" aria-live="polite">{what}</span>
        <span className="undo-toast-excerpt" data-testid="undo-toast-excerpt">{toastExcerpt(undoable.excerpt)}</span>
      </div>
      <div className="undo-toast-side">
        {down ? null : <span className="undo-toast-key"><Keycap keys={keysFor('global', 'undo')} /> отменить</span>}
        <span className="undo-toast-seconds tabular" data-testid="undo-toast-seconds">
          {countdownWords(seconds, link)}
        </span>
      </div>
      {/* The toast's own row under the others (sync.css): in the very short window it takes the toast's whole width. */}
      {rival ? <span className="undo-toast-rival" data-testid="undo-toast-rival" role="status">{rivalDecisionText(rival)}</span> : null}
      {down ? null : (
        <div className="undo-toast-track" aria-hidden="true">
          <div className="undo-toast-bar" data-testid="undo-toast-bar" style={{ transform: `scaleX(${fraction})` }} />
        </div>
      )}
    </div>
  );
}
