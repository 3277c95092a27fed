// The privileged app:// origin the renderer is served from; IPC trusts only frames loaded from it.

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Node's URL gives non-special schemes an opaque 'null' origin, so compare scheme and host instead. */
export function isAppUrl(raw: string | null | undefined): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

function withoutFragment(raw: string): string {
  const url = new URL(raw);
  url.hash = '';
  return url.href;
}

/**
 * True when a navigation only reloads the app page it is on (location.reload(), the error boundary's «Перезагрузить
 * окно»): the same app:// URL, ignoring the fragment. Everything else stays blocked by will-navigate.
 */
export function isAppReload(target: string, current: string): boolean {
  if (!isAppUrl(target) || !isAppUrl(current)) return false;
  return withoutFragment(target) === withoutFragment(current);
}
