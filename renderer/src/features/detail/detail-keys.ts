// The detail pane's keys, shared by every decidable list (the inbox, the search results): Space / Shift+Space page
// through the appeal's text, V opens its photos. Called from lists/list-keys.ts after the list's own common keys.
import type { ShortcutMatch } from '../shortcuts/shortcut-table.js';
import type { DetailState } from '../../lists/decidable-list-types.js';
import { openPhotoViewer } from './photo-viewer-store.js';
import { selectedPhotos } from './photos.js';

/** The scrolling part of the detail pane on screen (one list is on screen at a time). */
export const DETAIL_SCROLL_ATTR = 'data-detail-scroll';

/** Keeps this much of the last screenful in view, as browsers do, so the reader does not lose the line. */
const OVERLAP_PX = 40;

/** Scrolls the detail text one screenful down (+1) or up (-1); instant, so a held key pages evenly. */
export function scrollDetail(direction: 1 | -1): void {
  const box = document.querySelector<HTMLElement>(`[${DETAIL_SCROLL_ATTR}]`);
  if (box === null) return;
  const page = Math.max(box.clientHeight - OVERLAP_PX, Math.round(box.clientHeight / 2));
  box.scrollBy({ top: direction * page, behavior: 'instant' });
}

/** Handles a detail key and says true; false when the action is not one of them. */
export function handleDetailKey({ shortcut }: ShortcutMatch,
  list: { selectedId: string | null; detail: DetailState | null },
  desk: { showAlert(text: string): void }): boolean {
  switch (shortcut.action) {
    case 'scroll-detail-down': scrollDetail(1); return true;
    case 'scroll-detail-up': scrollDetail(-1); return true;
    case 'open-photos': {
      // Until the appeal is loaded there is nothing to say about its photos yet.
      if (list.selectedId === null || list.detail?.id !== list.selectedId || list.detail.phase !== 'ready') return true;
      if (selectedPhotos(list).length === 0) desk.showAlert('У этого обращения нет фото, которые можно показать.');
      else openPhotoViewer(0);
      return true;
    }
    default: return false;
  }
}
