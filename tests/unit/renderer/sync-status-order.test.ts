// The status read at sign-in must not overwrite a newer status an event brought while the answer was on its way
// (they travel on different connections): a late «syncing» over «online» left the status bar saying
// «синхронизация» until the next change.
import { afterEach, describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { SyncStatus } from '../../../shared/desk-api/sync-contract.js';
import type { DeskState } from '../../../renderer/src/store/state-types.js';
import { createSyncSlice } from '../../../renderer/src/store/sync-slice.js';

const status = (state: SyncStatus['state']): SyncStatus =>
  ({ state, pending: 0, lastSyncAt: null, offlineSince: null, lastError: null });

/** A bridge whose sync.status answer the test releases by hand. */
function bridge() {
  let release: (value: SyncStatus) => void = () => undefined;
  const answer = new Promise<SyncStatus>((resolve) => (release = resolve));
  const desk = {
    call: async (method: string) => (method === 'sync.status'
      ? { ok: true, value: await answer } : { ok: true, value: { conflicts: [] } }),
    on: () => () => undefined,
  };
  (globalThis as { window?: unknown }).window = { desk };
  return { release };
}

function store() {
  return create<DeskState>()((set, get, api) =>
    ({ ...createSyncSlice(set, get, api), showNotice: () => undefined, showAlert: () => undefined }) as unknown as DeskState);
}

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

describe('the status read at sign-in', () => {
  it('does not overwrite a status event that arrived while it was on its way', async () => {
    const { release } = bridge();
    const s = store();
    const loading = s.getState().loadSync();
    s.getState().applySyncStatus(status('online')); // the event, newer than the answer below
    release(status('syncing'));
    await loading;
    expect(s.getState().syncStatus?.state).toBe('online');
  });

  it('is applied when no event came meanwhile', async () => {
    const { release } = bridge();
    const s = store();
    const loading = s.getState().loadSync();
    release(status('online'));
    await loading;
    expect(s.getState().syncStatus?.state).toBe('online');
  });
});
