// Which links may leave the app for the system browser: only https links to the platforms appeals come from.
// Pure so the decision is unit-tested on parsed URLs, never on string prefixes.

/** The platforms a citizen appeal can link to; a subdomain of one of these is allowed too. */
export const EXTERNAL_LINK_HOSTS = ['vk.com', 'ok.ru', 't.me', 'gosuslugi.ru'] as const;

/**
 * Returns the normalised URL to hand to `shell.openExternal`, or null when the link must stay closed.
 * `extraHosts` comes from the machine policy's linkAllowlist (bare, lowercase host names, validated there).
 */
export function allowedExternalUrl(raw: unknown, extraHosts: readonly string[] = []): string | null {
  if (typeof raw !== 'string' || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  // Credentials in a link are a phishing trick (https://vk.com@evil.example) and never needed here.
  if (url.username !== '' || url.password !== '') return null;
  if (url.port !== '') return null;
  // URL lowercases the host and converts IDNs to punycode; a trailing dot is the same host to DNS.
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  const allowed = [...EXTERNAL_LINK_HOSTS, ...extraHosts].some((h) => host === h || host.endsWith(`.${h}`));
  return allowed ? url.href : null;
}

export function isAllowedExternalUrl(raw: unknown, extraHosts: readonly string[] = []): boolean {
  return allowedExternalUrl(raw, extraHosts) !== null;
}
