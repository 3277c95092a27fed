// Which photo the viewer opens at. Whether it is open is the desk's dialog slot ('photos'), so every other scope
// (the list's keys, the global ones) stands down while it is open, as for any dialog.
import { create } from 'zustand';
import { useDeskStore } from '../../store/desk-store.js';

interface PhotoViewerState {
  /** 0-based index of the photo shown first. */
  start: number;
}

export const usePhotoViewerStore = create<PhotoViewerState>(() => ({ start: 0 }));

export function openPhotoViewer(index: number): void {
  usePhotoViewerStore.setState({ start: Math.max(0, index) });
  useDeskStore.getState().openDialog('photos');
}
