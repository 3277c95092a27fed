// will-navigate blocks every navigation but a reload of the app page itself (the error boundary's «Перезагрузить
// окно» calls location.reload(), which Electron reports as a renderer-initiated navigation to the same URL).
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppReload } from '../../../electron/main/app-origin.js';

describe('isAppReload', () => {
  it('lets the app page reload itself, fragment or not', () => {
    expect(isAppReload(APP_ENTRY_URL, APP_ENTRY_URL)).toBe(true);
    expect(isAppReload(`${APP_ENTRY_URL}#inbox`, APP_ENTRY_URL)).toBe(true);
    expect(isAppReload(APP_ENTRY_URL, `${APP_ENTRY_URL}#lead`)).toBe(true);
  });

  it('is not a way to go anywhere else', () => {
    expect(isAppReload('https://example.com/', APP_ENTRY_URL)).toBe(false);
    expect(isAppReload('app://desk/other.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppReload(`${APP_ENTRY_URL}?x=1`, APP_ENTRY_URL)).toBe(false);
    expect(isAppReload('app://evil/index.html', 'app://evil/index.html')).toBe(false);
    expect(isAppReload('app://user:pw@desk/index.html', APP_ENTRY_URL)).toBe(false);
    expect(isAppReload('file:///etc/passwd', 'file:///etc/passwd')).toBe(false);
    expect(isAppReload('not a url', APP_ENTRY_URL)).toBe(false);
  });
});
