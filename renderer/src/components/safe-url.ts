// Which citizen-supplied URLs may become links: https only (the shell decides what it actually opens).
// Everything else — javascript:, data:, file:, http:, garbage — is shown as plain text.

/** The normalised https URL, or null when the text must stay text. */
export function httpsUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** A short, readable label for a link: host and path without the scheme, trimmed. */
export function urlLabel(raw: string, max = 60): string {
  const text = raw.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
