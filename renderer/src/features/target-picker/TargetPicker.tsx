// «/»: route the selected appeal to any target — type to filter (see match-targets.ts), arrows, Enter. Text typed
// on the wrong layout is matched by its other reading, and the line under the box says so («по раскладке: мин»).
// The routing suggestions (#13 item 7: Enter on an appeal without a confident one opens this) come first, marked
// «предложено», while nothing is typed; typed text keeps its own order and still marks them. The dialog has one
// height whatever the list holds, so narrowing the list never moves the box.
import { useMemo, useState } from 'react';
import type { TargetSuggestion } from '../../../../shared/desk-api/routing-contract.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { offeredFor } from '../suggestions/enter-choice.js';
import { useSuggestionsStore } from '../suggestions/suggestions-store.js';
import { matchTargetsEitherLayout, suggestedFirst } from './match-targets.js';

/** Target ids are plain slugs; the prefix keeps option ids apart from any other id on the page. */
const optionId = (targetId: string): string => `picker-option-${targetId}`;

const KIND_LABELS = { ministry: 'ведомство', municipality: 'муниципалитет', other: 'другое' } as const;

export interface TargetPickerProps {
  onChoose?: (targetId: string) => void;
  onClose?: () => void;
  /** Listed first and marked; default: the inbox selection's offered suggestions when routing the inbox, else none. */
  suggestions?: readonly TargetSuggestion[];
  /** The dialog's title when choosing for something else than routing (a favourite slot, #13 item 5). */
  title?: string;
  /**
   * What Enter does, in the footer: «направить» by default; a favourite slot's picker «назначить клавише» (a trial of
   * 5 December: «Enter направить» there read as routing the open appeal).
   */
  confirmWords?: string;
}

const NO_SUGGESTIONS: readonly TargetSuggestion[] = [];

/** `onChoose`/`onClose` let another section (the lead's queues) reuse the picker; default: route the inbox selection. */
export function TargetPicker({ onChoose, onClose, suggestions, title, confirmWords = 'направить' }: TargetPickerProps = {}) {
  const inboxId = useDeskStore((s) => (onChoose === undefined && suggestions === undefined ? s.selectedId : null));
  const inboxEntry = useSuggestionsStore((s) => (inboxId === null ? undefined : s.byId.get(inboxId)));
  const suggested = useMemo(() => suggestions ?? (inboxEntry ? offeredFor(inboxEntry) : NO_SUGGESTIONS),
    [suggestions, inboxEntry]);
  const targets = useDeskStore((s) => s.targets);
  const favoriteIds = useDeskStore((s) => s.favoriteIds);
  const closeDialog = useDeskStore((s) => s.closeDialog);
  const close = onClose ?? closeDialog;
  const decide = useDeskStore((s) => s.decide);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const { targets: matched, reading } = useMemo(() => matchTargetsEitherLayout(targets, query), [targets, query]);
  const { targets: matches, suggestedCount } = useMemo(
    () => (query.trim() === '' ? suggestedFirst(matched, suggested.map((s) => s.targetId)) : { targets: matched, suggestedCount: 0 }),
    [matched, suggested, query]);
  const scoreOf = useMemo(() => new Map(suggested.map((s) => [s.targetId, s.score])), [suggested]);
  const active = Math.min(cursor, Math.max(0, matches.length - 1));
  // The box keeps the focus while arrows move the choice, so it names the chosen option for a screen reader.
  const activeTarget = matches[active];
  const activeOptionId = activeTarget === undefined ? undefined : optionId(activeTarget.id);

  const route = (index: number): void => {
    const target = matches[index];
    if (target === undefined) return;
    close();
    if (onChoose) onChoose(target.id);
    else void decide({ type: 'route', targetId: target.id }, 'dialog');
  };

  useShortcutScope('picker', true, ({ shortcut }) => {
    switch (shortcut.action) {
      case 'move-down': setCursor(Math.min(matches.length - 1, active + 1)); break;
      case 'move-up': setCursor(Math.max(0, active - 1)); break;
      case 'confirm': route(active); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title={title ?? 'Направить адресату'} aside={<span className="dialog-hint"><Keycap keys={keysFor('picker', 'close')} /> закрыть</span>}
      onClose={close} className="picker-dialog">
      <input className="picker-input" type="text" value={query} placeholder="Начните вводить: здр, жкх, дов…"
        role="combobox" aria-expanded="true" aria-autocomplete="list" aria-activedescendant={activeOptionId}
        aria-label="Поиск адресата" aria-controls="picker-list" autoComplete="off" spellCheck={false}
        onChange={(e) => { setQuery(e.target.value); setCursor(0); }} />
      {reading !== null ? (
        <p className="picker-reading muted" data-testid="picker-reading" aria-live="polite"
          style={{ margin: '-4px 14px 4px', fontSize: 12 }}>по раскладке: {reading}</p>
      ) : null}
      <ul id="picker-list" className="choice-list picker-list" role="listbox" aria-label="Адресаты">
        {matches.map((target, i) => {
          const slot = favoriteIds.indexOf(target.id);
          const score = scoreOf.get(target.id);
          const classes = ['choice', score !== undefined ? 'choice-suggested' : '', i === suggestedCount - 1 ? 'choice-suggested-last' : '']
            .filter(Boolean).join(' ');
          return (
            <li key={target.id} id={optionId(target.id)} role="option" aria-selected={i === active} className={classes}
              data-suggested={score !== undefined ? 'true' : undefined}
              ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
              onMouseMove={() => { if (i !== active) setCursor(i); }} onClick={() => route(i)}>
              <span className="choice-main">
                <span className="choice-title">{target.shortName}</span>
                <span className="choice-sub">{target.name}</span>
              </span>
              <span className="choice-meta">
                {score !== undefined ? (
                  <span className="suggested-mark" title={`Предложение модели, уверенность ${Math.round(score * 100)}%`}>
                    предложено · {Math.round(score * 100)}%
                  </span>
                ) : null}
                {slot >= 0 ? <Keycap keys={slotKeyFor('inbox', 'route-favorite', slot + 1)} className="faint" /> : null}
                <span className="kind">{KIND_LABELS[target.kind]}</span>
              </span>
            </li>
          );
        })}
        {matches.length === 0 ? <li className="choice-empty">Ничего не найдено</li> : null}
      </ul>
      <p className="dialog-footer"><Keycap keys={keysFor('picker', 'move-up')} /> <Keycap keys={keysFor('picker', 'move-down')} /> выбрать · <Keycap keys={primaryKeyFor('picker', 'confirm')} /> {confirmWords} · <Keycap keys={keysFor('picker', 'close')} /> закрыть</p>
    </Dialog>
  );
}
