// The undo window IT sets in the machine policy (#13): whole seconds 5…10, default 7, anything else stops the app with
// a problem naming the key — and the value reaches the core as its pushDelayMs.
import { describe, expect, it } from 'vitest';
import { undoWindowMs } from '../../../electron/main/effective-settings.js';
import { DEFAULT_UNDO_SECONDS } from '../../../shared/domain/undo-window.js';
import { EMPTY_POLICY, parsePolicy, POLICY_KEYS } from '../../../electron/main/machine-policy.js';

const FILE = '/etc/triage-desk/policy.json';
const parse = (value: unknown) => parsePolicy(JSON.stringify(value), FILE, { readText: () => null });

describe('policy undoSeconds', () => {
  it('is a known key and defaults to 7 s when absent', () => {
    expect(POLICY_KEYS).toContain('undoSeconds');
    const load = parse({ apiUrl: 'https://cur.nso.ru/desk' });
    if (!load.ok) throw new Error(load.problem);
    expect(load.policy.undoSeconds).toBeUndefined();
    expect(DEFAULT_UNDO_SECONDS).toBe(7);
    expect(undoWindowMs(load.policy)).toBe(7_000);
    expect(undoWindowMs(EMPTY_POLICY)).toBe(7_000);
  });

  it.each([5, 7, 10])('takes %i s and passes it on in milliseconds', (seconds) => {
    const load = parse({ undoSeconds: seconds });
    if (!load.ok) throw new Error(load.problem);
    expect(load.policy.undoSeconds).toBe(seconds);
    expect(undoWindowMs(load.policy)).toBe(seconds * 1000);
  });

  it.each([4, 11, 0, -7, 7.5, '7', null, true, [7], { seconds: 7 }])('refuses %j with a problem naming the key and range', (value) => {
    const load = parse({ undoSeconds: value });
    expect(load.ok).toBe(false);
    if (load.ok) return;
    expect(load.file).toBe(FILE);
    expect(load.problem).toContain('"undoSeconds"');
    expect(load.problem).toContain('от 5 до 10');
  });
});
