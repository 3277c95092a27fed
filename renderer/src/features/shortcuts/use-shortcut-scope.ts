// Window-level key handling for one scope of the shortcut table (the inbox, or the open dialog).
// Only one scope is active at a time, so a key never means two things.
import { useEffect, useEffectEvent } from 'react';
import { useDeskStore } from '../../store/desk-store.js';
import { editsText } from './keymap-check.js';
import { resolveShortcut, type ShortcutMatch, type ShortcutScope } from './shortcut-table.js';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement;
}

/**
 * A button or link the operator reached with Tab (its focus ring shows): Enter is that control's own — «Выйти» signs
 * out, «Входящие ▾» opens the sections — not the list's «направить», which had opened the route picker for an appeal
 * nobody was looking at (trial, 5 December). Space stays the scope's: the detail pane pages with it and never clicks a
 * focused button. A button focused by a click shows no ring, so after the mouse the keys mean what they meant.
 */
function enterBelongsToControl(event: KeyboardEvent): boolean {
  if ((event.code !== 'Enter' && event.code !== 'NumpadEnter') || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  const target = event.target;
  const control = target instanceof HTMLButtonElement || (target instanceof HTMLAnchorElement && target.href !== '');
  return control && target.matches(':focus-visible');
}

/**
 * The scopes listening right now, each with its handler: the command palette (features/palette) runs an action by
 * name through the very handler its key reaches, with no synthesised KeyboardEvent (#13 item 5).
 */
const listening = new Map<ShortcutScope, (match: ShortcutMatch) => void>();

/** The scopes whose keys work at this moment, in the order they started listening. */
export function listeningScopes(): ShortcutScope[] {
  return [...listening.keys()];
}

/** Runs `match` as its key would in `scope`; false when that scope is not listening now. */
export function dispatchShortcut(scope: ShortcutScope, match: ShortcutMatch): boolean {
  const handler = listening.get(scope);
  if (handler === undefined) return false;
  handler(match);
  return true;
}

/**
 * Moves through a list: the operator's next action, so an alert about an earlier key is over (ui-slice.ts). Said once
 * here for every screen (the queues, conflicts, the sync log…); the inbox and search also end it in their
 * controller's `select` (decidable-list.ts), which the mouse reaches too.
 */
const MOVES: ReadonlySet<string> = new Set(['move-up', 'move-down', 'page-up', 'page-down', 'first', 'last']);

export function useShortcutScope(scope: ShortcutScope, active: boolean, handle: (match: ShortcutMatch) => void): void {
  const onMatch = useEffectEvent((match: ShortcutMatch): void => {
    if (MOVES.has(match.shortcut.action)) useDeskStore.getState().clearAlert();
    handle(match);
  });
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || enterBelongsToControl(event)) return;
      // In the inbox, keys typed into a field belong to the field; dialogs with a search box opt in below.
      if ((scope === 'inbox' || scope === 'search') && isTextField(event.target)) return;
      // Global keys stay live in a field, but never take a key that types or edits text there.
      if (scope === 'global' && isTextField(event.target)
        && editsText({ code: event.code, ctrl: event.ctrlKey || event.metaKey, shift: event.shiftKey })) return;
      const match = resolveShortcut(scope, event);
      if (match === null) return;
      event.preventDefault();
      if (event.repeat && match.shortcut.repeatable !== true) return;
      onMatch(match);
    };
    window.addEventListener('keydown', onKeyDown);
    const dispatch = (match: ShortcutMatch): void => onMatch(match);
    listening.set(scope, dispatch);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      if (listening.get(scope) === dispatch) listening.delete(scope);
    };
  }, [scope, active]);
}
