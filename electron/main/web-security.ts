// Locks down every web contents and the session: no navigation (but a reload of the app page itself), no new
// windows, no webviews, no permissions. Allowed external links go to the system browser through shell.openExternal.
import { shell, type Session, type WebContents } from 'electron';
import { isAppReload } from './app-origin.js';
import { allowedExternalUrl } from './external-links.js';

function openIfAllowed(url: string, extraHosts: readonly string[], log: (line: string) => void): void {
  const allowed = allowedExternalUrl(url, extraHosts);
  if (allowed === null) {
    // Only the scheme and host: a citizen-supplied URL can carry personal data in its path.
    log(`blocked external link to ${linkOrigin(url)}`);
    return;
  }
  shell.openExternal(allowed).catch((error: unknown) => log(`openExternal failed: ${String(error)}`));
}

export function hardenWebContents(contents: WebContents, extraHosts: readonly string[], log: (line: string) => void): void {
  // The app is one page; any renderer-initiated navigation is a bug or an attack. A link click on an
  // allowed platform still reaches the operator through the system browser. Reloading the page it is on
  // (location.reload(): «Перезагрузить окно» after a rendering error) goes nowhere new and is let through.
  contents.on('will-navigate', (event) => {
    if (event.isMainFrame && isAppReload(event.url, contents.getURL())) return;
    event.preventDefault();
    openIfAllowed(event.url, extraHosts, log);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, extraHosts, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

function linkOrigin(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.hostname}`.slice(0, 200);
  } catch {
    return 'an unparsable address';
  }
}
