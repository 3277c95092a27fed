import { describe, expect, it } from 'vitest';
import { checkDeskCall, type IpcSenderFacts } from '../../../electron/main/ipc-guard.js';

const appFrame: IpcSenderFacts = { fromMainWindow: true, fromTopFrame: true, frameUrl: 'app://desk/index.html' };

describe('checkDeskCall', () => {
  it('accepts a known method from the top frame of the main window on app://', () => {
    expect(checkDeskCall(appFrame, 'inbox.list')).toEqual({ ok: true, method: 'inbox.list' });
  });

  it.each([
    ['another window', { ...appFrame, fromMainWindow: false }],
    ['a sub-frame', { ...appFrame, fromTopFrame: false }],
    ['a destroyed frame', { ...appFrame, frameUrl: null }],
    ['a file:// page', { ...appFrame, frameUrl: 'file:///tmp/index.html' }],
    ['an http page', { ...appFrame, frameUrl: 'https://vk.com/' }],
    ['another app:// host', { ...appFrame, frameUrl: 'app://evil/index.html' }],
    ['app:// with credentials', { ...appFrame, frameUrl: 'app://x@desk/index.html' }],
  ])('refuses a call from %s', (_label, sender) => {
    const result = checkDeskCall(sender, 'inbox.list');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad_request');
  });

  it.each([['unknown name', 'inbox.drop'], ['prototype key', '__proto__'], ['inherited key', 'toString'],
    ['non-string', 42], ['missing', undefined],
    // Known to the core, but the shell's own (IT's policy): never from a page, DevTools included.
    ['shell-only', 'favorites.setMachine']])('refuses an unknown method: %s', (_label, method) => {
    const result = checkDeskCall(appFrame, method);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toMatch(/[а-я]/);
    }
  });
});
