// A link to citizen-supplied content: a real link only for https (the shell decides what it opens),
// plain text for anything else. Without children it shows the URL's domain (safe-url.ts urlLabel); the whole
// address, credentials removed, is in the tooltip either way.
import type { ReactNode } from 'react';
import { httpsUrl, urlLabel, urlTitle } from './safe-url.js';

export function SafeLink({ url, children }: { url: string | undefined; children?: ReactNode }) {
  const href = httpsUrl(url);
  const label = children ?? (url === undefined ? '' : urlLabel(url));
  if (href === null) {
    return <span className="unsafe-link" title={url ? `Ссылка не открывается: ${urlTitle(url)}` : undefined}>{label}</span>;
  }
  return <a href={href} target="_blank" rel="noopener noreferrer" title={href}>{label}</a>;
}
