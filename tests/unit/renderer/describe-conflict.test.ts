import { describe, expect, it } from 'vitest';
import type { Conflict } from '../../../shared/desk-api/contract.js';
import type { Target } from '../../../shared/domain/target.js';
import { conflictArrivedText, describeConflict, targetNameLookup } from '../../../renderer/src/features/sync/describe-conflict.js';
import { pluralRu } from '../../../shared/text/plural-ru.js';
import { handoverWaitingText, syncProgressText, syncStatusText, waitingText } from '../../../renderer/src/features/sync/sync-status-text.js';

const targets = new Map<string, Target>([
  ['zdrav', { id: 'zdrav', kind: 'ministry', shortName: 'Минздрав НСО', name: 'Министерство здравоохранения' }],
  ['gkh', { id: 'gkh', kind: 'ministry', shortName: 'МинЖКХ НСО', name: 'Министерство ЖКХ и энергетики' }],
]);
const name = targetNameLookup(targets);

const conflict = (server: Partial<Conflict['server']>, local: Conflict['local']): Conflict => ({
  id: 'c1', appealId: 'a1', excerpt: 'Нет воды', local, detectedAt: '2025-11-27T07:05:00Z',
  server: { status: 'routed', targetId: 'zdrav', rejectReason: null, routedAt: '2025-11-27T07:04:00Z',
    routedBy: { id: 'u2', name: 'Оператор 2 — Иван Сидоров' }, ...server },
});

describe('describeConflict', () => {
  it('says who routed the appeal where and which decision was not applied', () => {
    expect(describeConflict(conflict({}, { type: 'route', targetId: 'gkh' }), name)).toBe(
      'Обращение уже направлено: Оператор 2 — Иван Сидоров → Минздрав НСО. Ваше решение (МинЖКХ НСО) не применено.');
  });

  it('describes a rejection on the server and a local rejection', () => {
    expect(describeConflict(conflict({ status: 'rejected', targetId: null, rejectReason: 'spam' },
      { type: 'reject', reason: 'thanks' }), name)).toBe(
      'Обращение уже отклонено: Оператор 2 — Иван Сидоров (Спам, реклама). Ваше решение (отклонить: благодарность) не применено.');
  });

  it('falls back to the id for an unknown target and to «другой оператор» without a user', () => {
    expect(describeConflict(conflict({ targetId: 'x9', routedBy: null }, { type: 'route', targetId: 'gkh' }), name))
      .toBe('Обращение уже направлено: другой оператор → x9. Ваше решение (МинЖКХ НСО) не применено.');
  });
});

describe('conflictArrivedText', () => {
  it('describes the conflict whole and names the key of «Конфликты»', () => {
    expect(conflictArrivedText(conflict({}, { type: 'route', targetId: 'gkh' }), name, 'Ctrl+5')).toBe(
      'Обращение уже направлено: Оператор 2 — Иван Сидоров → Минздрав НСО. Ваше решение (МинЖКХ НСО) не применено. '
      + 'Раздел «Конфликты» — Ctrl+5.');
  });
});

describe('status bar text', () => {
  it('reads like the spec', () => {
    expect(syncStatusText({ state: 'online', pending: 0, lastSyncAt: '2025-11-27T07:05:00Z', offlineSince: null,
      lastError: null })).toBe('В сети · ожидают отправки: 0 · синхронизировано 14:05');
    expect(syncStatusText({ state: 'offline', pending: 3, lastSyncAt: null, offlineSince: '2025-11-27T07:02:00Z',
      lastError: 'x' })).toBe('Нет связи с 14:02 · ожидают отправки: 3 · данных с сервера ещё нет');
    // Offline review: how fresh the cached data is.
    expect(syncStatusText({ state: 'offline', pending: 0, lastSyncAt: '2025-11-26T09:30:00Z', offlineSince: '2025-11-27T07:02:00Z',
      lastError: 'x' })).toBe('Нет связи с 14:02 · данные на 16:30 · ожидают отправки: 0');
    expect(syncProgressText({ done: 12_000, total: 100_000, perSecond: 2_400, secondsLeft: 37 }))
      .toBe('Загрузка: 12\u00a0000 из 100\u00a0000 · 2\u00a0400/с · осталось ~37 с');
  });

  it('declines Russian plurals', () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => pluralRu(n, { one: 'а', few: 'б', many: 'в' })).join('')).toBe('абввабв');
    expect(waitingText(1234)).toMatch(/^В очереди: 1\s234 обращения$/);
  });

  it("names each previous operator's queued decisions and whether they are going out (shift handover)", () => {
    expect(handoverWaitingText([
      { user: { id: 'u1', name: 'Иванова А.' }, count: 3, sending: true },
      { user: { id: 'u2', name: 'Петров Б.' }, count: 1, sending: false },
    ])).toBe('Иванова А.: 3 решения, отправляются от имени автора; Петров Б.: 1 решение, ждёт входа автора');
  });
});
