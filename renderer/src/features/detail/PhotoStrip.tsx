// The photos of an appeal as small thumbnails under its text. A thumbnail is a button (a click opens the viewer at
// that photo); the key opens it at the first. Pictures come from citizen-given https addresses: loaded without a
// referrer, and one that fails says so instead of showing a broken image.
import { useState } from 'react';
import { Keycap } from '../../components/Keycap.js';
import { urlLabel, urlTitle } from '../../components/safe-url.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { openPhotoViewer } from './photo-viewer-store.js';
import type { Photo } from './photos.js';

function Thumb({ photo, index, count }: { photo: Photo; index: number; count: number }) {
  const [failed, setFailed] = useState(false);
  return (
    <li>
      {/* Named by its visible content plus hidden words (not aria-label, which would hide «не загрузилось»). */}
      <button type="button" className="photo-thumb" data-failed={failed || undefined} title={urlTitle(photo.raw)}
        onClick={() => openPhotoViewer(index)}>
        <span className="visually-hidden">Фото {index + 1} из {count}, {urlLabel(photo.raw)}</span>
        {failed ? <span className="photo-thumb-failed">не загрузилось</span> : (
          <img src={photo.src} alt="" loading="lazy" decoding="async" referrerPolicy="no-referrer" draggable={false}
            onError={() => setFailed(true)} />
        )}
      </button>
    </li>
  );
}

export function PhotoStrip({ photos, keyScope }: { photos: readonly Photo[]; keyScope: 'inbox' | 'search' }) {
  if (photos.length === 0) return null;
  return (
    <section className="detail-photos" aria-label="Фото" data-testid="detail-photos">
      <h3 className="detail-section-title">
        Фото · {photos.length}
        <span className="detail-section-hint"><Keycap keys={keysFor(keyScope, 'open-photos')} /> смотреть</span>
      </h3>
      <ul>
        {/* A photo's address may repeat: the position keeps the keys unique. */}
        {photos.map((p, i) => <Thumb key={`${i}:${p.src}`} photo={p} index={i} count={photos.length} />)}
      </ul>
    </section>
  );
}
