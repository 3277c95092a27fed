// What the Ctrl+K palette lists and how typing filters it (#13 item 5): every action of the scopes listening when it
// opened (the global keys and the current section's), built from the live shortcut table, so each command's key is
// the one really bound. Digit-slot actions (favourites 1–9, sections Ctrl+1–9, periods) become one command per slot,
// named by what is in that slot. Pure, so the list and the matching are unit-tested without a browser.
import { otherLayoutReading } from '../../../../shared/text/keyboard-layout.js';
import { normalizeForMatch } from '../target-picker/match-targets.js';
import {
  isDigitSlot, SCOPE_TITLES, SHORTCUTS, slotKeyFor, type Shortcut, type ShortcutAction, type ShortcutScope,
} from '../shortcuts/shortcut-table.js';

export interface PaletteCommand {
  /** Stable and unique in the list: the option's DOM id is made from it. */
  id: string;
  scope: ShortcutScope;
  action: ShortcutAction;
  /** The slot of a digit action (1-based), else null. */
  digit: number | null;
  label: string;
  /** Where it works, «Везде» / «Список обращений». */
  where: string;
  /** Words it is found by besides its label (shortcut-table.ts `also`), never shown. */
  also?: string;
}

/** What the slots of digit actions are called at the moment the palette opens. */
export interface SlotNames {
  /** Favourite target of slot n at [n-1] ('' or absent: an empty slot, listed as nothing). */
  favorites: readonly string[];
  /** Section titles in tab order (Ctrl+1 the first). */
  views: readonly string[];
}

/** The palette never lists itself, and keys that only make sense pressed (moving through a list) stay out of it. */
const NOT_LISTED: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'open-palette', 'move-down', 'move-up', 'extend-down', 'extend-up', 'page-down', 'page-up',
]);


function slotLabel(s: Shortcut, slot: number, names: SlotNames): string | null {
  switch (s.action) {
    case 'route-favorite': {
      const name = names.favorites[slot - 1];
      return name === undefined || name === '' ? null : `Направить: ${name}`;
    }
    case 'switch-view': {
      const title = names.views[slot - 1];
      return title === undefined ? null : `Перейти в раздел «${title}»`;
    }
    default:
      return `${s.label}: ${slot}`;
  }
}

/** Every command of these scopes, in the table's order, scopes in the order given. */
export function paletteCommands(scopes: readonly ShortcutScope[], names: SlotNames): PaletteCommand[] {
  const commands: PaletteCommand[] = [];
  for (const scope of scopes) {
    for (const s of SHORTCUTS) {
      if (s.scope !== scope || NOT_LISTED.has(s.action)) continue;
      const where = SCOPE_TITLES[scope];
      if (!isDigitSlot(s)) {
        commands.push({ id: `${scope}.${s.action}`, scope, action: s.action, digit: null, label: s.label, where,
          ...(s.also === undefined ? {} : { also: s.also }) });
        continue;
      }
      for (let slot = 1; slot <= 9; slot++) {
        if (slotKeyFor(scope, s.action, slot) === '') continue;
        const label = slotLabel(s, slot, names);
        if (label !== null) commands.push({ id: `${scope}.${s.action}.${slot}`, scope, action: s.action, digit: slot, label, where });
      }
    }
  }
  return commands;
}

/** Every word of the query starts a word of the label, or at least appears in it («отм посл» → «Отменить последнее»). */
function matches(command: PaletteCommand, words: readonly string[]): boolean {
  const text = normalizeForMatch(`${command.label} ${command.where} ${command.also ?? ''}`);
  return words.every((word) => text.includes(word));
}

const wordsOf = (query: string): string[] => normalizeForMatch(query).split(' ').filter((w) => w !== '');

/** Lower is better: the label starts with the query (0), a word of it starts with the query's first word (1), else 2. */
function rank(command: PaletteCommand, words: readonly string[]): number {
  const label = normalizeForMatch(command.label);
  if (label.startsWith(words.join(' '))) return 0;
  const first = words[0] ?? '';
  return label.split(' ').some((word) => word.startsWith(first)) ? 1 : 2;
}

/** The matching commands, best first; equals keep the list's order (the section's keys, then the global ones). */
function matching(commands: readonly PaletteCommand[], words: readonly string[]): PaletteCommand[] {
  return commands.filter((c) => matches(c, words))
    .map((command, order) => ({ command, order, rank: rank(command, words) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((x) => x.command);
}

export interface PaletteMatches {
  commands: PaletteCommand[];
  /** The other-layout reading the commands were matched by («поиск» for «gjbcr»); null: the text as typed. */
  reading: string | null;
}

/**
 * The commands matching the query as typed; when nothing does, those matching its other-layout reading (typed on
 * the wrong layout). Best first (rank), then in the list's order.
 */
export function filterCommands(commands: readonly PaletteCommand[], query: string): PaletteMatches {
  const words = wordsOf(query);
  if (words.length === 0) return { commands: [...commands], reading: null };
  const typed = matching(commands, words);
  if (typed.length > 0) return { commands: typed, reading: null };
  const reading = otherLayoutReading(query.replace(/\s+/g, ' ').trim());
  if (reading === null) return { commands: typed, reading: null };
  const other = matching(commands, wordsOf(reading));
  return other.length > 0 ? { commands: other, reading } : { commands: typed, reading: null };
}
