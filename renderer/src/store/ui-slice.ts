// UI state that is not data: which dialog is open, the alert and notice banners, page size, the clock.
// The alert and the notice each answer one action, so neither outlives the operator's next steps (QA-53): both end by
// themselves after a reading time and when the screen changes; an alert also ends when the next action goes through —
// a notice (a decision stored, an undo, a re-route), or the operator moving the selection (decidable-list.ts `select`
// for the inbox and search, the shortcut scope's moves for the other screens: use-shortcut-scope.ts).
import type { SliceCreator, UiSlice } from './state-types.js';

let seq = 0;

/**
 * Shortest time a message stays by itself. An alert (role="alert", red) is read as it appears: 8 s covers the glance
 * from the grid down to the status line (~2 s) and a typical alert of up to ~100 characters read at an unhurried
 * ~1,000 characters a minute (60 ms each). A notice is looked at later — after the next appeal's first lines, to
 * check «did it go to МинЖКХ?» — so it gets 10 s.
 */
export const ALERT_MIN_MS = 8_000;
export const NOTICE_MIN_MS = 10_000;
/** A long message (a server's reason appended) gets the glance plus 60 ms a character, up to this. */
export const MESSAGE_MAX_MS = 20_000;
const GLANCE_MS = 2_000;
const MS_PER_CHAR = 60;

/** How long `text` stays in the status line unless something ends it sooner. */
export function readingTimeMs(text: string, minMs: number): number {
  return Math.min(MESSAGE_MAX_MS, Math.max(minMs, GLANCE_MS + MS_PER_CHAR * [...text].length));
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  // One timer per line; each ends only the message it was started for (a newer one brings its own).
  let alertTimer: ReturnType<typeof setTimeout> | undefined;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const clearAlert = (): void => {
    clearTimeout(alertTimer);
    if (get().alert !== null) set({ alert: null });
  };
  const clearNotice = (): void => {
    clearTimeout(noticeTimer);
    if (get().notice !== null) set({ notice: null });
  };
  return {
    dialog: null,
    view: 'inbox',
    alert: null,
    notice: null,
    pageSize: 20,
    nowMs: Date.now(),
    setView: (view) => {
      const was = get().view;
      set({ view, dialog: null });
      // Another screen: what was said about the last one is over.
      if (was !== view) {
        clearAlert();
        clearNotice();
      }
      // Team mode (#9): the inbox's selection is held only while the inbox is on screen.
      if ((was === 'inbox') !== (view === 'inbox')) get().holdSelection(view === 'inbox');
    },
    openDialog: (name) => set({ dialog: name }),
    closeDialog: () => set({ dialog: null }),
    showAlert: (text) => {
      const alert = { seq: ++seq, text };
      set({ alert });
      clearTimeout(alertTimer);
      alertTimer = setTimeout(() => { if (get().alert === alert) set({ alert: null }); }, readingTimeMs(text, ALERT_MIN_MS));
    },
    clearAlert,
    // A notice says an action went through: an alert raised before that action began is over. One raised since (a key
    // pressed while the action's call was out — «решение не принято…», «нажмите ту же клавишу ещё раз») answers a
    // later key and stays: an action reporting after an await passes `since` (the alert seq when it started).
    showNotice: (text, options) => {
      const { alert } = get();
      const tone = options?.tone ?? 'done';
      // A key that did nothing ends nothing: the alert still answers the key before it.
      if (tone === 'done' && alert !== null && (options?.since === undefined || alert.seq <= options.since)) clearAlert();
      const notice = { seq: ++seq, text, tone };
      set({ notice });
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => { if (get().notice === notice) set({ notice: null }); }, readingTimeMs(text, NOTICE_MIN_MS));
    },
    setPageSize: (rows) => set({ pageSize: Math.max(1, Math.floor(rows)) }),
    tick: (nowMs) => set({ nowMs }),
  };
};
