// The export toast of the lead's sections (#13): over the bottom of the workspace — never in the layout, so nothing
// moves and it is seen wherever the page is scrolled — it shows the progress while the core writes, then the file
// written (name and folder) and the rows with the right plural, or why it failed. It goes after a few seconds
// (use-export.ts), or with the key of the table's 'export-toast' scope (Esc), which it takes before the section does.
import { useEffect, useEffectEvent, useLayoutEffect, useRef, type RefObject } from 'react';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, resolveShortcut } from '../shortcuts/shortcut-table.js';
import {
  exportDoneTitle, exportFailedText, exportProgressText, exportRowsText, splitPath,
} from './export-toast-text.js';
import type { ExportState } from './use-export.js';
import { aboveKeyLine } from '../undo/toast-place.js';
import { useDeskStore } from '../../store/desk-store.js';
import '../../styles/lead.css';

/**
 * The toast's keys, on the window's capture phase: they come before the section's own scope (whose Esc means «back»
 * in the queues), and only while the toast is up and no dialog or picker has the keyboard (`active`).
 */
function useToastKeys(active: boolean, dismiss: () => void): void {
  const onDismiss = useEffectEvent(dismiss);
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      if (resolveShortcut('export-toast', event)?.shortcut.action !== 'dismiss-toast') return;
      event.preventDefault();
      event.stopPropagation();
      onDismiss();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [active]);
}

/** The gap between the export toast and an undo toast under it. */
const STACK_GAP = 8;

/**
 * Fixed above the section's key line, whatever its height (two rows at 150 %), measured after each paint and resize;
 * above the undo toast while that one shows too — both stood on the key line, one over the other's text (a re-route
 * then E within its grace). Placed again in the frame after: the undo toast places itself in its own layout effect.
 */
function useAboveKeyLine(ref: RefObject<HTMLDivElement | null>, phase: ExportState['phase']): void {
  // Only to run the effect again when an undo toast comes, goes or is replaced by another (a second re-route: its text
  // may wrap to another height), and for the toast's element with the phase.
  const undoToast = useDeskStore((s) => s.syncStatus?.undoable?.mutationIds.join(',') ?? null);
  useLayoutEffect(() => {
    const place = (): void => {
      const el = ref.current;
      if (el === null) return;
      const line = aboveKeyLine(document);
      const undo = document.querySelector('.undo-toast')?.getBoundingClientRect();
      const overUndo = undo === undefined || undo.height === 0 ? null
        : document.documentElement.clientHeight - undo.top + STACK_GAP;
      const bottom = line === null ? overUndo : Math.max(line, overUndo ?? 0);
      el.style.bottom = bottom === null ? '' : `${bottom}px`;
    };
    // Now, and once more in the next frame, when the undo toast has placed itself too (on a zoom as well).
    let frame = 0;
    const placeTwice = (): void => {
      place();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    placeTwice();
    window.addEventListener('resize', placeTwice);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', placeTwice);
    };
  }, [ref, undoToast, phase]);
}

export function ExportToast({ state, keysActive, onDismiss }: {
  state: ExportState; keysActive: boolean; onDismiss: () => void;
}) {
  const closable = state.phase === 'done' || state.phase === 'failed';
  useToastKeys(keysActive && closable, onDismiss);
  const ref = useRef<HTMLDivElement>(null);
  useAboveKeyLine(ref, state.phase);
  if (state.phase === 'idle') return null;
  const close = closable ? (
    <span className="export-toast-key"><Keycap keys={keysFor('export-toast', 'dismiss-toast')} /> скрыть</span>
  ) : null;
  if (state.phase === 'running') {
    const share = state.total > 0 ? state.done / state.total : 0;
    return (
      <div ref={ref} className="export-toast" role="status" data-testid="export-toast">
        <span className="export-toast-what">{exportProgressText(state.done, state.total)}</span>
        <progress max={1} value={share} aria-label="Ход выгрузки" />
      </div>
    );
  }
  if (state.phase === 'failed') {
    return (
      <div ref={ref} className="export-toast failed" role="alert" data-testid="export-toast">
        <span className="export-toast-what" data-testid="export-failed">{exportFailedText(state.message)}</span>
        {close}
      </div>
    );
  }
  const { folder } = splitPath(state.path);
  return (
    <div ref={ref} className="export-toast" role="status" data-testid="export-toast">
      <div className="export-toast-main" data-testid="export-done">
        <span className="export-toast-what">{exportDoneTitle(state.path)}</span>
        <span className="export-toast-detail">
          <span data-testid="export-rows">{exportRowsText(state.rows)}</span>
          {folder ? <> · папка <code className="export-path" title={state.path}>{folder}</code></> : null}
        </span>
      </div>
      {close}
    </div>
  );
}
