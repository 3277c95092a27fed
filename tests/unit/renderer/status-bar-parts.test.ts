// The status bar's sentences in parts (sync-status-text.ts): while an alert takes the line's room, the bar keeps the
// first part of each — the sync state, the queue's count — so the parts must say the state first and add up to the
// whole sentence.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { syncStatusParts, syncStatusText, waitingParts, waitingText } from '../../../renderer/src/features/sync/sync-status-text.js';

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'online', pending: 0, lastSyncAt: '2025-11-27T07:05:00Z', offlineSince: null, lastError: null, ...over,
});

describe('status bar parts', () => {
  it('puts the state first, and the details after it make the whole sentence', () => {
    const cases: Array<[SyncStatus, string]> = [
      [status({}), 'В сети'],
      [status({ lastSyncAt: null }), 'В сети'],
      [status({ state: 'syncing', pending: 2 }), 'Синхронизация…'],
      // Offline, decisions waiting are part of the state (kept beside a notice); none waiting, a detail.
      [status({ state: 'offline', pending: 3, offlineSince: '2025-11-27T07:02:00Z' }), 'Нет связи с 14:02 · ожидают отправки: 3'],
      [status({ state: 'offline', pending: 0, offlineSince: '2025-11-27T07:02:00Z' }), 'Нет связи с 14:02'],
      [status({ state: 'offline', offlineCause: 'network', offlineSince: '2025-11-27T07:02:00Z' }), 'Нет связи с 14:02'],
      // The server answers with errors (its database down): no «Нет связи», which sends IT to the network.
      [status({ state: 'offline', offlineCause: 'server', pending: 1, offlineSince: '2025-11-27T07:02:00Z' }),
        'Сбой на сервере с 14:02 · ожидают отправки: 1'],
      // The desk's own fault in a sync is neither the network's nor the server's.
      [status({ state: 'offline', offlineCause: 'desk', offlineSince: '2025-11-27T07:02:00Z' }), 'Сбой синхронизации с 14:02'],
      [status({ state: 'signed-out' }), 'Вход не выполнен'],
    ];
    for (const [s, first] of cases) {
      const parts = syncStatusParts(s);
      expect(parts[0]).toBe(first);
      expect(parts.join(' · ')).toBe(syncStatusText(s));
    }
    expect(syncStatusParts(status({ pending: 4 })).slice(1)).toEqual(['ожидают отправки: 4', 'синхронизировано 14:05']);
  });

  it('keeps the queue count without its noun', () => {
    expect(waitingParts(120)).toEqual(['В очереди: 120', 'обращений']);
    expect(waitingParts(1)).toEqual(['В очереди: 1', 'обращение']);
    expect(waitingParts(1234)[0]).toMatch(/^В очереди: 1\s234$/);
    expect(waitingParts(1234).join(' ')).toBe(waitingText(1234));
  });
});
