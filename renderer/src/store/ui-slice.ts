// UI state that is not data: which dialog is open, the alert and notice banners, page size, the clock.
import type { SliceCreator, UiSlice } from './state-types.js';

let seq = 0;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  dialog: null,
  view: 'inbox',
  alert: null,
  notice: null,
  pageSize: 20,
  nowMs: Date.now(),
  setView: (view) => {
    const was = get().view;
    set({ view, dialog: null });
    // Team mode (#9): the inbox's selection is held only while the inbox is on screen.
    if ((was === 'inbox') !== (view === 'inbox')) get().holdSelection(view === 'inbox');
  },
  openDialog: (name) => set({ dialog: name }),
  closeDialog: () => set({ dialog: null }),
  showAlert: (text) => set({ alert: { seq: ++seq, text } }),
  clearAlert: () => set({ alert: null }),
  showNotice: (text) => set({ notice: { seq: ++seq, text } }),
  setPageSize: (rows) => set({ pageSize: Math.max(1, Math.floor(rows)) }),
  tick: (nowMs) => set({ nowMs }),
});
