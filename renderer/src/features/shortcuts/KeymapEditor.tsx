// «Настройка клавиш», inside the help dialog: choose an action with ↑↓, Enter, then press the new chord (captured by
// KeyboardEvent.code before any other key handler); keymap-check.ts names a clash («Уже занято: …») or a reserved
// chord with its reason, Esc cancels. Digit-slot actions are shown but not remappable. Saved per operator in the core.
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { checkChord, chordOfKey, withChords } from './keymap-check.js';
import {
  bindingScope, chordsLabel, DEFAULT_SHORTCUTS, followsAnother, isRemappable, keyOverrides, keysFor, primaryKeyFor, SCOPE_TITLES,
  scopesFor, SHORTCUTS, type KeyChord, type Shortcut, type ShortcutScope,
} from './shortcut-table.js';
import { saveKeyOverrides, useKeymapVersion } from './use-keymap.js';
import { useShortcutScope } from './use-shortcut-scope.js';
import './keymap.css';

/** Every scope an operator meets, in the help's order (scopes added later follow); the remap screen's own keys stay
 * fixed and are not listed. */
const FIRST_SCOPES: readonly ShortcutScope[] = ['global', 'inbox', 'picker', 'reject', 'queues', 'stats', 'search-box',
  'search', 'search-views', 'search-save', 'conflicts', 'sync-log', 'help', 'sign-out'];
const EDIT_SCOPES: readonly ShortcutScope[] = [...FIRST_SCOPES,
  ...(Object.keys(SCOPE_TITLES) as ShortcutScope[]).filter((s) => s !== 'keymap' && !FIRST_SCOPES.includes(s))];
const PAGE = 10;

type Capture = 'replace' | 'add';
interface Note { tone: 'ok' | 'error'; text: string }

/** A group's title; a scope others follow names them: the change applies there too. */
function groupTitle(scope: ShortcutScope): string {
  const followers = EDIT_SCOPES.filter((other) => other !== scope
    && SHORTCUTS.some((s) => s.scope === other && bindingScope(other, s.action) === scope));
  return followers.length === 0 ? SCOPE_TITLES[scope]
    : `${SCOPE_TITLES[scope]} и ${followers.map((f) => `«${SCOPE_TITLES[f]}»`).join(', ')}`;
}

const changed = (s: Shortcut): boolean => keyOverrides().some((o) => o.scope === s.scope && o.action === s.action);

export function KeymapEditor({ onBack }: { onBack(): void }) {
  useKeymapVersion();
  // A row that follows the inbox's (the search results' moves, reject, picker …) is changed there, once.
  const role = useDeskStore((s) => s.session?.user?.role);
  const rows = scopesFor(role, EDIT_SCOPES).flatMap((scope) => SHORTCUTS.filter((s) => s.scope === scope && !followsAnother(s)));
  const [index, setIndex] = useState(0);
  const [capture, setCapture] = useState<Capture | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const idBase = useId();
  const at = Math.min(index, rows.length - 1);
  const row = rows[at];

  useEffect(() => { listRef.current?.focus(); }, []);
  // The selected row stays in view: after a move, and when the prompt above the list changes its height.
  useEffect(() => {
    listRef.current?.querySelector(`[data-row="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at, capture, note]);

  const save = async (scope: ShortcutScope, action: Shortcut['action'], chords: readonly KeyChord[] | null, done: string) => {
    const error = await saveKeyOverrides(withChords(DEFAULT_SHORTCUTS, keyOverrides(), scope, action, chords));
    setNote(error === null ? { tone: 'ok', text: done } : { tone: 'error', text: `Не удалось сохранить клавиши: ${error}` });
  };
  const move = (to: number) => { setIndex(Math.max(0, Math.min(rows.length - 1, to))); setNote(null); };

  useShortcutScope('keymap', capture === null, ({ shortcut }) => {
    if (row === undefined) return;
    switch (shortcut.action) {
      case 'move-down': move(at + 1); break;
      case 'move-up': move(at - 1); break;
      case 'page-down': move(at + PAGE); break;
      case 'page-up': move(at - PAGE); break;
      case 'remap-key':
      case 'add-key':
        if (!isRemappable(row)) {
          setNote({ tone: 'error', text: 'Клавиши с цифрами не переназначаются: цифра выбирает адресата, причину или раздел по номеру' });
        } else {
          setCapture(shortcut.action === 'add-key' ? 'add' : 'replace');
          setNote(null);
        }
        break;
      case 'remove-key':
        if (!isRemappable(row)) setNote({ tone: 'error', text: 'Клавиши с цифрами не переназначаются' });
        else if (row.chords.length <= 1) setNote({ tone: 'error', text: 'У действия должна остаться хотя бы одна клавиша' });
        else {
          const chords = row.chords.slice(0, -1);
          void save(row.scope, row.action, chords, `«${row.label}»: ${chordsLabel(chords)}`);
        }
        break;
      case 'reset-key':
        void save(row.scope, row.action, null, `«${row.label}»: клавиши по умолчанию`);
        break;
      case 'reset-all-keys':
        void saveKeyOverrides([]).then((error) => setNote(error === null
          ? { tone: 'ok', text: 'Все клавиши — по умолчанию' }
          : { tone: 'error', text: `Не удалось сохранить клавиши: ${error}` }));
        break;
      case 'close': onBack(); break;
      default: break;
    }
  });

  // While a chord is being captured, every key press is the answer: caught on the way down (capture phase) so no
  // shortcut scope, field or browser default sees it.
  const onCaptureKey = useEffectEvent((event: KeyboardEvent) => {
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.repeat || row === undefined || capture === null) return;
    if (event.code === 'Escape' && !event.ctrlKey && !event.shiftKey && !event.altKey && !event.metaKey) {
      setCapture(null);
      setNote({ tone: 'ok', text: 'Отменено: клавиши не изменились' });
      return;
    }
    const asked = chordOfKey(event);
    if (asked === null) return; // a modifier alone: wait for the key
    if ('refused' in asked) { setNote({ tone: 'error', text: asked.refused }); return; }
    const verdict = checkChord(SHORTCUTS, row.scope, row.action, asked.chord);
    // Replacing ↓ / J by ↓ alone is a fine answer: it takes J away.
    if (!verdict.ok && !(verdict.kind === 'same' && capture === 'replace')) {
      setNote({ tone: 'error', text: verdict.message });
      return;
    }
    const chords = capture === 'add' ? [...row.chords, asked.chord] : [asked.chord];
    setCapture(null);
    void save(row.scope, row.action, chords, `«${row.label}»: ${chordsLabel(chords)}`);
  });
  useEffect(() => {
    if (capture === null) return undefined;
    const listener = (event: KeyboardEvent) => onCaptureKey(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [capture]);

  return (
    <div className="keymap">
      <p className="keymap-prompt" data-testid="keymap-prompt" aria-live="polite">
        {capture !== null && row !== undefined
          ? <>Нажмите {capture === 'add' ? 'ещё одну клавишу' : 'новую клавишу'} для «{row.label}» ({SCOPE_TITLES[row.scope]}) · <Keycap keys={keysFor('keymap', 'close')} /> отмена</>
          : <>Выберите действие и нажмите <Keycap keys={primaryKeyFor('keymap', 'remap-key')} />. Клавиши с цифрами (1–9) не переназначаются.</>}
      </p>
      {/* Always there (empty when nothing to say), so the list does not jump under the keyboard's selection. */}
      <p className={`keymap-note ${note?.tone ?? ''}`} role="status" data-testid="keymap-note" data-tone={note?.tone ?? ''}>
        {note?.text ?? ''}</p>
      <div ref={listRef} className="keymap-list" role="listbox" tabIndex={0} aria-label="Действия и их клавиши"
        aria-activedescendant={`${idBase}-${at}`}>
        {EDIT_SCOPES.map((scope) => {
          const inScope = rows.map((s, i) => ({ s, i })).filter(({ s }) => s.scope === scope);
          if (inScope.length === 0) return null;
          return (
            <div key={scope} role="group" aria-label={groupTitle(scope)} className="keymap-group">
              <div className="keymap-scope" aria-hidden="true">{groupTitle(scope)}</div>
              {inScope.map(({ s, i }) => (
                <div key={`${s.scope}/${s.action}`} id={`${idBase}-${i}`} role="option" aria-selected={i === at} data-row={i} data-testid="keymap-row"
                  data-scope={s.scope} data-action={s.action} className="keymap-row" onClick={() => move(i)}>
                  <span className="keymap-keys"><Keycap keys={s.keys} /></span>
                  <span className="keymap-label">{s.label}</span>
                  {!isRemappable(s) ? <span className="keymap-tag">цифры не переназначаются</span>
                    : changed(s) ? <span className="keymap-tag changed">изменено</span> : null}
                </div>
              ))}
            </div>
          );
        })}
      </div>
      <p className="dialog-footer keymap-footer">
        <Keycap keys={primaryKeyFor('keymap', 'remap-key')} /> заменить · <Keycap keys={primaryKeyFor('keymap', 'add-key')} /> добавить ·{' '}
        <Keycap keys={keysFor('keymap', 'remove-key')} /> убрать последнюю · <Keycap keys={keysFor('keymap', 'reset-key')} /> по умолчанию ·{' '}
        <Keycap keys={keysFor('keymap', 'reset-all-keys')} /> все по умолчанию · <Keycap keys={keysFor('keymap', 'close')} /> назад
      </p>
    </div>
  );
}
