// Every cell renderer of the inbox and search grids, fed a hostile row: no direction override, isolate or
// zero-width reaches the markup, markup in a name stays text, and each citizen string sits in its own bidi
// isolate (dir="auto"), so a name cannot reorder the row (qa-53: «Иван\u202E яаминтсеВ» showed reversed).
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ListedRow } from '../../../shared/desk-api/contract.js';

// The suggestion cell re-renders on keymap changes through useSyncExternalStore without a server snapshot, which
// renderToStaticMarkup refuses; a fixed version is all a static render needs.
vi.mock('../../../renderer/src/features/shortcuts/use-keymap.js', async (original) => ({
  ...await original<typeof import('../../../renderer/src/features/shortcuts/use-keymap.js')>(),
  useKeymapVersion: () => 0,
}));

const HOSTILE = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200C\u200E\u200F\uFEFF';
const row: ListedRow = {
  id: 'hostile-1', source: 'vk',
  channelName: `Канал\u202E лангис ${HOSTILE}<b>жирный</b>`,
  authorName: `Иван\u202E яаминтсеВ ${HOSTILE}<img src=x onerror=alert(1)>`,
  excerpt: `Текст\u2067 تجربة \u2069 <img src=x onerror=alert(2)> ${HOSTILE} конец`,
  receivedAt: '2026-12-02T03:00:00.000Z', attachmentCount: 1, routeDueAt: '2026-12-02T06:00:00.000Z',
  withdrawnAt: null, status: 'new', targetId: null,
};

function renderCell(column: Col): string {
  const value = column.accessorKey ? (row as Record<string, unknown>)[column.accessorKey] : undefined;
  const context = { getValue: () => value, row: { original: row } };
  const cell = column.cell as (c: typeof context) => ReactNode;
  return renderToStaticMarkup(createElement(Fragment, null, cell(context)));
}

// The column files are .tsx, which this project's node typecheck (no JSX) cannot read: imported by a path tsc does
// not follow, typed by what this test uses of them. Vitest transforms them as the renderer's build does.
type Col = { id?: string; accessorKey?: string; cell?: unknown };
const COLUMN_FILES = ['../../../renderer/src/features/inbox/inbox-columns.js', '../../../renderer/src/features/search/search-columns.js'] as string[];
const { INBOX_COLUMNS } = await import(COLUMN_FILES[0] ?? '') as { INBOX_COLUMNS: Col[] };
const { SEARCH_COLUMNS } = await import(COLUMN_FILES[1] ?? '') as { SEARCH_COLUMNS: Col[] };

const BAD = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u200E\u200F\uFEFF]/;

describe.each([['inbox', INBOX_COLUMNS], ['search', SEARCH_COLUMNS]] as const)('%s grid cells with a hostile row', (_, columns) => {
  it.each(columns.map((c) => [c.id ?? '?', c as Col] as const))('%s: no controls, no markup, isolated', (id, column) => {
    const html = renderCell(column);
    expect(html, id).not.toMatch(BAD);
    expect(html, id).not.toMatch(/<img|<b>/);
    if (['channel', 'author', 'excerpt'].includes(id)) {
      expect(html).toContain('dir="auto"');
      expect(html).toContain('&lt;');
    }
    if (id === 'author') expect(html).toContain('Иван яаминтсеВ');
  });
});

it('every column of both grids was rendered (a new column is covered without editing this test)', () => {
  expect(INBOX_COLUMNS.map((c) => c.id)).toEqual(expect.arrayContaining(['channel', 'author', 'excerpt']));
  expect(SEARCH_COLUMNS.map((c) => c.id)).toEqual(expect.arrayContaining(['channel', 'author', 'excerpt', 'status']));
});
