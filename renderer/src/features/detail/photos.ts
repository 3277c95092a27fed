// Which attachments of an appeal are shown as pictures: photos with an https address (safe-url.ts) on one of the
// platforms' image hosts (shared/domain/photo-hosts.ts). Any other photo stays a line among the links — the page's
// CSP would refuse to load it anyway, and loading it would tell its host that an operator opened the appeal.
import type { Attachment } from '../../../../shared/domain/appeal.js';
import type { DetailState } from '../../lists/decidable-list-types.js';
import { isPhotoHost } from '../../../../shared/domain/photo-hosts.js';
import { httpsUrl } from '../../components/safe-url.js';

export interface Photo {
  /** The normalised https address the <img> loads. */
  src: string;
  /** The attachment's address as the citizen sent it (for the label and tooltip). */
  raw: string;
}

/** The address a photo attachment is loaded from, or null when it is not shown as a picture. */
function pictureSource(attachment: Attachment): string | null {
  if (attachment.kind !== 'photo') return null;
  const src = httpsUrl(attachment.url);
  return src !== null && isPhotoHost(new URL(src).hostname) ? src : null;
}

/** The showable photos among these attachments, in their order. */
export function photosIn(attachments: readonly Attachment[]): Photo[] {
  const photos: Photo[] = [];
  for (const a of attachments) {
    const src = pictureSource(a);
    if (src !== null) photos.push({ src, raw: a.url });
  }
  return photos;
}

/** The attachments shown as a line each: links, videos and photos that cannot be shown as a picture. */
export function linesIn(attachments: readonly Attachment[]): Attachment[] {
  return attachments.filter((a) => pictureSource(a) === null);
}

/** The photos of the selected appeal of a list, once its detail is loaded. */
export function selectedPhotos(list: { selectedId: string | null; detail: DetailState | null }): Photo[] {
  const { selectedId, detail } = list;
  if (selectedId === null || detail?.id !== selectedId || detail.phase !== 'ready') return [];
  return photosIn(detail.local.appeal.attachments);
}
