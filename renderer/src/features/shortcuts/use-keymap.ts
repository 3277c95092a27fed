// The signed-in operator's remapped keys in React: loaded from the core at sign-in (keys.get), dropped at sign-out,
// saved whole on every change (keys.set). Components that show key hints re-render through useKeymapVersion; the
// app shell calls useOperatorKeymap, so every hint below it follows a remap.
import { useEffect, useSyncExternalStore } from 'react';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { acceptedOverrides } from './keymap-check.js';
import {
  DEFAULT_SHORTCUTS, keymapVersion, setKeyOverrides, subscribeKeymap, type KeyOverride,
} from './shortcut-table.js';

/** Re-renders the caller whenever the live bindings change; returns their version. */
export function useKeymapVersion(): number {
  return useSyncExternalStore(subscribeKeymap, keymapVersion);
}

/** Loads this operator's keys while they are signed in; the defaults again once they sign out. */
export function useOperatorKeymap(userId: string | undefined): void {
  useKeymapVersion();
  useEffect(() => {
    if (userId === undefined) return undefined;
    let live = true;
    void deskCall('keys.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) setKeyOverrides(acceptedOverrides(DEFAULT_SHORTCUTS, result.value.overrides));
      else useDeskStore.getState().showAlert(`Не удалось загрузить ваши клавиши: ${result.error.message}`);
    });
    return () => {
      live = false;
      // The next operator on this desk starts from the defaults, never from a colleague's keys.
      setKeyOverrides([]);
    };
  }, [userId]);
}

/** Saves the operator's overrides as a whole and puts what the core kept in force; the error message or null. */
export async function saveKeyOverrides(next: readonly KeyOverride[]): Promise<string | null> {
  const overrides = next.map((o) => ({ scope: o.scope, action: o.action, chords: o.chords.map((c) => ({ ...c })) }));
  const result = await deskCall('keys.set', { overrides });
  if (!result.ok) return result.error.message;
  setKeyOverrides(acceptedOverrides(DEFAULT_SHORTCUTS, result.value.overrides));
  return null;
}
