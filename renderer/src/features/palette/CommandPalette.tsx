// Ctrl+K (#13 item 5): every action of the global keys and of the section on screen, each with its key, filtered by
// typing (Russian labels, the other-layout reading too); Enter runs the chosen one through the very handler its key
// reaches (use-shortcut-scope.ts dispatchShortcut), after the palette has closed and given the focus back.
import { useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { viewsFor } from '../../app/view-registry.js';
import { keysFor, primaryKeyFor, SHORTCUTS, slotKeyFor, type ShortcutScope } from '../shortcuts/shortcut-table.js';
import { dispatchShortcut, listeningScopes, useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { filterCommands, paletteCommands, type PaletteCommand } from './palette-commands.js';

/** The scopes that were listening when the palette opened: its commands are theirs (set by openPalette). */
let scopesAtOpen: readonly ShortcutScope[] = ['global'];

/** Opens the palette over what is on screen now (called from the global Ctrl+K). */
export function openPalette(): void {
  scopesAtOpen = listeningScopes();
  useDeskStore.getState().openDialog('palette');
}

/** Runs a command as its key would: once the palette is closed (its scopes listen again) and focus is back. */
function run(command: PaletteCommand): void {
  const shortcut = SHORTCUTS.find((s) => s.scope === command.scope && s.action === command.action);
  // A macrotask: React has committed the closing by then, so the section's scope listens again and the dialog's
  // focus return cannot undo what the action focuses (the search box).
  setTimeout(() => {
    if (shortcut === undefined || !dispatchShortcut(command.scope, { shortcut, digit: command.digit })) {
      useDeskStore.getState().showAlert(`Команда «${command.label}» сейчас недоступна.`);
    }
  }, 0);
}

const optionId = (command: PaletteCommand): string => `palette-option-${command.id.replace(/[^a-z0-9-]/gi, '_')}`;

export function CommandPalette() {
  const close = useDeskStore((s) => s.closeDialog);
  const favoriteIds = useDeskStore((s) => s.favoriteIds);
  const targetsById = useDeskStore((s) => s.targetsById);
  const role = useDeskStore((s) => s.session?.user?.role);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const all = useMemo(() => paletteCommands(scopesAtOpen, {
    favorites: favoriteIds.map((id) => targetsById.get(id)?.shortName ?? ''),
    views: viewsFor(role).map((v) => v.title),
  }), [favoriteIds, targetsById, role]);
  const { commands, reading } = useMemo(() => filterCommands(all, query), [all, query]);
  const active = Math.min(cursor, Math.max(0, commands.length - 1));
  const activeCommand = commands[active];

  const choose = (index: number): void => {
    const command = commands[index];
    if (command === undefined) return;
    close();
    run(command);
  };

  useShortcutScope('palette', true, ({ shortcut }) => {
    switch (shortcut.action) {
      case 'move-down': setCursor(Math.min(commands.length - 1, active + 1)); break;
      case 'move-up': setCursor(Math.max(0, active - 1)); break;
      case 'confirm': choose(active); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title="Все команды" aside={<span className="dialog-hint"><Keycap keys={keysFor('palette', 'close')} /> закрыть</span>}
      onClose={close} className="picker-dialog palette-dialog">
      <input className="picker-input" type="text" value={query} placeholder="Начните вводить: поиск, отмен, избран…"
        role="combobox" aria-expanded="true" aria-autocomplete="list" aria-label="Поиск команды" aria-controls="palette-list"
        aria-activedescendant={activeCommand === undefined ? undefined : optionId(activeCommand)}
        autoComplete="off" spellCheck={false} data-testid="palette-input"
        onChange={(e) => { setQuery(e.target.value); setCursor(0); }} />
      {reading !== null ? (
        <p className="picker-reading muted" data-testid="palette-reading" aria-live="polite"
          style={{ margin: '-4px 14px 4px', fontSize: 12 }}>по раскладке: {reading}</p>
      ) : null}
      <ul id="palette-list" className="choice-list picker-list" role="listbox" aria-label="Команды">
        {commands.map((command, i) => (
          <li key={command.id} id={optionId(command)} role="option" aria-selected={i === active} className="choice"
            data-command={command.id}
            ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
            onMouseMove={() => { if (i !== active) setCursor(i); }} onClick={() => choose(i)}>
            <span className="choice-main">
              <span className="choice-title">{command.label}</span>
              <span className="choice-sub">{command.where}</span>
            </span>
            <span className="choice-meta">
              {command.digit === null
                ? <Keycap keys={keysFor(command.scope, command.action)} />
                : <Keycap keys={slotKeyFor(command.scope, command.action, command.digit)} />}
            </span>
          </li>
        ))}
        {commands.length === 0 ? <li className="choice-empty">Ничего не найдено</li> : null}
      </ul>
      <p className="dialog-footer"><Keycap keys={primaryKeyFor('palette', 'move-up')} /> <Keycap keys={primaryKeyFor('palette', 'move-down')} /> выбрать · <Keycap keys={primaryKeyFor('palette', 'confirm')} /> выполнить · <Keycap keys={keysFor('palette', 'close')} /> закрыть</p>
    </Dialog>
  );
}
