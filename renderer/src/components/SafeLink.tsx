// A link to citizen-supplied content: a real link only for https (the shell decides what it opens),
// plain text for anything else.
import type { ReactNode } from 'react';
import { httpsUrl } from './safe-url.js';

export function SafeLink({ url, children }: { url: string | undefined; children: ReactNode }) {
  const href = httpsUrl(url);
  if (href === null) return <span className="unsafe-link" title={url ? `Ссылка не открывается: ${url}` : undefined}>{children}</span>;
  return <a href={href} target="_blank" rel="noopener noreferrer" title={href}>{children}</a>;
}
