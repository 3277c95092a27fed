// The Ctrl+K palette's list and filter (#13 item 5): commands come from the live bindings of the scopes listening,
// digit actions one per slot named by what is in it, typing filters by words, the wrong layout is read too.
import { describe, expect, it } from 'vitest';
import { filterCommands, paletteCommands } from '../../../renderer/src/features/palette/palette-commands.js';
import { keysFor } from '../../../renderer/src/features/shortcuts/shortcut-table.js';

const names = { favorites: ['МинЖКХ НСО', '', 'Минтранс НСО'], views: ['Входящие', 'Поиск'] };

describe('palette commands', () => {
  it('lists the global and the section actions, never itself, digit actions per filled slot', () => {
    const commands = paletteCommands(['global', 'inbox'], names);
    const ids = commands.map((c) => c.id);
    expect(ids).toContain('global.open-search');
    expect(ids).toContain('global.undo');
    expect(ids).not.toContain('global.open-palette');
    expect(ids).not.toContain('inbox.move-down');
    expect(ids.filter((id) => id.startsWith('inbox.route-favorite.'))).toEqual(['inbox.route-favorite.1', 'inbox.route-favorite.3']);
    expect(commands.find((c) => c.id === 'inbox.route-favorite.3')).toMatchObject({ label: 'Направить: Минтранс НСО', digit: 3 });
    expect(commands.find((c) => c.id === 'global.switch-view.2')).toMatchObject({ label: 'Перейти в раздел «Поиск»', digit: 2 });
    expect(ids).not.toContain('global.switch-view.3');
    expect(paletteCommands(['global'], names).some((c) => c.scope === 'inbox')).toBe(false);
    expect(keysFor('global', 'open-palette')).toBe('Ctrl+K');
  });

  it('filters by parts of words, case- and ё-insensitive, and by the other layout when nothing matches as typed', () => {
    const commands = paletteCommands(['global', 'inbox'], names);
    expect(filterCommands(commands, 'ОТМЕН посл').commands.map((c) => c.id)).toEqual(['global.undo']);
    expect(filterCommands(commands, '').commands).toHaveLength(commands.length);
    const wrong = filterCommands(commands, 'jnvty');
    expect(wrong.reading).toBe('отмен');
    expect(wrong.commands.map((c) => c.id)).toContain('global.undo');
    expect(filterCommands(commands, 'zzzz')).toEqual({ commands: [], reading: null });
  });

  it('finds the exports by the words a lead types for them, not only by «Выгрузить» (trial: «экспорт» found nothing)', () => {
    const queues = paletteCommands(['global', 'queues'], names);
    for (const word of ['экспорт', 'отчет', 'выгруз', 'эксель']) {
      expect(filterCommands(queues, word).commands.map((c) => c.id), word).toEqual(['queues.export-xlsx', 'queues.export-csv']);
    }
    const stats = paletteCommands(['global', 'stats'], names);
    expect(filterCommands(stats, 'экспорт csv').commands.map((c) => c.id)).toEqual(['stats.export-csv']);
    // The words are for finding only: the label shown is the table's.
    expect(filterCommands(queues, 'экспорт').commands[0]?.label).toBe('Выгрузить список в XLSX');
  });

  it('finds the help (and its key settings) and the sign-out by what one looks for (trial: «настр», «выход» found nothing)', () => {
    const commands = paletteCommands(['global', 'inbox'], names);
    for (const word of ['настр', 'клавиш', 'справк']) expect(filterCommands(commands, word).commands.map((c) => c.id), word).toContain('global.open-help');
    for (const word of ['выход', 'выйти']) expect(filterCommands(commands, word).commands.map((c) => c.id), word).toEqual(['global.logout']);
  });
});
