// Picks the fullest of several layouts of a one-line bar that fits its width: level 0 is the full bar, each level
// up drops or shortens something. Measured before paint (layout effect), so the bar never shows overlapping items,
// and again whenever the bar's width changes (window resize, Windows scaling, a longer user name).
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** True when something inside `element` is wider than the room it has (the bar or one of its direct children). */
function overflows(element: HTMLElement): boolean {
  if (element.scrollWidth > element.clientWidth + 1) return true;
  for (const child of element.children) {
    if (child instanceof HTMLElement && child.scrollWidth > child.clientWidth + 1) return true;
  }
  return false;
}

export function useFitLevel(maxLevel: number, content: string): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement | null>(null);
  const [level, setLevel] = useState(0);
  const [width, setWidth] = useState(0);
  const fittedFor = useRef('');

  // After each layout: a new width or new content starts over from the full bar; otherwise step up one level while
  // something overflows. This is measuring layout before paint — the use React documents for a layout effect that
  // sets state (the re-render happens before the browser paints, so no overlapping bar is ever shown).
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const key = `${width}\n${content}`;
    const fresh = fittedFor.current !== key;
    fittedFor.current = key;
    // Fresh at a higher level: back to the full bar first (this effect runs again for it and measures it).
    const next = fresh && level !== 0 ? 0 : level < maxLevel && overflows(element) ? level + 1 : level;
    if (next !== level) setLevel(next);
  }, [width, content, level, maxLevel]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => {
      const next = Math.round(entries[0]?.contentRect.width ?? 0);
      setWidth((previous) => (previous === next ? previous : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return [ref, level];
}
