// The status-bar sentence for the sync state, e.g. «В сети · ожидают отправки: 0 · синхронизировано 14:05».
import type { SyncStatus } from '../../../../shared/desk-api/contract.js';
import { formatCountRu, formatProgressRu } from '../../../../shared/text/number-ru.js';
import { APPEAL_FORMS, DECISION_FORMS, countRu, pluralRu } from '../../../../shared/text/plural-ru.js';
import { formatClock } from '../../time/novosibirsk-time.js';

export function syncStatusText(status: SyncStatus): string {
  return syncStatusParts(status).join(' · ');
}

/**
 * The same sentence in its parts: the state first («В сети», «Нет связи с 14:02»), then the details. The status bar
 * keeps only the first while an alert needs the line's room (sync.css).
 */
export function syncStatusParts(status: SyncStatus): [string, ...string[]] {
  const pending = `ожидают отправки: ${formatCountRu(status.pending)}`;
  switch (status.state) {
    case 'online':
      return status.lastSyncAt === null
        ? ['В сети', pending]
        : ['В сети', pending, `синхронизировано ${formatClock(status.lastSyncAt)}`];
    case 'syncing':
      return ['Синхронизация…', pending];
    case 'offline': {
      // Offline review: say since when, and how fresh the cached data is (the last completed sync).
      // The server answering with errors is no lost network: IT looks at the server, not at the cable.
      const head = status.offlineCause === 'server' ? 'Сбой на сервере'
        : status.offlineCause === 'desk' ? 'Сбой синхронизации' : 'Нет связи';
      const since = status.offlineSince === null ? head : `${head} с ${formatClock(status.offlineSince)}`;
      const fresh = status.lastSyncAt === null ? 'данных с сервера ещё нет' : `данные на ${formatClock(status.lastSyncAt)}`;
      // Decisions waiting for the network are part of the state itself offline, kept when a notice or an alert takes
      // the details' room (a second trial of 5 December, 150 %: «ожидают отправки: 1» went with each decision's notice).
      return status.pending > 0 ? [`${since} · ${pending}`, fresh] : [since, fresh, pending];
    }
    case 'signed-out':
      return ['Вход не выполнен'];
  }
}

/** «В очереди: 1 234 обращения». */
export function waitingText(count: number): string {
  return waitingParts(count).join(' ');
}

/** «В очереди: 1 234» and «обращения»: the status bar drops the noun while an alert needs the line's room. */
export function waitingParts(count: number): [string, string] {
  return [`В очереди: ${formatCountRu(count)}`, pluralRu(count, APPEAL_FORMS)];
}

/** «Загрузка: 12 000 из 100 000 · 2 400/с · осталось ~38 с» — the first sync of a big backlog. */
export function syncProgressText(progress: NonNullable<SyncStatus['progress']>): string {
  const left = progress.secondsLeft === null ? '' : ` · осталось ~${durationText(progress.secondsLeft)}`;
  return `Загрузка: ${formatProgressRu(progress.done, progress.total)} · ${formatCountRu(progress.perSecond)}/с${left}`;
}

function durationText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} с`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} мин` : `${Math.floor(minutes / 60)} ч ${minutes % 60} мин`;
}

const GOING_OUT = { one: 'отправляется от имени автора', few: 'отправляются от имени автора', many: 'отправляются от имени автора' };
const WAITING = { one: 'ждёт входа автора', few: 'ждут входа автора', many: 'ждут входа автора' };

/**
 * Other operators' decisions queued on this desk (shift handover), one phrase each: «Иванова А.: 3 решения,
 * отправляются от имени автора» while their session is still valid, else «… ждут входа автора». Never sent as anyone
 * else.
 */
export function handoverWaitingText(waiting: NonNullable<SyncStatus['waiting']>): string {
  return waiting.map(({ user, count, sending }) =>
    `${user.name}: ${countRu(count, DECISION_FORMS)}, ${pluralRu(count, sending ? GOING_OUT : WAITING)}`)
    .join('; ');
}

/** The core's journal event codes (sync-engine, sync-push, sync-pull; ApiFailure kinds) as the operator reads them. */
const EVENT_TEXT: Readonly<Record<string, string>> = {
  push: 'Отправка решений',
  'push-split': 'Отправка решений по одному',
  pull: 'Получение обращений',
  retry: 'Повторная попытка',
  targets: 'Список адресатов',
  handover: 'Решения другого оператора',
  'cursor-ahead': 'Сервер восстановлен из копии',
  unauthorized: 'Нужен вход в систему',
  disk_full: 'Нет места на диске',
  unreachable: 'Сервер недоступен',
  server_error: 'Ошибка на сервере',
  rejected: 'Сервер отклонил запрос',
  bad_response: 'Непонятный ответ сервера',
  internal: 'Ошибка программы',
};

/** «Отправка решений», or for a code this version does not know, a plain «Событие». */
export const syncEventText = (event: string): string => EVENT_TEXT[event] ?? 'Событие';

/**
 * What the status bar says while the desk's core does not answer (DeskLink): the state, then what to do — a run an
 * alert beside it takes the room of, as it takes the sync state's details. Lost: nothing answers; what was decided
 * before is safe in SQLite. Restarting: a new core is on its way (core-supervisor.ts), all goes on in a few seconds.
 */
export const DESK_DOWN_PARTS: Readonly<Record<'lost' | 'restarting', readonly [string, string]>> = {
  lost: ['Программа не отвечает', ': перезапустите её — принятые решения сохранены'],
  restarting: ['Программа перезапускается', ' — принятые решения сохранены'],
};
export const DESK_LOST_TEXT = DESK_DOWN_PARTS.lost.join('');
export const DESK_RESTARTING_TEXT = DESK_DOWN_PARTS.restarting.join('');

/**
 * A decision key while the desk's core does not answer: said before anything is tried (a second trial of 5 December:
 * the key failed and the alert read «Не удалось загрузить обращения…», about the list, not the decision). Null: up.
 */
export function deskDownRefusal(link: 'up' | 'restarting' | 'lost'): string | null {
  if (link === 'up') return null;
  return link === 'lost'
    ? 'Решение не принято: программа не отвечает. Перезапустите её — принятые раньше решения сохранены.'
    : 'Решение не принято: программа перезапускается. Нажмите клавишу снова через несколько секунд.';
}
