// The detail pane's appeal for whichever grid selected it (inbox, search): fetched after the selection is painted,
// and kept only if that appeal is still the one selected when the answer arrives.
import { afterPaint } from '../app/after-paint.js';
import { deskCall } from '../desk-client.js';
import type { DetailState } from '../lists/decidable-list-types.js';

export interface DetailTarget {
  selectedId(): string | null;
  detail(): DetailState | null;
  setDetail(detail: DetailState | null): void;
}

export function createDetailLoader(target: DetailTarget): (id: string | null) => Promise<void> {
  return async (id) => {
    if (id === null) {
      target.setDetail(null);
      return;
    }
    const current = target.detail();
    if (!(current?.id === id && current.phase === 'ready')) target.setDetail({ id, phase: 'loading' });
    // The selection is painted first; a key held down asks only for the appeal it stops on.
    await afterPaint();
    if (target.selectedId() !== id) return;
    const result = await deskCall('appeals.get', { id });
    if (target.selectedId() !== id) return;
    target.setDetail(result.ok ? { id, phase: 'ready', local: result.value } : { id, phase: 'failed', message: result.error.message });
  };
}
