// The one table of keyboard shortcuts: it drives key handling, the «?» help dialog and the on-screen hints.
// Keys are matched by KeyboardEvent.code (the physical key), so they work the same on the ЙЦУКЕН layout.

export type ShortcutScope = 'global' | 'inbox' | 'picker' | 'reject' | 'help' | 'sign-out'
  | 'search' | 'search-box' | 'search-views' | 'search-save'
  | 'queues' | 'stats'
  | 'conflicts' | 'sync-log';

export type ShortcutAction =
  // search section (issue 4)
  | 'open-search' | 'to-results' | 'to-box' | 'clear-search' | 'save-view' | 'open-views' | 'apply-view' | 'delete-view'
  | 'move-down' | 'move-up' | 'first' | 'last' | 'page-down' | 'page-up'
  | 'route-favorite' | 'open-picker' | 'open-reject' | 'undo' | 'open-help'
  | 'dismiss-conflict' | 'dismiss-alert' | 'logout' | 'discard-unsent'
  | 'switch-view' | 'sync-now'
  | 'choose-reason' | 'confirm' | 'close'
  // shift lead: queues and statistics
  | 'extend-down' | 'extend-up' | 'open-group' | 'back' | 'select-all' | 'export-xlsx' | 'export-csv' | 'refresh'
  | 'choose-period' | 'toggle-urgency'
  // routing suggestions (issue 6)
  | 'route-suggestion-1' | 'route-suggestion-2' | 'route-suggestion-3' | 'toggle-cluster'
  // conflicts section (issue 3)
  | 'accept-server';

export interface KeyChord {
  code: string;
  /** Ctrl, or ⌘ on a Mac keyboard. */
  ctrl?: boolean;
  shift?: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  scope: ShortcutScope;
  chords: readonly KeyChord[];
  /** Keycap text shown to the operator, e.g. «Ctrl+Z» or «1–9». */
  keys: string;
  /** Russian description for the help dialog. */
  label: string;
  /** Holding the key down repeats it; never true for decisions (a held «1» must not route a burst). */
  repeatable?: boolean;
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

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'switch-view', scope: 'global', chords: ctrlDigits(1, 9), keys: 'Ctrl+1–9',
    label: 'Перейти к разделу с этим номером (вкладки вверху)' },
  { action: 'sync-now', scope: 'global', chords: [{ code: 'F5' }], keys: 'F5', label: 'Синхронизировать сейчас' },
  { action: 'open-help', scope: 'global', chords: [{ code: 'Slash', shift: true }], keys: '?', label: 'Все клавиши' },
  { action: 'logout', scope: 'global', chords: [{ code: 'KeyQ', ctrl: true, shift: true }], keys: 'Ctrl+Shift+Q',
    label: 'Выйти' },
  { action: 'open-search', scope: 'global', chords: [{ code: 'KeyF', ctrl: true }], keys: 'Ctrl+F',
    label: 'Поиск по всем обращениям' },

  { action: 'move-down', scope: 'inbox', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }], keys: '↓ / J',
    label: 'Следующее обращение', repeatable: true },
  { action: 'move-up', scope: 'inbox', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }], keys: '↑ / K',
    label: 'Предыдущее обращение', repeatable: true },
  { action: 'page-down', scope: 'inbox', chords: [{ code: 'PageDown' }], keys: 'PgDn', label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'inbox', chords: [{ code: 'PageUp' }], keys: 'PgUp', label: 'На страницу вверх',
    repeatable: true },
  { action: 'first', scope: 'inbox', chords: [{ code: 'Home' }], keys: 'Home', label: 'Самое новое обращение' },
  { action: 'last', scope: 'inbox', chords: [{ code: 'End' }], keys: 'End', label: 'Самое старое обращение' },
  { action: 'route-favorite', scope: 'inbox', chords: digits(1, 9, true), keys: '1–9',
    label: 'Направить избранному адресату с этим номером' },
  { action: 'open-picker', scope: 'inbox', chords: [{ code: 'Slash' }], keys: '/',
    label: 'Направить другому адресату (поиск)' },
  { action: 'open-reject', scope: 'inbox', chords: [{ code: 'KeyX' }], keys: 'X', label: 'Отклонить обращение' },
  { action: 'toggle-urgency', scope: 'inbox', chords: [{ code: 'KeyU' }], keys: 'U',
    label: 'Сортировка: по сроку маршрутизации / сначала новые' },
  { action: 'undo', scope: 'inbox', chords: [{ code: 'KeyZ', ctrl: true }], keys: 'Ctrl+Z',
    label: 'Отменить последнее решение' },
  { action: 'dismiss-conflict', scope: 'inbox', chords: [{ code: 'KeyD' }], keys: 'D',
    label: 'Скрыть уведомление о конфликте' },
  { action: 'dismiss-alert', scope: 'inbox', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Скрыть сообщение об ошибке' },
  { action: 'route-suggestion-1', scope: 'inbox', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Направить первому предложенному адресату' },
  { action: 'route-suggestion-2', scope: 'inbox', chords: [{ code: 'KeyQ' }], keys: 'Q',
    label: 'Направить второму предложенному адресату' },
  { action: 'route-suggestion-3', scope: 'inbox', chords: [{ code: 'KeyW' }], keys: 'W',
    label: 'Направить третьему предложенному адресату' },
  { action: 'toggle-cluster', scope: 'inbox', chords: [{ code: 'KeyG' }], keys: 'G',
    label: 'Группа (всплеск, повтор): раскрыть по одному обращению / свернуть; свёрнутая решается целиком' },

  { action: 'move-down', scope: 'picker', chords: [{ code: 'ArrowDown' }], keys: '↓', label: 'Следующий адресат',
    repeatable: true },
  { action: 'move-up', scope: 'picker', chords: [{ code: 'ArrowUp' }], keys: '↑', label: 'Предыдущий адресат',
    repeatable: true },
  { action: 'confirm', scope: 'picker', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Направить выбранному адресату' },
  { action: 'close', scope: 'picker', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Закрыть поиск' },

  { action: 'choose-reason', scope: 'reject', chords: digits(1, 4, true), keys: '1–4', label: 'Отклонить по причине' },
  { action: 'move-down', scope: 'reject', chords: [{ code: 'ArrowDown' }], keys: '↓', label: 'Следующая причина',
    repeatable: true },
  { action: 'move-up', scope: 'reject', chords: [{ code: 'ArrowUp' }], keys: '↑', label: 'Предыдущая причина',
    repeatable: true },
  { action: 'confirm', scope: 'reject', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Отклонить по выбранной причине' },
  { action: 'close', scope: 'reject', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Закрыть без решения' },

  { action: 'close', scope: 'help', chords: [{ code: 'Escape' }, { code: 'Slash', shift: true }], keys: 'Esc',
    label: 'Закрыть справку' },

  { action: 'confirm', scope: 'sign-out', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Попробовать отправить решения ещё раз и выйти' },
  { action: 'discard-unsent', scope: 'sign-out', chords: [{ code: 'Delete', shift: true }], keys: 'Shift+Delete',
    label: 'Выйти, удалив неотправленные решения' },
  { action: 'close', scope: 'sign-out', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Остаться в системе' },
  { action: 'move-down', scope: 'queues', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }], keys: '↓ / J',
    label: 'Следующая строка', repeatable: true },
  { action: 'move-up', scope: 'queues', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }], keys: '↑ / K',
    label: 'Предыдущая строка', repeatable: true },
  { action: 'extend-down', scope: 'queues', chords: [{ code: 'ArrowDown', shift: true }], keys: 'Shift+↓',
    label: 'Расширить выделение вниз', repeatable: true },
  { action: 'extend-up', scope: 'queues', chords: [{ code: 'ArrowUp', shift: true }], keys: 'Shift+↑',
    label: 'Расширить выделение вверх', repeatable: true },
  { action: 'select-all', scope: 'queues', chords: [{ code: 'KeyA', ctrl: true }], keys: 'Ctrl+A',
    label: 'Выделить все обращения очереди' },
  { action: 'open-group', scope: 'queues', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Открыть обращения очереди' },
  { action: 'back', scope: 'queues', chords: [{ code: 'Escape' }, { code: 'Backspace' }], keys: 'Esc',
    label: 'Назад к списку очередей' },
  { action: 'route-favorite', scope: 'queues', chords: digits(1, 9, true), keys: '1–9',
    label: 'Перенаправить выделенные избранному адресату' },
  { action: 'open-picker', scope: 'queues', chords: [{ code: 'Slash' }], keys: '/',
    label: 'Перенаправить выделенные другому адресату' },
  { action: 'export-xlsx', scope: 'queues', chords: [{ code: 'KeyE' }], keys: 'E', label: 'Выгрузить список в XLSX' },
  { action: 'export-csv', scope: 'queues', chords: [{ code: 'KeyE', shift: true }], keys: 'Shift+E',
    label: 'Выгрузить список в CSV' },
  { action: 'refresh', scope: 'queues', chords: [{ code: 'KeyR' }], keys: 'R', label: 'Обновить очереди' },

  { action: 'choose-period', scope: 'stats', chords: digits(1, 4, true), keys: '1–4',
    label: 'Период: 7 дней, 30 дней, этот месяц, прошлый месяц' },
  { action: 'export-xlsx', scope: 'stats', chords: [{ code: 'KeyE' }], keys: 'E',
    label: 'Месячный отчёт в XLSX (месяц конца периода)' },
  { action: 'export-csv', scope: 'stats', chords: [{ code: 'KeyE', shift: true }], keys: 'Shift+E',
    label: 'Месячный отчёт в CSV' },
  { action: 'refresh', scope: 'stats', chords: [{ code: 'KeyR' }], keys: 'R', label: 'Пересчитать статистику' },

  { action: 'move-down', scope: 'conflicts', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }], keys: '↓ / J',
    label: 'Следующий конфликт', repeatable: true },
  { action: 'move-up', scope: 'conflicts', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }], keys: '↑ / K',
    label: 'Предыдущий конфликт', repeatable: true },
  { action: 'accept-server', scope: 'conflicts', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }, { code: 'KeyA' }],
    keys: 'Enter / A', label: 'Согласиться с решением на сервере' },
  { action: 'route-favorite', scope: 'conflicts', chords: digits(1, 9, true), keys: '1–9',
    label: 'Перенаправить избранному адресату с этим номером' },
  { action: 'open-picker', scope: 'conflicts', chords: [{ code: 'Slash' }], keys: '/',
    label: 'Перенаправить другому адресату (поиск)' },

  { action: 'move-down', scope: 'sync-log', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }], keys: '↓ / J',
    label: 'Следующая запись', repeatable: true },
  { action: 'move-up', scope: 'sync-log', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }], keys: '↑ / K',
    label: 'Предыдущая запись', repeatable: true },
  { action: 'refresh', scope: 'sync-log', chords: [{ code: 'KeyR' }], keys: 'R', label: 'Обновить журнал' },

  // «Поиск»: keys typed in the search box (letters stay text), then the results grid, then its two dialogs.
  { action: 'to-results', scope: 'search-box', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }, { code: 'ArrowDown' }],
    keys: 'Enter / ↓', label: 'Перейти к результатам' },
  { action: 'clear-search', scope: 'search-box', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Очистить строку поиска' },
  { action: 'save-view', scope: 'search-box', chords: [{ code: 'KeyS', ctrl: true }], keys: 'Ctrl+S',
    label: 'Сохранить поиск с фильтрами под именем' },
  { action: 'open-views', scope: 'search-box', chords: [{ code: 'KeyO', ctrl: true }], keys: 'Ctrl+O',
    label: 'Сохранённые поиски' },
  { action: 'move-down', scope: 'search', chords: [{ code: 'ArrowDown' }, { code: 'KeyJ' }], keys: '↓ / J',
    label: 'Следующий результат', repeatable: true },
  { action: 'move-up', scope: 'search', chords: [{ code: 'ArrowUp' }, { code: 'KeyK' }], keys: '↑ / K',
    label: 'Предыдущий результат', repeatable: true },
  { action: 'page-down', scope: 'search', chords: [{ code: 'PageDown' }], keys: 'PgDn', label: 'На страницу вниз',
    repeatable: true },
  { action: 'page-up', scope: 'search', chords: [{ code: 'PageUp' }], keys: 'PgUp', label: 'На страницу вверх',
    repeatable: true },
  { action: 'first', scope: 'search', chords: [{ code: 'Home' }], keys: 'Home', label: 'Первый результат' },
  { action: 'last', scope: 'search', chords: [{ code: 'End' }], keys: 'End', label: 'Последний результат' },
  { action: 'route-favorite', scope: 'search', chords: digits(1, 9, true), keys: '1–9',
    label: 'Направить избранному адресату (разобранное — только старший смены)' },
  { action: 'open-picker', scope: 'search', chords: [{ code: 'Slash' }], keys: '/', label: 'Направить другому адресату' },
  { action: 'open-reject', scope: 'search', chords: [{ code: 'KeyX' }], keys: 'X', label: 'Отклонить обращение' },
  { action: 'undo', scope: 'search', chords: [{ code: 'KeyZ', ctrl: true }], keys: 'Ctrl+Z',
    label: 'Отменить последнее решение' },
  { action: 'to-box', scope: 'search', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Вернуться к строке поиска' },
  { action: 'save-view', scope: 'search', chords: [{ code: 'KeyS', ctrl: true }], keys: 'Ctrl+S',
    label: 'Сохранить поиск с фильтрами под именем' },
  { action: 'open-views', scope: 'search', chords: [{ code: 'KeyO', ctrl: true }], keys: 'Ctrl+O',
    label: 'Сохранённые поиски' },
  { action: 'apply-view', scope: 'search-views', chords: digits(1, 9, true), keys: '1–9',
    label: 'Применить сохранённый поиск с этим номером' },
  { action: 'move-down', scope: 'search-views', chords: [{ code: 'ArrowDown' }], keys: '↓', label: 'Следующий',
    repeatable: true },
  { action: 'move-up', scope: 'search-views', chords: [{ code: 'ArrowUp' }], keys: '↑', label: 'Предыдущий',
    repeatable: true },
  { action: 'confirm', scope: 'search-views', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Применить выбранный' },
  { action: 'delete-view', scope: 'search-views', chords: [{ code: 'Delete' }], keys: 'Delete',
    label: 'Удалить выбранный' },
  { action: 'close', scope: 'search-views', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Закрыть' },
  { action: 'confirm', scope: 'search-save', chords: [{ code: 'Enter' }, { code: 'NumpadEnter' }], keys: 'Enter',
    label: 'Сохранить' },
  { action: 'close', scope: 'search-save', chords: [{ code: 'Escape' }], keys: 'Esc', label: 'Закрыть без сохранения' },
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

/** Which shortcut this key press means in this scope, or null. Alt combinations belong to the system. */
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

/** The keycap text for an action in a scope, for hints next to buttons. */
export function keysFor(scope: ShortcutScope, action: ShortcutAction): string {
  return SHORTCUTS.find((s) => s.scope === scope && s.action === action)?.keys ?? '';
}

export const SCOPE_TITLES: Record<ShortcutScope, string> = {
  global: 'Везде',
  inbox: 'Список обращений',
  picker: 'Поиск адресата',
  reject: 'Отклонение',
  help: 'Справка',
  'sign-out': 'Выход',
  queues: 'Очереди (старший смены)',
  stats: 'Статистика',
  'search-box': 'Поиск: строка запроса',
  search: 'Поиск: результаты',
  'search-views': 'Сохранённые поиски',
  'search-save': 'Сохранение поиска',
  conflicts: 'Конфликты',
  'sync-log': 'Журнал синхронизации',
};
