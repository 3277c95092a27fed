// Window-level key handling for one scope of the shortcut table (the inbox, or the open dialog).
// Only one scope is active at a time, so a key never means two things.
import { useEffect, useEffectEvent } from 'react';
import { resolveShortcut, type ShortcutMatch, type ShortcutScope } from './shortcut-table.js';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement;
}

export function useShortcutScope(scope: ShortcutScope, active: boolean, handle: (match: ShortcutMatch) => void): void {
  const onMatch = useEffectEvent(handle);
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      // In the inbox, keys typed into a field belong to the field; dialogs with a search box opt in below.
      if ((scope === 'inbox' || scope === 'search') && isTextField(event.target)) return;
      const match = resolveShortcut(scope, event);
      if (match === null) return;
      event.preventDefault();
      if (event.repeat && match.shortcut.repeatable !== true) return;
      onMatch(match);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [scope, active]);
}
