// The window's first and smallest size on the screens of a ЦУР office (work area in DIP, taskbar taken off).
import { describe, expect, it } from 'vitest';
import { windowSize } from '../../../electron/main/window-size.js';

describe('windowSize', () => {
  it('opens at 1440×900, not maximized, where that fits (a 1920×1080 screen at 100 %)', () => {
    expect(windowSize({ width: 1920, height: 1040 })).toEqual({ width: 1440, height: 900, minWidth: 900, minHeight: 480, maximize: false });
  });

  it('never asks for more than the work area of a 1366×768 screen at 150 % (911×~485): opens maximized, can be that small', () => {
    const size = windowSize({ width: 911, height: 485 });
    expect(size).toEqual({ width: 911, height: 485, minWidth: 900, minHeight: 480, maximize: true });
  });

  it('at 125 % (1093×~590) and at 100 % (1366×728): fits the screen, opens maximized', () => {
    for (const work of [{ width: 1093, height: 590 }, { width: 1366, height: 728 }]) {
      const size = windowSize(work);
      expect(size.width).toBeLessThanOrEqual(work.width);
      expect(size.height).toBeLessThanOrEqual(work.height);
      expect(size.maximize).toBe(true);
    }
  });

  it('a work area smaller than the layout is tested at: the minimum shrinks to it, so the window still fits', () => {
    expect(windowSize({ width: 800, height: 400 })).toMatchObject({ width: 800, height: 400, minWidth: 800, minHeight: 400 });
  });
});
