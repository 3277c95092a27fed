// keys.get / keys.set against a real core and the real reference server: each operator's remapped keys are kept per
// operator in the cache, survive a sign-out (a preference, not citizen data) and a restart, are never another
// operator's, and a key code that is not a key is refused by the contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import { tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

interface Overrides { overrides: { scope: string; action: string; chords: { code: string; ctrl?: boolean; shift?: boolean }[] }[] }

let serverDir: ReturnType<typeof tempDir>;
let coreDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let core: DeskCore;

const openCore = () => createDeskCore({ dataDir: coreDir.dir, apiUrl: server.url, tokenStore: createMemoryTokenStore(),
  pushDelayMs: 600_000, syncIntervalMs: 600_000 });
const signIn = (login: string) => value(core, 'session.login', { login, password: login });

const REMAP = [{ scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyB' }, { code: 'KeyN', ctrl: true }] }];

beforeEach(async () => {
  serverDir = tempDir('keymap-server');
  coreDir = tempDir('keymap-core');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  core = await openCore();
});
afterEach(async () => {
  await core.close();
  await server.close();
  coreDir.remove();
  serverDir.remove();
});

describe('keys.get / keys.set', () => {
  it('keeps each operator\'s keys apart, across a sign-out and a restart', async () => {
    const refused = await core.call('keys.get', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    await signIn('operator1');
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: [] });
    expect(await value<Overrides>(core, 'keys.set', { overrides: REMAP })).toEqual({ overrides: REMAP });
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: REMAP });

    await value(core, 'session.signOut', {});
    await signIn('operator2');
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: [] });
    await value(core, 'session.signOut', {});

    await core.close();
    core = await openCore();
    await signIn('operator1');
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: REMAP });
    // [] is «all keys back to the defaults».
    expect(await value<Overrides>(core, 'keys.set', { overrides: [] })).toEqual({ overrides: [] });
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: [] });
  });

  it('refuses what is not a key code, a modifier as a key, an action named twice and an empty chord list', async () => {
    await signIn('operator1');
    const bad = [
      [{ scope: 'inbox', action: 'undo', chords: [{ code: 'KeyZZ' }] }],
      [{ scope: 'inbox', action: 'undo', chords: [{ code: 'ControlLeft' }] }],
      [{ scope: 'inbox', action: 'undo', chords: [{ code: '<img src=x>' }] }],
      [{ scope: 'inbox', action: 'undo', chords: [] }],
      [{ scope: 'inbox', action: 'undo', chords: [{ code: 'KeyB', alt: true }] }],
      [REMAP[0], REMAP[0]],
    ];
    for (const overrides of bad) {
      expect(await core.call('keys.set', { overrides }), JSON.stringify(overrides))
        .toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await value<Overrides>(core, 'keys.get', {})).toEqual({ overrides: [] });
  });
});
