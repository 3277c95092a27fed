// Serves the renderer build from the privileged app:// scheme instead of file://, refusing any path that
// would leave the build folder, and sends the page's CSP as a header too (with frame-ancestors, which a meta cannot carry).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin.js';
import { headerCspFor } from './content-security-policy.js';
import { contentTypeFor, resolveStaticFile } from './static-files.js';

/** Must run before app 'ready': makes app:// a standard, secure origin with fetch support. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(rendererDir: string, log: (line: string) => void): void {
  let csp: Promise<string> | null = null;
  const pageCsp = (): Promise<string> => {
    csp ??= readFile(path.join(rendererDir, 'index.html'), 'utf8').then((html) => headerCspFor(html), () => headerCspFor(null));
    return csp;
  };

  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && request.method === 'GET' ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return notFound();
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': await pageCsp(),
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR') log(`app:// failed to read ${file}: ${String(error)}`);
      return notFound();
    }
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
