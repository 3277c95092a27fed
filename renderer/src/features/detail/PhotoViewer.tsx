// The photo viewer: a modal dialog over the desk showing one photo large, ←/→ through the appeal's photos, Esc (or
// the key that opened it) closes and the focus goes back where it was (the grid). Focus is trapped inside while it
// is open; a photo that fails to load says so and names its domain instead of a broken image.
import { useState, type KeyboardEvent } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { SafeLink } from '../../components/SafeLink.js';
import { urlLabel } from '../../components/safe-url.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { usePhotoViewerStore } from './photo-viewer-store.js';
import type { Photo } from './photos.js';

/** Tab and Shift+Tab cycle inside the dialog box: the desk behind an aria-modal dialog must not take the focus. */
function trapTab(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Tab') return;
  const box = event.currentTarget.querySelector<HTMLElement>('[role="dialog"]');
  if (box === null) return;
  const stops = Array.from(box.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], [tabindex="0"]'));
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (first === undefined || last === undefined) { event.preventDefault(); box.focus(); return; }
  const at = document.activeElement;
  if (event.shiftKey && (at === first || at === box || !box.contains(at))) { event.preventDefault(); last.focus(); }
  else if (!event.shiftKey && (at === last || !box.contains(at))) { event.preventDefault(); first.focus(); }
}

export function PhotoViewer({ photos }: { photos: readonly Photo[] }) {
  const close = useDeskStore((s) => s.closeDialog);
  const start = usePhotoViewerStore((s) => s.start);
  const [index, setIndex] = useState(() => Math.min(start, Math.max(0, photos.length - 1)));
  const [failed, setFailed] = useState<ReadonlySet<string>>(() => new Set());
  const count = photos.length;
  const step = (delta: number): void => setIndex((i) => (count === 0 ? 0 : Math.min(count - 1, Math.max(0, i + delta))));
  useShortcutScope('photo-viewer', true, ({ shortcut }) => {
    if (shortcut.action === 'close') close();
    else if (shortcut.action === 'next-photo') step(1);
    else if (shortcut.action === 'prev-photo') step(-1);
  });
  const photo = photos[Math.min(index, count - 1)];
  const counter = count === 0 ? 'Фото' : `Фото ${index + 1} из ${count}`;
  return (
    <div className="photo-viewer-trap" onKeyDown={trapTab}>
      <Dialog title={counter} onClose={close} className="photo-viewer"
        aside={<span className="dialog-hint"><Keycap keys={keysFor('photo-viewer', 'close')} /> закрыть</span>}>
        <div className="photo-stage" data-testid="photo-stage">
          {photo === undefined ? <p className="photo-failed">Фото больше нет в обращении</p>
            : failed.has(photo.src) ? (
              <p className="photo-failed" role="status">
                Фото не загрузилось: <SafeLink url={photo.raw} />
              </p>
            ) : (
              <img key={photo.src} src={photo.src} alt={`${counter} · ${urlLabel(photo.raw)}`} referrerPolicy="no-referrer"
                decoding="async" draggable={false}
                onError={() => setFailed((set) => new Set(set).add(photo.src))} />
            )}
        </div>
        <footer className="dialog-footer photo-viewer-footer">
          {/* aria-disabled, not disabled: a button that is focused when it stops applying must keep the focus. */}
          <button type="button" className="btn" aria-disabled={index === 0} onClick={() => step(-1)}>
            <Keycap keys={keysFor('photo-viewer', 'prev-photo')} /> <span className="btn-label">назад</span>
          </button>
          <button type="button" className="btn" aria-disabled={index >= count - 1} onClick={() => step(1)}>
            <Keycap keys={keysFor('photo-viewer', 'next-photo')} /> <span className="btn-label">дальше</span>
          </button>
          {photo === undefined ? null : <span className="photo-source"><SafeLink url={photo.raw} /></span>}
        </footer>
      </Dialog>
    </div>
  );
}
