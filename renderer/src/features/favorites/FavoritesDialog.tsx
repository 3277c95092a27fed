// «Избранные адресаты» (#13 item 5): the nine digit keys with their targets; ↑↓ choose a key, Enter opens the target
// picker to put a target behind it, Delete frees it. Saved at once for the signed-in operator (the core keeps each
// operator's own and sends it to the server), so the route buttons and the legend change as soon as it is chosen.
import { useState } from 'react';
import { FAVORITE_SLOTS } from '../../../../shared/desk-api/contract.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { TargetPicker } from '../target-picker/TargetPicker.js';
import { saveFavorites, withSlot } from './favorites-store.js';

/** The picker lists targets in their own order here: a model's suggestion for the appeal has no say in a key. */
const NO_SUGGESTIONS = [] as const;
const SLOTS = Array.from({ length: FAVORITE_SLOTS }, (_, i) => i + 1);
const optionId = (slot: number): string => `favorite-slot-${slot}`;

export function FavoritesDialog() {
  const close = useDeskStore((s) => s.closeDialog);
  const favoriteIds = useDeskStore((s) => s.favoriteIds);
  const targetsById = useDeskStore((s) => s.targetsById);
  const [cursor, setCursor] = useState(0);
  const [choosing, setChoosing] = useState(false);
  const slot = cursor + 1;

  // While the picker is open its own scope has the keys (Esc closes the picker, not this dialog).
  useShortcutScope('favorites', !choosing, ({ shortcut }) => {
    switch (shortcut.action) {
      case 'move-down': setCursor(Math.min(FAVORITE_SLOTS - 1, cursor + 1)); break;
      case 'move-up': setCursor(Math.max(0, cursor - 1)); break;
      case 'first': setCursor(0); break;
      case 'last': setCursor(FAVORITE_SLOTS - 1); break;
      case 'confirm': setChoosing(true); break;
      case 'clear-slot': void saveFavorites(withSlot(favoriteIds, slot, '')); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <>
      <Dialog title="Избранные адресаты" aside={<span className="dialog-hint"><Keycap keys={keysFor('favorites', 'close')} /> закрыть</span>}
        onClose={close} className="favorites-dialog">
        <ul className="choice-list" role="listbox" aria-label="Клавиши избранных адресатов" tabIndex={0} data-autofocus
          aria-activedescendant={optionId(slot)} data-testid="favorites-slots">
          {SLOTS.map((n, i) => {
            const target = targetsById.get(favoriteIds[i] ?? '');
            return (
              <li key={n} id={optionId(n)} role="option" aria-selected={i === cursor} className="choice" data-slot={n}
                onMouseMove={() => { if (i !== cursor) setCursor(i); }}
                onClick={() => { setCursor(i); setChoosing(true); }}>
                <span className="choice-meta"><Keycap keys={slotKeyFor('inbox', 'route-favorite', n)} /></span>
                <span className="choice-main">
                  <span className="choice-title">{target ? target.shortName : 'не назначен'}</span>
                  {target ? <span className="choice-sub">{target.name}</span> : null}
                </span>
              </li>
            );
          })}
        </ul>
        <p className="dialog-footer"><Keycap keys={primaryKeyFor('favorites', 'move-up')} /> <Keycap keys={primaryKeyFor('favorites', 'move-down')} /> клавиша · <Keycap keys={primaryKeyFor('favorites', 'confirm')} /> выбрать адресата · <Keycap keys={keysFor('favorites', 'clear-slot')} /> освободить · <Keycap keys={keysFor('favorites', 'close')} /> закрыть</p>
      </Dialog>
      {choosing ? (
        <TargetPicker title={`Адресат для клавиши ${slotKeyFor('inbox', 'route-favorite', slot)}`} suggestions={NO_SUGGESTIONS}
          confirmWords="назначить клавише"
          onClose={() => setChoosing(false)}
          onChoose={(targetId) => { void saveFavorites(withSlot(favoriteIds, slot, targetId)); }} />
      ) : null}
    </>
  );
}
