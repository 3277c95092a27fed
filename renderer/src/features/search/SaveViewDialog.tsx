// Ctrl+S: save the current words and filters under a name (a name already saved gets this search; a search already
// saved under another name is not saved twice: the notice names it).
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { describeQuery } from './search-query-state.js';
import { useSearchStore } from './search-store.js';

export function SaveViewDialog() {
  const query = useSearchStore((s) => s.query);
  const targetsById = useDeskStore((s) => s.targetsById);
  const [name, setName] = useState(() => query.text.trim().slice(0, 100));
  const [busy, setBusy] = useState(false);
  const close = (): void => useSearchStore.getState().openDialog(null);

  const save = async (): Promise<void> => {
    if (name.trim() === '' || busy) return;
    setBusy(true);
    const saved = await useSearchStore.getState().saveView(name.trim());
    setBusy(false);
    if (saved) close();
  };

  useShortcutScope('search-save', true, ({ shortcut }) => {
    if (shortcut.action === 'confirm') void save();
    if (shortcut.action === 'close') close();
  });

  return (
    <Dialog title="Сохранить поиск" aside={<span className="dialog-hint"><Keycap keys={keysFor('search-save', 'close')} /> закрыть</span>}
      onClose={close} className="save-view-dialog">
      <label className="field">
        <span className="field-label">Название</span>
        <input className="picker-input" type="text" value={name} maxLength={100} autoComplete="off" spellCheck={false}
          aria-label="Название сохранённого поиска" placeholder="Например: Мусор, ВК, просрочено"
          onChange={(e) => setName(e.target.value)}
          // The offered name (the words) selected: a name typed replaces it, not lengthens it (trial: «ПрокудскомПрокудское»).
          onFocus={(e) => e.currentTarget.select()} />
      </label>
      <p className="save-view-what muted">{describeQuery(query, targetsById)}</p>
      <p className="dialog-footer"><Keycap keys={primaryKeyFor('search-save', 'confirm')} /> сохранить · <Keycap keys={keysFor('search-save', 'close')} /> закрыть</p>
    </Dialog>
  );
}
