// The short window (1366×768 at 125 and 150 %) has one breakpoint, short-window.ts: RoutePanel matches its query and
// sets its class, and the styles key the short layout on that class. A height media query of the styles' own would be
// a second copy that drifts from it (the legend three columns wide while its names are the long ones, or the reverse).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHORT_WINDOW_CLASS, SHORT_WINDOW_MAX_HEIGHT_PX, SHORT_WINDOW_QUERY, VERY_SHORT_WINDOW_ATTRIBUTE,
  VERY_SHORT_WINDOW_MAX_HEIGHT_PX, VERY_SHORT_WINDOW_QUERY, VERY_SHORT_WINDOW_VALUE,
} from '../../../renderer/src/features/inbox/short-window.js';

const root = join(import.meta.dirname, '../../../renderer/src');
const styles = join(root, 'styles');
const css = (file: string): string => readFileSync(join(styles, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

describe('the short window breakpoint', () => {
  it('is one query, of the window height', () => {
    expect(SHORT_WINDOW_QUERY).toBe(`(max-height: ${SHORT_WINDOW_MAX_HEIGHT_PX}px)`);
    // 1366×768 at 125 % is 614 px high, at 150 % 512 px: both short; at 100 % (768 px) the legend has its room.
    expect(SHORT_WINDOW_MAX_HEIGHT_PX).toBeGreaterThanOrEqual(614);
    expect(SHORT_WINDOW_MAX_HEIGHT_PX).toBeLessThan(768);
  });

  it('is not written again in the styles: no height media query there', () => {
    const files = readdirSync(styles).filter((f) => f.endsWith('.css'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const preludes = [...css(file).matchAll(/@media([^{]*)\{/g)].map((m) => m[1] ?? '');
      expect(preludes.filter((p) => /height/.test(p)), `${file}: a height media query`).toEqual([]);
    }
  });

  it('reaches the styles as the class RoutePanel sets from the query', () => {
    expect(SHORT_WINDOW_CLASS).toMatch(/^[a-z][a-z-]*$/);
    expect(css('inbox.css')).toMatch(new RegExp(`\\.${SHORT_WINDOW_CLASS}\\b[^{]*\\.favorites\\s*\\{`));
    const panel = readFileSync(join(root, 'features/inbox/RoutePanel.tsx'), 'utf8');
    expect(panel).toContain('matchMedia(SHORT_WINDOW_QUERY)');
    expect(panel).toContain('SHORT_WINDOW_CLASS');
    expect(panel, 'a breakpoint written in RoutePanel itself').not.toMatch(/max-height|\b640\b/);
  });
});

// The very short window (a maximized window on 1366×768 at 150 %, ~911×455): the same discipline, its breakpoint in
// short-window.ts alone, on the root as an attribute that layout.css keys its one block of compactions on.
describe('the very short window breakpoint', () => {
  it('is one query, of the window height: a maximized 150 % window is under it, an unmaximized one is not', () => {
    expect(VERY_SHORT_WINDOW_QUERY).toBe(`(max-height: ${VERY_SHORT_WINDOW_MAX_HEIGHT_PX}px)`);
    expect(VERY_SHORT_WINDOW_MAX_HEIGHT_PX).toBeGreaterThanOrEqual(480); // 1280×720 at 150 %; 1366×768 maximized: ~455
    expect(VERY_SHORT_WINDOW_MAX_HEIGHT_PX).toBeLessThan(512); // 1366×768 at 150 %, the whole screen
    expect(VERY_SHORT_WINDOW_MAX_HEIGHT_PX).toBeLessThan(SHORT_WINDOW_MAX_HEIGHT_PX);
  });

  it('reaches the styles as the root attribute, set once from the entry', () => {
    const selector = `:root[${VERY_SHORT_WINDOW_ATTRIBUTE}='${VERY_SHORT_WINDOW_VALUE}']`;
    const layout = css('layout.css');
    expect(layout).toContain(selector);
    for (const file of readdirSync(styles).filter((f) => f.endsWith('.css') && f !== 'layout.css')) {
      expect(css(file), `${file}: a very short compaction outside layout.css's block`).not.toContain(VERY_SHORT_WINDOW_VALUE);
    }
    const entry = readFileSync(join(root, 'main.tsx'), 'utf8');
    expect(entry).toContain('followVeryShortWindow()');
  });
});
