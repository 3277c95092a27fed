// The one table of keyboard shortcuts: it drives key handling, the «?» help dialog and the on-screen hints.
// Keys are matched by KeyboardEvent.code (the physical key), so they work the same on the ЙЦУКЕН layout.
import type { Role } from '../../../../shared/domain/user.js';

export type ShortcutScope = 'global' | 'inbox' | 'picker' | 'reject' | 'help' | 'sign-out'
  | 'search' | 'search-box' | 'search-views' | 'search-save'
  | 'queues' | 'stats'
  // the lead's confirmation of a re-route of many appeals at once (more than reroute-plan.ts lets go at once)
  | 'reroute-confirm'
  // one appeal of an open queue, read whole (QueueAppealDialog)
  | 'queue-appeal'
  // the export toast over the lead's sections (issue 13): takes Esc before the section does
  | 'export-toast'
  | 'conflicts' | 'sync-log'
  // the «Настройка клавиш» screen inside the help dialog (issue 13)
  | 'keymap'
  // the photo viewer of the detail pane (issue 13)
  | 'photo-viewer'
  // the Ctrl+K command palette and the favourites dialog (issue 13, item 5)
  | 'palette' | 'favorites';

export type ShortcutAction =
  // search section (issue 4)
  | 'open-search' | 'to-results' | 'to-box' | 'clear-search' | 'save-view' | 'open-views' | 'apply-view' | 'delete-view'
  | 'toggle-filters'
  | 'move-down' | 'move-up' | 'first' | 'last' | 'page-down' | 'page-up'
  | 'route-favorite' | 'open-picker' | 'open-reject' | 'undo' | 'open-help'
  | 'dismiss-conflict' | 'dismiss-alert' | 'logout' | 'discard-unsent' | 'keep-unsent'
  | 'switch-view' | 'sync-now'
  | 'choose-reason' | 'confirm' | 'close'
  // shift lead: queues and statistics
  | 'extend-down' | 'extend-up' | 'open-group' | 'back' | 'select-all' | 'export-xlsx' | 'export-csv' | 'refresh'
  | 'choose-period' | 'toggle-urgency' | 'dismiss-toast' | 'show-shift'
  // sync log
  | 'toggle-problems'
  // routing suggestions (issue 6)
  | 'route-suggestion-1' | 'route-suggestion-2' | 'route-suggestion-3' | 'toggle-cluster'
  // conflicts section (issue 3)
  | 'accept-server'
  // remapping keys (issue 13)
  | 'open-keymap' | 'remap-key' | 'add-key' | 'remove-key' | 'reset-key' | 'reset-all-keys'
  // the detail pane (issue 13): reading a long appeal, its photos
  | 'scroll-detail-down' | 'scroll-detail-up' | 'open-photos' | 'next-photo' | 'prev-photo'
  // the command palette and choosing the favourites (issue 13, item 5)
  | 'open-palette' | 'open-favorites' | 'clear-slot'
  // an appeal withdrawn by its author (issue 14 item 6)
  | 'reject-withdrawn';

/**
 * The actions that decide an appeal or open the dialog that does (routing, rejecting). Every other key of the inbox
 * shows the operator at work on the appeal on screen: the inbox's refusal after its selection moved by itself ends
 * with it (lists/list-keys.ts, store/inbox-slice.ts operatorActed).
 */
export const DECIDING_ACTIONS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>(['route-favorite', 'open-picker',
  'open-reject', 'route-suggestion-1', 'route-suggestion-2', 'route-suggestion-3', 'reject-withdrawn']);

export interface KeyChord {
  code: string;
  /** Ctrl, or ⌘ on a Mac keyboard. */
  ctrl?: boolean;
  shift?: boolean;
}

/** One row of the table as written: what the keys do and which physical keys they are. */
interface Binding {
  action: ShortcutAction;
  scope: ShortcutScope;
  chords: readonly KeyChord[];
  /** Russian description for the help dialog. */
  label: string;
  /** Holding the key down repeats it; never true for decisions (a held «1» must not route a burst). */
  repeatable?: boolean;
  /** Other words people look for it by in the Ctrl+K palette, not shown («экспорт» for «Выгрузить…»). */
  also?: string;
}

export interface Shortcut extends Binding {
  /** Keycap text shown to the operator, e.g. «Ctrl+Z» or «1–9»: always derived from `chords` (chordsLabel). */
  keys: string;
}

const digits = (from: number, to: number, numpad: boolean): KeyChord[] => {
  const chords: KeyChord[] = [];
  for (let d = from; d <= to; d++) {
    chords.push({ code: `Digit${d}` });
    if (numpad) chords.push({ code: `Numpad${d}` });
  }
  return chords;
};

const ctrlDigits = (from: number, to: number): KeyChord[] =>
  digits(from, to, false).map((chord) => ({ ...chord, ctrl: true }));

/** What a lead types into the palette looking for an export (trial: «экспорт», «отчёт» found nothing). */
const EXPORT_WORDS = 'экспорт выгрузка отчёт файл эксель таблица';

const BINDINGS: readonly Binding[] = [
  // Where the sections are, true whether the top bar shows them as tabs or has folded them into one menu button
  // («Входящие ▾», at 1366 px and 125–150 %): «вкладки вверху» sent an operator looking for tabs that were not there.
  { action: 'switch-view', scope: 'global', chords: ctrlDigits(1, 9),
    label: 'Перейти к разделу с этим номером (разделы — в верхней строке)' },
  { action: 'sync-now', scope: 'global', chords: [{ code: 'F5' }], label: 'Синхронизировать сейчас' },
  // F1 too: the help key of every Windows program, and «?» is Shift+7 on the Russian layout (trial: neither opened it).
  // Found in Ctrl+K by what one looks for in it too (a trial of 5 December: «настр», «выход» found nothing).
  { action: 'open-help', scope: 'global', chords: [{ code: 'Slash', shift: true }, { code: 'F1' }], label: 'Все клавиши',
    also: 'справка помощь настройка клавиш настроить изменить клавиши горячие' },
  { action: 'logout', scope: 'global', chords: [{ code: 'KeyQ', ctrl: true, shift: true }],
    label: 'Выйти', also: 'выход завершить смену сменить пользователя' },
  { action: 'open-search', scope: 'global', chords: [{ code: 'KeyF', ctrl: true }],
    label: 'Поиск по всем обращениям' },
  { action: 'open-palette', scope: 'global', chords: [{ code: 'KeyK', ctrl: true }],
    label: 'Все команды: найти действие по названию и выполнить' },
  // Global, not the lists' own: the undo toast stands over every section (the status bar), and a lead who re-routed
  // from «Очереди» takes it back from there with the key the toast names.
  { action: 'undo', scope: 'global', chords: [{ code: 'KeyZ', ctrl: true }],
    label: 'Отменить последнее решение (пока его предлагает сообщение внизу)' },
  { action: 'open-favorites', scope: 'global', chords: [{ code: 'KeyF', ctrl: true, shift: true }],
    label: 'Избранные адресаты: выбрать, кто за цифровыми клавишами' },

  { action: 'move-down', scope: 'inbox', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }],
    label: 'Следующее обращение', repeatable: true },
  { action: 'move-up', scope: 'inbox', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }],
    label: 'Предыдущее обращение', repeatable: true },
  { action: 'page-down', scope: 'inbox', chords: [{ code: 'PageDown' }], label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'inbox', chords: [{ code: 'PageUp' }], label: 'На страницу вверх',
    repeatable: true },
  { action: 'first', scope: 'inbox', chords: [{ code: 'Home' }], label: 'Самое новое обращение' },
  { action: 'last', scope: 'inbox', chords: [{ code: 'End' }], label: 'Самое старое обращение' },
  { action: 'route-favorite', scope: 'inbox', chords: digits(1, 9, true),
    label: 'Направить избранному адресату с этим номером' },
  { action: 'open-picker', scope: 'inbox', chords: [{ code: 'Slash' }],
    label: 'Направить другому адресату (поиск)' },
  { action: 'open-reject', scope: 'inbox', chords: [{ code: 'KeyX' }], label: 'Отклонить обращение' },
  // Next to X (reject): one key for the one reason that is a fact, not a judgement; on any other appeal it only says so.
  { action: 'reject-withdrawn', scope: 'inbox', chords: [{ code: 'KeyX', shift: true }],
    label: 'Отклонить как отозванное автором (только обращение, которое автор удалил)' },
  { action: 'toggle-urgency', scope: 'inbox', chords: [{ code: 'KeyU' }],
    label: 'Сортировка: по сроку разбора / сначала новые' },
  { action: 'dismiss-conflict', scope: 'inbox', chords: [{ code: 'KeyD' }],
    label: 'Скрыть уведомление о конфликте' },
  { action: 'dismiss-alert', scope: 'inbox', chords: [{ code: 'Escape' }], label: 'Скрыть сообщение об ошибке' },
  { action: 'route-suggestion-1', scope: 'inbox', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Первое предложение: выбор адресата, предложенные сверху, первый выделен (направить — ещё раз); спам или благодарность — отклонение' },
  { action: 'route-suggestion-2', scope: 'inbox', chords: [{ code: 'KeyQ' }],
    label: 'Направить второму предложенному адресату' },
  { action: 'route-suggestion-3', scope: 'inbox', chords: [{ code: 'KeyW' }],
    label: 'Направить третьему предложенному адресату' },
  { action: 'toggle-cluster', scope: 'inbox', chords: [{ code: 'KeyG' }],
    label: 'Группа (всплеск, повтор): раскрыть по одному обращению / свернуть; свёрнутая решается целиком' },
  { action: 'scroll-detail-down', scope: 'inbox', chords: [{ code: 'Space' }],
    label: 'Текст обращения: на экран вниз', repeatable: true },
  { action: 'scroll-detail-up', scope: 'inbox', chords: [{ code: 'Space', shift: true }],
    label: 'Текст обращения: на экран вверх', repeatable: true },
  { action: 'open-photos', scope: 'inbox', chords: [{ code: 'KeyV' }], label: 'Фото обращения: открыть просмотр' },

  { action: 'move-down', scope: 'picker', chords: [{ code: 'ArrowDown' }], label: 'Следующий адресат',
    repeatable: true },
  { action: 'move-up', scope: 'picker', chords: [{ code: 'ArrowUp' }], label: 'Предыдущий адресат',
    repeatable: true },
  { action: 'confirm', scope: 'picker', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Направить выбранному адресату' },
  { action: 'close', scope: 'picker', chords: [{ code: 'Escape' }], label: 'Закрыть поиск' },

  { action: 'choose-reason', scope: 'reject', chords: digits(1, 4, true), label: 'Отклонить по причине' },
  { action: 'move-down', scope: 'reject', chords: [{ code: 'ArrowDown' }], label: 'Следующая причина',
    repeatable: true },
  { action: 'move-up', scope: 'reject', chords: [{ code: 'ArrowUp' }], label: 'Предыдущая причина',
    repeatable: true },
  { action: 'confirm', scope: 'reject', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Отклонить по выбранной причине' },
  { action: 'close', scope: 'reject', chords: [{ code: 'Escape' }], label: 'Закрыть без решения' },

  { action: 'close', scope: 'help', chords: [{ code: 'Escape' }, { code: 'Slash', shift: true }, { code: 'F1' }],
    label: 'Закрыть справку' },
  { action: 'open-keymap', scope: 'help', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Изменить клавиши' },

  // «Настройка клавиш» (inside the help): these keys are fixed (not remappable), so the way back always works.
  { action: 'move-down', scope: 'keymap', chords: [{ code: 'ArrowDown' }], label: 'Следующее действие',
    repeatable: true },
  { action: 'move-up', scope: 'keymap', chords: [{ code: 'ArrowUp' }], label: 'Предыдущее действие',
    repeatable: true },
  { action: 'page-down', scope: 'keymap', chords: [{ code: 'PageDown' }], label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'keymap', chords: [{ code: 'PageUp' }], label: 'На страницу вверх',
    repeatable: true },
  { action: 'remap-key', scope: 'keymap', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Назначить действию новую клавишу вместо прежних' },
  { action: 'add-key', scope: 'keymap', chords: [{ code: 'Enter', shift: true }, { code: 'NumpadEnter', shift: true }],
    label: 'Добавить действию ещё одну клавишу' },
  { action: 'remove-key', scope: 'keymap', chords: [{ code: 'Delete' }],
    label: 'Убрать последнюю клавишу действия (одна остаётся всегда)' },
  { action: 'reset-key', scope: 'keymap', chords: [{ code: 'Backspace' }],
    label: 'Вернуть действию клавиши по умолчанию' },
  { action: 'reset-all-keys', scope: 'keymap', chords: [{ code: 'Backspace', shift: true }],
    label: 'Вернуть все клавиши по умолчанию' },
  { action: 'close', scope: 'keymap', chords: [{ code: 'Escape' }], label: 'Назад к справке' },

  { action: 'confirm', scope: 'sign-out', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Попробовать отправить решения ещё раз и выйти' },
  { action: 'discard-unsent', scope: 'sign-out', chords: [{ code: 'Delete', shift: true }],
    label: 'Выйти, удалив неотправленные решения' },
  { action: 'keep-unsent', scope: 'sign-out', chords: [{ code: 'Enter', shift: true }, { code: 'NumpadEnter', shift: true }],
    label: 'Выйти, оставив неотправленные решения в очереди под своим именем (смена на общем компьютере)' },
  { action: 'close', scope: 'sign-out', chords: [{ code: 'Escape' }], label: 'Остаться в системе' },
  { action: 'move-down', scope: 'queues', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }],
    label: 'Следующая строка', repeatable: true },
  { action: 'move-up', scope: 'queues', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }],
    label: 'Предыдущая строка', repeatable: true },
  { action: 'extend-down', scope: 'queues', chords: [{ code: 'ArrowDown', shift: true }],
    label: 'Расширить выделение вниз', repeatable: true },
  { action: 'extend-up', scope: 'queues', chords: [{ code: 'ArrowUp', shift: true }],
    label: 'Расширить выделение вверх', repeatable: true },
  { action: 'select-all', scope: 'queues', chords: [{ code: 'KeyA', ctrl: true }],
    label: 'Выделить все обращения очереди' },
  { action: 'open-group', scope: 'queues', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Открыть очередь; в очереди — прочитать обращение целиком' },
  { action: 'back', scope: 'queues', chords: [{ code: 'Escape' }, { code: 'Backspace' }],
    label: 'Назад к списку очередей' },
  { action: 'route-favorite', scope: 'queues', chords: digits(1, 9, true),
    label: 'Перенаправить выделенные избранному адресату' },
  { action: 'open-picker', scope: 'queues', chords: [{ code: 'Slash' }],
    label: 'Перенаправить выделенные другому адресату' },
  { action: 'open-reject', scope: 'queues', chords: [{ code: 'KeyX' }],
    label: 'Отклонить выделенные (причина — цифрой)' },
  { action: 'export-xlsx', scope: 'queues', chords: [{ code: 'KeyE' }], label: 'Выгрузить список в XLSX', also: EXPORT_WORDS },
  { action: 'export-csv', scope: 'queues', chords: [{ code: 'KeyE', shift: true }],
    label: 'Выгрузить список в CSV', also: EXPORT_WORDS },
  { action: 'refresh', scope: 'queues', chords: [{ code: 'KeyR' }], label: 'Обновить очереди' },
  { action: 'page-down', scope: 'queues', chords: [{ code: 'PageDown' }], label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'queues', chords: [{ code: 'PageUp' }], label: 'На страницу вверх',
    repeatable: true },
  { action: 'first', scope: 'queues', chords: [{ code: 'Home' }], label: 'В начало списка' },
  { action: 'last', scope: 'queues', chords: [{ code: 'End' }], label: 'В конец списка' },
  // «Смена сейчас» beside the queues is longer than the pane at 150 % with a full shift: a key takes the list keys there.
  { action: 'show-shift', scope: 'queues', chords: [{ code: 'KeyS' }],
    label: 'Смена сейчас: перейти к сотрудникам и обратно к очередям' },

  { action: 'confirm', scope: 'reroute-confirm', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Подтвердить: направить выделенные обращения названному адресату' },
  { action: 'close', scope: 'reroute-confirm', chords: [{ code: 'Escape' }], label: 'Не перенаправлять' },
  { action: 'close', scope: 'queue-appeal', chords: [{ code: 'Escape' }, { code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Назад к очереди' },

  { action: 'choose-period', scope: 'stats', chords: digits(1, 4, true),
    label: 'Период: 7 дней, 30 дней, этот месяц, прошлый месяц' },
  { action: 'export-xlsx', scope: 'stats', chords: [{ code: 'KeyE' }],
    label: 'Месячный отчёт в XLSX (месяц конца периода)', also: EXPORT_WORDS },
  { action: 'export-csv', scope: 'stats', chords: [{ code: 'KeyE', shift: true }],
    label: 'Месячный отчёт в CSV', also: EXPORT_WORDS },
  { action: 'refresh', scope: 'stats', chords: [{ code: 'KeyR' }], label: 'Пересчитать статистику' },
  // The statistics page is taller than a 768 px screen: the export confirmation sits below the fold.
  { action: 'page-down', scope: 'stats', chords: [{ code: 'PageDown' }],
    label: 'Прокрутить страницу вниз', repeatable: true },
  { action: 'page-up', scope: 'stats', chords: [{ code: 'PageUp' }],
    label: 'Прокрутить страницу вверх', repeatable: true },
  { action: 'first', scope: 'stats', chords: [{ code: 'Home' }], label: 'В начало страницы' },
  { action: 'last', scope: 'stats', chords: [{ code: 'End' }], label: 'В конец страницы' },

  { action: 'dismiss-toast', scope: 'export-toast', chords: [{ code: 'Escape' }],
    label: 'Скрыть сообщение о выгрузке' },

  { action: 'move-down', scope: 'conflicts', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }],
    label: 'Следующий конфликт', repeatable: true },
  { action: 'move-up', scope: 'conflicts', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }],
    label: 'Предыдущий конфликт', repeatable: true },
  { action: 'accept-server', scope: 'conflicts', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }, { code: 'KeyA' }],
    label: 'Согласиться с решением на сервере' },
  { action: 'route-favorite', scope: 'conflicts', chords: digits(1, 9, true),
    label: 'Перенаправить избранному адресату с этим номером' },
  { action: 'open-picker', scope: 'conflicts', chords: [{ code: 'Slash' }],
    label: 'Перенаправить другому адресату (поиск)' },
  { action: 'dismiss-alert', scope: 'conflicts', chords: [{ code: 'Escape' }], label: 'Скрыть сообщение об ошибке' },

  { action: 'move-down', scope: 'sync-log', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }],
    label: 'Следующая запись', repeatable: true },
  { action: 'move-up', scope: 'sync-log', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }],
    label: 'Предыдущая запись', repeatable: true },
  { action: 'refresh', scope: 'sync-log', chords: [{ code: 'KeyR' }], label: 'Обновить журнал' },
  // Every pull writes a line (the live posting: one every few seconds): the warnings and errors drowned in them (trial).
  { action: 'toggle-problems', scope: 'sync-log', chords: [{ code: 'KeyF' }],
    label: 'Журнал: только «внимание» и ошибки / все записи' },

  // «Поиск»: keys typed in the search box (letters stay text), then the results grid, then its two dialogs.
  { action: 'to-results', scope: 'search-box', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }, { code: 'ArrowDown' }],
    label: 'Перейти к результатам' },
  { action: 'clear-search', scope: 'search-box', chords: [{ code: 'Escape' }], label: 'Очистить строку поиска' },
  { action: 'save-view', scope: 'search-box', chords: [{ code: 'KeyS', ctrl: true }],
    label: 'Сохранить поиск с фильтрами под именем' },
  { action: 'open-views', scope: 'search-box', chords: [{ code: 'KeyO', ctrl: true }],
    label: 'Сохранённые поиски' },
  // Excel's filter key. On a narrow pane (125–150 %) the filters are folded into one line (search.css): it unfolds them.
  { action: 'toggle-filters', scope: 'search-box', chords: [{ code: 'KeyL', ctrl: true, shift: true }],
    label: 'Фильтры: открыть и перейти к ним / свернуть и вернуться к строке поиска' },
  { action: 'move-down', scope: 'search', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }],
    label: 'Следующий результат', repeatable: true },
  { action: 'move-up', scope: 'search', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }],
    label: 'Предыдущий результат', repeatable: true },
  { action: 'page-down', scope: 'search', chords: [{ code: 'PageDown' }], label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'search', chords: [{ code: 'PageUp' }], label: 'На страницу вверх',
    repeatable: true },
  { action: 'first', scope: 'search', chords: [{ code: 'Home' }], label: 'Первый результат' },
  { action: 'last', scope: 'search', chords: [{ code: 'End' }], label: 'Последний результат' },
  { action: 'route-favorite', scope: 'search', chords: digits(1, 9, true),
    label: 'Направить избранному адресату (разобранное — только старший смены)' },
  { action: 'open-picker', scope: 'search', chords: [{ code: 'Slash' }], label: 'Направить другому адресату' },
  { action: 'open-reject', scope: 'search', chords: [{ code: 'KeyX' }], label: 'Отклонить обращение' },
  { action: 'to-box', scope: 'search', chords: [{ code: 'Escape' }], label: 'Вернуться к строке поиска' },
  { action: 'scroll-detail-down', scope: 'search', chords: [{ code: 'Space' }],
    label: 'Текст обращения: на экран вниз', repeatable: true },
  { action: 'scroll-detail-up', scope: 'search', chords: [{ code: 'Space', shift: true }],
    label: 'Текст обращения: на экран вверх', repeatable: true },
  { action: 'open-photos', scope: 'search', chords: [{ code: 'KeyV' }], label: 'Фото обращения: открыть просмотр' },
  { action: 'save-view', scope: 'search', chords: [{ code: 'KeyS', ctrl: true }],
    label: 'Сохранить поиск с фильтрами под именем' },
  { action: 'open-views', scope: 'search', chords: [{ code: 'KeyO', ctrl: true }],
    label: 'Сохранённые поиски' },
  { action: 'apply-view', scope: 'search-views', chords: digits(1, 9, true),
    label: 'Применить сохранённый поиск с этим номером' },
  { action: 'move-down', scope: 'search-views', chords: [{ code: 'ArrowDown' }], label: 'Следующий',
    repeatable: true },
  { action: 'move-up', scope: 'search-views', chords: [{ code: 'ArrowUp' }], label: 'Предыдущий',
    repeatable: true },
  { action: 'confirm', scope: 'search-views', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Применить выбранный' },
  { action: 'delete-view', scope: 'search-views', chords: [{ code: 'Delete' }],
    label: 'Удалить выбранный' },
  { action: 'close', scope: 'search-views', chords: [{ code: 'Escape' }], label: 'Закрыть' },
  { action: 'confirm', scope: 'search-save', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Сохранить' },
  { action: 'close', scope: 'search-save', chords: [{ code: 'Escape' }], label: 'Закрыть без сохранения' },

  { action: 'next-photo', scope: 'photo-viewer', chords: [{ code: 'ArrowRight' }], label: 'Следующее фото',
    repeatable: true },
  { action: 'prev-photo', scope: 'photo-viewer', chords: [{ code: 'ArrowLeft' }], label: 'Предыдущее фото',
    repeatable: true },
  { action: 'close', scope: 'photo-viewer', chords: [{ code: 'Escape' }, { code: 'KeyV' }],
    label: 'Закрыть просмотр фото' },

  // Ctrl+K: type letters (they stay text), arrows choose, Enter runs the chosen action as its own key would.
  { action: 'move-down', scope: 'palette', chords: [{ code: 'ArrowDown' }], label: 'Следующая команда',
    repeatable: true },
  { action: 'move-up', scope: 'palette', chords: [{ code: 'ArrowUp' }], label: 'Предыдущая команда',
    repeatable: true },
  { action: 'confirm', scope: 'palette', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Выполнить выбранную команду' },
  { action: 'close', scope: 'palette', chords: [{ code: 'Escape' }], label: 'Закрыть без действия' },

  { action: 'move-down', scope: 'favorites', chords: [{ code: 'ArrowDown' }], label: 'Следующая клавиша',
    repeatable: true },
  { action: 'move-up', scope: 'favorites', chords: [{ code: 'ArrowUp' }], label: 'Предыдущая клавиша',
    repeatable: true },
  // A trial of 5 December: End did nothing, and the Enter after it chose a target for the first key, not the last.
  { action: 'first', scope: 'favorites', chords: [{ code: 'Home' }], label: 'Первая клавиша' },
  { action: 'last', scope: 'favorites', chords: [{ code: 'End' }], label: 'Последняя клавиша' },
  { action: 'confirm', scope: 'favorites', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }],
    label: 'Выбрать адресата для этой клавиши' },
  { action: 'clear-slot', scope: 'favorites', chords: [{ code: 'Delete' }], label: 'Освободить эту клавишу' },
  { action: 'close', scope: 'favorites', chords: [{ code: 'Escape' }], label: 'Закрыть' },
];

/** The part of a KeyboardEvent the table looks at (kept structural so the resolver is testable in Node). */
export interface KeyInput {
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export interface ShortcutMatch {
  shortcut: Shortcut;
  /** For digit keys (favourite slot, reject reason): the digit pressed, 1-based. */
  digit: number | null;
}

const DIGIT_CODE = /^(?:Digit|Numpad)([0-9])$/;

/** Which shortcut this key press means in this scope, or null. Alt combinations belong to the system. Reads the live
 * bindings (defaults with the operator's overrides). */
export function resolveShortcut(scope: ShortcutScope, key: KeyInput): ShortcutMatch | null {
  if (key.altKey) return null;
  const ctrl = key.ctrlKey || key.metaKey;
  for (const shortcut of SHORTCUTS) {
    if (shortcut.scope !== scope) continue;
    const hit = shortcut.chords.some((c) => c.code === key.code && (c.ctrl ?? false) === ctrl
      && (c.shift ?? false) === key.shiftKey);
    if (!hit) continue;
    const digit = DIGIT_CODE.exec(key.code)?.[1];
    return { shortcut, digit: digit === undefined ? null : Number(digit) };
  }
  return null;
}

function shortcutOf(scope: ShortcutScope, action: ShortcutAction): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.scope === scope && s.action === action);
}

/** The keycap text for an action in a scope (all its keys, «↓ / J»), for hints next to buttons. */
export function keysFor(scope: ShortcutScope, action: ShortcutAction): string {
  return shortcutOf(scope, action)?.keys ?? '';
}

/** The first key of an action only («↓» of «↓ / J»), for compact hints such as «↑↓ выбор». */
export function primaryKeyFor(scope: ShortcutScope, action: ShortcutAction): string {
  const first = shortcutOf(scope, action)?.chords[0];
  return first === undefined ? '' : chordLabel(first);
}

/** The key of one numbered slot of a digit action («3» of «1–9», «Ctrl+2» of «Ctrl+1–9»); '' when not bound. */
export function slotKeyFor(scope: ShortcutScope, action: ShortcutAction, slot: number): string {
  const chord = shortcutOf(scope, action)?.chords.find((c) => c.code === `Digit${slot}` || c.code === `Numpad${slot}`);
  return chord === undefined ? '' : chordLabel(chord);
}

/** Keys the browser handles itself (not in the table, never intercepted), named the same way for hints. */
export const BROWSER_KEYS = {
  nextField: { code: 'Tab' },
  // A focused scrolling region (the help's list) pages itself: the browser's own keys, named in its cue.
  scrollPage: { code: 'PageDown' },
} as const satisfies Record<string, KeyChord>;

export function browserKeyLabel(key: keyof typeof BROWSER_KEYS): string {
  return chordLabel(BROWSER_KEYS[key]);
}

const CODE_LABELS: Readonly<Record<string, string>> = {
  ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', PageDown: 'PgDn', PageUp: 'PgUp',
  Escape: 'Esc', Enter: 'Enter', NumpadEnter: 'Enter', Slash: '/', Backspace: 'Backspace', Delete: 'Delete',
  Home: 'Home', End: 'End', Tab: 'Tab', Space: 'Space',
};

/** The name printed on the key with this code on the usual (QWERTY-labelled) keyboard: «J», «7», «↓», «Esc». */
function codeLabel(code: string): string {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter !== undefined) return letter;
  const digit = DIGIT_CODE.exec(code)?.[1];
  if (digit !== undefined) return digit;
  return CODE_LABELS[code] ?? code;
}

/** One chord as keycap text: «Ctrl+Shift+Q», «Shift+E»; Shift+/ is named by what it types, «?». */
export function chordLabel(chord: KeyChord): string {
  if (chord.code === 'Slash' && chord.shift === true && chord.ctrl !== true) return '?';
  return `${chord.ctrl === true ? 'Ctrl+' : ''}${chord.shift === true ? 'Shift+' : ''}${codeLabel(chord.code)}`;
}

/**
 * All chords of a binding as one hint: distinct labels joined by « / » (the numpad twin of a key adds nothing), and a
 * run of three or more consecutive digits under the same modifiers shortened to a range, «1–9», «Ctrl+1–9».
 */
export function chordsLabel(chords: readonly KeyChord[]): string {
  const labels: string[] = [];
  for (const chord of chords) {
    const label = chordLabel(chord);
    if (!labels.includes(label)) labels.push(label);
  }
  const out: string[] = [];
  for (let i = 0; i < labels.length;) {
    const run = digitRun(labels, i);
    if (run.length >= 3) {
      out.push(`${run.prefix}${run.first}–${run.first + run.length - 1}`);
      i += run.length;
    } else {
      out.push(labels[i] ?? '');
      i += 1;
    }
  }
  return out.join(' / ');
}

function digitRun(labels: readonly string[], from: number): { prefix: string; first: number; length: number } {
  const head = /^(.*?)(\d)$/.exec(labels[from] ?? '');
  if (!head) return { prefix: '', first: 0, length: 0 };
  const prefix = head[1] ?? '';
  const first = Number(head[2]);
  let length = 1;
  while (labels[from + length] === `${prefix}${first + length}`) length++;
  return { prefix, first, length };
}

/** The shift lead's screens (their sections are the lead's alone: app/view-registry.ts). */
const LEAD_SCOPES: ReadonlySet<ShortcutScope> = new Set<ShortcutScope>(['queues', 'reroute-confirm', 'queue-appeal', 'stats',
  'export-toast']);

/**
 * The scopes a user of `role` ever meets, in the order given: an operator's help and key settings list no lead's screen
 * (a helper's trial of 5 December: the operator's F1 explained «Очереди», «Статистика» and the export toast).
 */
export function scopesFor(role: Role | undefined, scopes: readonly ShortcutScope[]): ShortcutScope[] {
  return scopes.filter((scope) => role === 'lead' || !LEAD_SCOPES.has(scope));
}

export const SCOPE_TITLES: Record<ShortcutScope, string> = {
  global: 'Везде',
  inbox: 'Список обращений',
  picker: 'Поиск адресата',
  reject: 'Отклонение',
  help: 'Справка',
  'sign-out': 'Выход',
  queues: 'Очереди (старший смены)',
  'reroute-confirm': 'Очереди: подтверждение перенаправления',
  'queue-appeal': 'Очереди: обращение целиком',
  stats: 'Статистика',
  'export-toast': 'Сообщение о выгрузке',
  'search-box': 'Поиск: строка запроса',
  search: 'Поиск: результаты',
  'search-views': 'Сохранённые поиски',
  'search-save': 'Сохранение поиска',
  conflicts: 'Конфликты',
  'sync-log': 'Журнал синхронизации',
  keymap: 'Настройка клавиш',
  'photo-viewer': 'Просмотр фото',
  palette: 'Все команды',
  favorites: 'Избранные адресаты',
};

/** The default table with its hints: every keycap text the app shows is made from the chords that are really bound. */
export const DEFAULT_SHORTCUTS: readonly Shortcut[] = BINDINGS.map((b) => ({ ...b, keys: chordsLabel(b.chords) }));

// ---- Remapping (issue 13): the live bindings = the defaults above + the signed-in operator's overrides. ----
// BINDINGS stays the default table as written; an override replaces the chords of one action in one scope (and in the
// scopes that follow it, FOLLOWS). Everything
// that reads keys (resolveShortcut, keysFor, primaryKeyFor, slotKeyFor, the help) reads SHORTCUTS, which this layer
// swaps as a whole, so a remap reaches every hint; components re-render through subscribeKeymap (use-keymap.ts).
// Which chords an override may take (clashes, reserved keys) is keymap-check.ts's business, not this module's.

/** One action in one scope bound to these chords instead of its defaults. */
export interface KeyOverride {
  scope: ShortcutScope;
  action: ShortcutAction;
  chords: readonly KeyChord[];
}

/** A digit-slot action: a run of digit keys, each picking by its number (favourites 1–9, Ctrl+1–9, reasons …). */
export function isDigitSlot(shortcut: Pick<Shortcut, 'chords'>): boolean {
  return shortcut.chords.length > 1 && shortcut.chords.every((c) => DIGIT_CODE.test(c.code));
}

/**
 * Digit-slot actions pick by the digit's number, so their keys are not remappable; nor are the remap screen's own keys
 * (the way back to the defaults must always work), nor the export toast's Esc: the toast lies over the lead's sections
 * and takes its key before theirs (ExportToast.tsx), so any other key there would silently shadow one of theirs.
 */
export function isRemappable(shortcut: Pick<Shortcut, 'scope' | 'chords'>): boolean {
  if (shortcut.scope === 'keymap' || shortcut.scope === 'export-toast') return false;
  return !isDigitSlot(shortcut);
}

/**
 * Scopes that show the same thing as another with the same keys: the search results are a decidable list of appeals
 * like the inbox, so an action there whose default keys are the inbox's same action's takes the inbox's remap too —
 * one action, one key (trial: «Отклонить» moved to R in the inbox still took X in search). Such a row is listed once
 * on the remap screen, under its leader; the follower's own actions (Esc back to the box, Ctrl+S …) stay its own.
 */
const FOLLOWS: Partial<Record<ShortcutScope, ShortcutScope>> = { search: 'inbox' };

const sameChords = (a: readonly KeyChord[], b: readonly KeyChord[]): boolean => a.length === b.length
  && a.every((c, i) => {
    const d = b[i];
    return d !== undefined && c.code === d.code && (c.ctrl ?? false) === (d.ctrl ?? false)
      && (c.shift ?? false) === (d.shift ?? false);
  });

/** The scope whose override binds (scope, action): the leader's for an action that follows it, else its own. */
export function bindingScope(scope: ShortcutScope, action: ShortcutAction): ShortcutScope {
  const leader = FOLLOWS[scope];
  if (leader === undefined) return scope;
  const own = BINDINGS.find((b) => b.scope === scope && b.action === action);
  const lead = BINDINGS.find((b) => b.scope === leader && b.action === action);
  return own !== undefined && lead !== undefined && sameChords(own.chords, lead.chords) ? leader : scope;
}

/** True for a row that takes its keys from the same action of another scope (remapped there, not here). */
export function followsAnother(s: Pick<Shortcut, 'scope' | 'action'>): boolean {
  return bindingScope(s.scope, s.action) !== s.scope;
}

/** Every scope an override of (scope, action) binds: its own and the scopes whose same action follows it. */
export function boundScopes(scope: ShortcutScope, action: ShortcutAction): ShortcutScope[] {
  const followers = (Object.keys(FOLLOWS) as ShortcutScope[]).filter((f) => f !== scope && bindingScope(f, action) === scope);
  return [scope, ...followers];
}

/** The defaults with these overrides applied (an override of an unknown or fixed action is ignored). */
export function applyOverrides(defaults: readonly Shortcut[], overrides: readonly KeyOverride[]): Shortcut[] {
  return defaults.map((s) => {
    const owner = bindingScope(s.scope, s.action);
    const o = overrides.find((x) => x.scope === owner && x.action === s.action);
    if (o === undefined || o.chords.length === 0 || !isRemappable(s)) return s;
    return { ...s, chords: o.chords, keys: chordsLabel(o.chords) };
  });
}

/** The live table with its hints (ESM live binding: importers always see the current one). */
export let SHORTCUTS: readonly Shortcut[] = DEFAULT_SHORTCUTS;
let overrides: readonly KeyOverride[] = [];
let version = 0;
const listeners = new Set<() => void>();

/** The overrides in force ([] = the defaults). */
export function keyOverrides(): readonly KeyOverride[] {
  return overrides;
}

/** Puts these overrides in force (already checked by keymap-check.ts) and tells every subscriber. */
export function setKeyOverrides(next: readonly KeyOverride[]): void {
  overrides = next.filter((o) => DEFAULT_SHORTCUTS.some((s) => s.scope === o.scope && s.action === o.action
    && isRemappable(s) && !followsAnother(s)));
  SHORTCUTS = applyOverrides(DEFAULT_SHORTCUTS, overrides);
  version += 1;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: a number that changes whenever the live bindings do. */
export function keymapVersion(): number {
  return version;
}

export function subscribeKeymap(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
