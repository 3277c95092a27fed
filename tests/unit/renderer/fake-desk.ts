// The renderer store's unit tests drive the real store against a fake desk bridge on `window.desk`, under fake timers
// (the hold rest, alert and notice timers): one set-up for every such file.
import { afterAll, beforeAll, vi } from 'vitest';
import type { DeskBridge, DeskResult } from '../../../shared/desk-api/contract.js';

/** What the fake answers for a method a test does not handle. */
export const NOT_FOUND: DeskResult<never> = { ok: false, error: { code: 'not_found', message: 'нет' } };

/** Installs `call` as the desk bridge and fake timers before the file's tests; removes both after them. */
export function useFakeDesk(call: DeskBridge['call']): void {
  const withWindow = globalThis as unknown as { window?: { desk: DeskBridge } };
  beforeAll(() => {
    withWindow.window = { desk: { call, on: () => () => {} } };
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
    delete withWindow.window;
  });
}

/** Lets `ms` of fake time pass, running the timers and promises due meanwhile. */
export const sleep = (ms: number): Promise<void> => vi.advanceTimersByTimeAsync(ms).then(() => undefined);
