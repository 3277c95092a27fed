// The window's first and smallest size, and its place, on the screens of a ЦУР office (work area in DIP, taskbar off).
import { describe, expect, it } from 'vitest';
import { windowSize } from '../../../electron/main/window-size.js';

describe('windowSize', () => {
  it('opens at 1440×900, centred, not maximized, where that fits (a 1920×1080 screen at 100 %)', () => {
    expect(windowSize({ x: 0, y: 0, width: 1920, height: 1040 }))
      .toEqual({ x: 240, y: 70, width: 1440, height: 900, minWidth: 900, minHeight: 480, maximize: false });
  });

  it('never asks for more than the work area of a 1366×768 screen at 150 % (911×~485): opens maximized, can be that small', () => {
    expect(windowSize({ x: 0, y: 0, width: 911, height: 485 }))
      .toEqual({ x: 0, y: 0, width: 911, height: 485, minWidth: 900, minHeight: 480, maximize: true });
  });

  it('at 125 % (1093×~590) and at 100 % (1366×728): fits the screen, opens maximized', () => {
    for (const work of [{ x: 0, y: 0, width: 1093, height: 590 }, { x: 0, y: 0, width: 1366, height: 728 }]) {
      const size = windowSize(work);
      expect(size.width).toBeLessThanOrEqual(work.width);
      expect(size.height).toBeLessThanOrEqual(work.height);
      expect(size.maximize).toBe(true);
    }
  });

  it('on a second screen (the laptop panel left of the main one) the window stands inside that screen', () => {
    const panel = { x: -911, y: 100, width: 911, height: 485 };
    const size = windowSize(panel);
    expect(size.x).toBeGreaterThanOrEqual(panel.x);
    expect(size.y).toBeGreaterThanOrEqual(panel.y);
    expect(size.x + size.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(size.y + size.height).toBeLessThanOrEqual(panel.y + panel.height);
    const wide = windowSize({ x: 1920, y: 0, width: 2560, height: 1400 });
    expect(wide).toMatchObject({ x: 1920 + 560, y: 250, width: 1440, height: 900, maximize: false });
  });

  it('a work area smaller than the layout is tested at: the minimum shrinks to it, so the window still fits', () => {
    expect(windowSize({ x: 0, y: 0, width: 800, height: 400 })).toMatchObject({ width: 800, height: 400, minWidth: 800, minHeight: 400 });
  });
});
