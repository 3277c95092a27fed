// What the lead reads after an export and in the sync screens, for the counts where Russian changes the word:
// 1, 2, 5, 11, 21, 62 (and a big one, grouped).
import { describe, expect, it } from 'vitest';
import {
  exportDoneTitle, exportFailedText, exportProgressText, exportRowsText, splitPath,
} from '../../../renderer/src/features/lead/export-toast-text.js';
import { syncEventText } from '../../../renderer/src/features/sync/sync-status-text.js';
import { handoverWaitingText, waitingText } from '../../../renderer/src/features/sync/sync-status-text.js';
import { APPEAL_FORMS, DECISION_FORMS, countRu } from '../../../shared/text/plural-ru.js';

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('counts in words', () => {
  it('rows of an export', () => {
    expect([1, 2, 5, 11, 21, 62, 1_234].map((n) => plain(exportRowsText(n)))).toEqual(
      ['1 строка', '2 строки', '5 строк', '11 строк', '21 строка', '62 строки', '1 234 строки']);
  });

  it('appeals and decisions', () => {
    expect([1, 2, 5, 11, 21, 62].map((n) => countRu(n, APPEAL_FORMS))).toEqual(
      ['1 обращение', '2 обращения', '5 обращений', '11 обращений', '21 обращение', '62 обращения']);
    expect([1, 2, 5, 11, 21, 62].map((n) => countRu(n, DECISION_FORMS))).toEqual(
      ['1 решение', '2 решения', '5 решений', '11 решений', '21 решение', '62 решения']);
    expect(plain(waitingText(12_345))).toBe('В очереди: 12 345 обращений');
    const user = { id: 'u1', name: 'Иванова А.' };
    expect(handoverWaitingText([{ user, count: 21, sending: true }]))
      .toBe('Иванова А.: 21 решение, отправляется от имени автора');
    expect(handoverWaitingText([{ user, count: 62, sending: false }])).toBe('Иванова А.: 62 решения, ждут входа автора');
  });
});

describe('the export toast', () => {
  it('names the file and its folder, on Windows and elsewhere', () => {
    expect(splitPath('C:\\Users\\anna\\AppData\\Triage\\exports\\spisok-20261202-0930.xlsx')).toEqual(
      { folder: 'C:\\Users\\anna\\AppData\\Triage\\exports', file: 'spisok-20261202-0930.xlsx' });
    expect(exportDoneTitle('/home/anna/.config/triage/exports/otchet-2026-11.csv'))
      .toBe('Сохранено: otchet-2026-11.csv · exports');
    expect(exportDoneTitle('otchet.csv')).toBe('Сохранено: otchet.csv');
  });

  it('shows progress grouped and failures in Russian', () => {
    expect(plain(exportProgressText(1_200, 12_000))).toBe('Выгрузка… 1 200 из 12 000');
    expect(exportProgressText(0, 0)).toBe('Выгрузка…');
    expect(exportFailedText('Файл не записан: нет прав на запись в папку выгрузок.'))
      .toBe('Выгрузка не удалась. Файл не записан: нет прав на запись в папку выгрузок.');
  });
});

describe('the sync log', () => {
  it('names every event the core writes in Russian, and an unknown one plainly', () => {
    for (const event of ['push', 'push-split', 'pull', 'retry', 'targets', 'handover', 'cursor-ahead', 'unauthorized',
      'disk_full', 'unreachable', 'server_error', 'rejected', 'bad_response', 'internal']) {
      expect(syncEventText(event), event).toMatch(/^[А-ЯЁ][а-яё ]+$/);
    }
    expect(syncEventText('something-new')).toBe('Событие');
  });
});
