// The page's Content-Security-Policy: read from the renderer's own <meta> tag so the HTTP header (app://
// in Electron, http:// in the harness) says the same thing, plus the directives a <meta> cannot carry; a strict
// default when the tag is missing.

import { PHOTO_IMG_SOURCES } from '../../shared/domain/photo-hosts.js';

export const DEFAULT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // The platforms' photo hosts (detail pane thumbnails), https only: shared/domain/photo-hosts.ts says why.
  `img-src 'self' data: ${PHOTO_IMG_SOURCES}`,
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

// Directives browsers ignore in a <meta> policy (CSP3 §6.1: frame-ancestors, report-uri, sandbox), each with a
// console error on every page load (qa-53): so they live here, sent only in the response header.
export const HEADER_ONLY_CSP = ["frame-ancestors 'none'"];

/** The policy for the response header: the page's own (its meta tag, or the default) plus the header-only directives. */
export function headerCspFor(html: string | null): string {
  const page = (html === null ? null : cspFromHtml(html)) ?? DEFAULT_CSP;
  const names = new Set(page.split(';').map((d) => d.trim().split(/\s+/)[0]?.toLowerCase()));
  const extra = HEADER_ONLY_CSP.filter((d) => !names.has(d.split(' ')[0]));
  return [page.replace(/[;\s]+$/, ''), ...extra].join('; ');
}

const META_TAG = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-zA-Z-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The content of `<meta http-equiv="Content-Security-Policy" content="…">`, or null when absent. */
export function cspFromHtml(html: string): string | null {
  for (const tag of html.match(META_TAG) ?? []) {
    const attributes = new Map<string, string>();
    for (const match of tag.matchAll(ATTRIBUTE)) {
      const name = match[1];
      if (name) attributes.set(name.toLowerCase(), decodeEntities(match[3] ?? match[4] ?? ''));
    }
    if (attributes.get('http-equiv')?.toLowerCase() === 'content-security-policy') {
      const content = attributes.get('content')?.trim();
      if (content) return content;
    }
  }
  return null;
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&apos;/g, "'").replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
