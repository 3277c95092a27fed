// «Журнал синхронизации»: the sync log (errors, retries, pushes, pulls, queue length) as the core keeps it in the
// data folder — for the operator and for IT. No citizen text is ever written there. The event is named in plain
// Russian; its code (what IT searches the log file for) stays in the detail column, labelled «для ИТ».
import { useEffect, useState } from 'react';
import type { SyncLogEntry } from '../../../../shared/desk-api/contract.js';
import { Keycap } from '../../components/Keycap.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatLogTime, formatReceivedLong } from '../../time/novosibirsk-time.js';
import { formatCountRu } from '../../../../shared/text/number-ru.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { syncEventText, syncStatusText } from './sync-status-text.js';
import '../../styles/sync.css';

const LEVEL_TEXT: Record<SyncLogEntry['level'], string> = { info: 'событие', warn: 'внимание', error: 'ошибка' };

export function SyncLogView() {
  const dialog = useDeskStore((s) => s.dialog);
  const status = useDeskStore((s) => s.syncStatus);
  const nowMs = useDeskStore((s) => s.nowMs);
  const [entries, setEntries] = useState<readonly SyncLogEntry[]>([]);
  const [file, setFile] = useState('');
  const [cursor, setCursor] = useState(0);
  /** Only «внимание» and errors (F): every pull writes a line, and the problems drowned in them. */
  const [problemsOnly, setProblemsOnly] = useState(false);

  // R bumps this to read the log again; sync.status events (every retry, page, push) do the same.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      void deskCall('sync.log', { limit: 200 }).then((result) => {
        if (!live || !result.ok) return;
        setEntries(result.value.entries);
        setFile(result.value.file);
      });
    };
    load();
    const off = onDeskEvent('sync.status', load);
    return () => { live = false; off(); };
  }, [tick]);

  const shown = problemsOnly ? entries.filter((e) => e.level !== 'info') : entries;
  useShortcutScope('sync-log', dialog === null, ({ shortcut }) => {
    if (shortcut.action === 'move-down') setCursor((c) => Math.min(c + 1, shown.length - 1));
    else if (shortcut.action === 'move-up') setCursor((c) => Math.max(c - 1, 0));
    else if (shortcut.action === 'refresh') setTick((t) => t + 1);
    else if (shortcut.action === 'toggle-problems') { setProblemsOnly((p) => !p); setCursor(0); }
  });
  useEffect(() => {
    document.querySelector(`[data-log-row="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const errors = entries.filter((e) => e.level === 'error').length;
  const warnings = entries.filter((e) => e.level === 'warn').length;
  return (
    <section className="sync-workspace" aria-label="Журнал синхронизации" data-testid="sync-log-view">
      <header className="sync-head">
        <h2>Журнал синхронизации</h2>
        <span data-testid="sync-log-summary">
          {status ? syncStatusText(status) : ''} · ошибок в журнале: {formatCountRu(errors)} · «внимание»: {formatCountRu(warnings)}
          {status?.nextRetryAt ? ` · следующая попытка ${formatReceivedLong(status.nextRetryAt, nowMs)}` : ''}
        </span>
        {file ? <span className="log-file" title="Файл журнала">{file}</span> : null}
      </header>
      {/* The log scrolls: a named tab stop of its own, so a keyboard user can reach and scroll it (axe
          scrollable-region-focusable), as the lead's panes are; the keys themselves are the window's. */}
      <section className="sync-body" tabIndex={0} aria-label="Записи журнала синхронизации">
        {shown.length === 0 ? <p className="sync-empty">{problemsOnly ? 'Ни ошибок, ни «внимание» в журнале нет.' : 'Записей пока нет.'}</p> : (
          <table className="log-table">
            <thead>
              <tr><th>Время</th><th>Уровень</th><th>Событие</th><th>Подробности</th><th className="num" title="Решений, ожидавших отправки на сервер">Ждали отправки</th></tr>
            </thead>
            <tbody>
              {shown.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-log-row={i} aria-selected={i === cursor} className={`log-level-${e.level}`}>
                  <td className="tabular">{formatLogTime(e.at, nowMs)}</td>
                  <td>{LEVEL_TEXT[e.level]}</td>
                  <td className="log-event">{syncEventText(e.event)}</td>
                  <td>{e.message} <span className="muted log-code">(для ИТ: {e.event})</span></td>
                  <td className="num">{formatCountRu(e.queue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <footer className="sync-hints">
        <span><Keycap keys={keysFor('sync-log', 'move-up')} /> <Keycap keys={keysFor('sync-log', 'move-down')} /> выбор</span>
        <span><Keycap keys={keysFor('sync-log', 'toggle-problems')} /> {problemsOnly ? 'все записи' : 'только «внимание» и ошибки'}</span>
        <span><Keycap keys={keysFor('sync-log', 'refresh')} /> обновить</span>
        <span><Keycap keys={keysFor('global', 'sync-now')} /> синхронизировать сейчас</span>
      </footer>
    </section>
  );
}
