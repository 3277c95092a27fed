// A line of the status bar that its room would cut — the alert of the last key, the notice of the last action — rises
// from its place over the screen's foot, as tall as its words, for its few seconds (a helper's trials of 5 December: at
// 125–150 % the alert before a second press lost «Нажмите ту же клавишу ещё раз»; in a maximized window at 150 % the
// bar is 24 px and even two lines lost their lower half). Measured once before the first paint: a new text is a new
// element (its key), so nothing is measured twice and nothing moves while it is read.
import { useLayoutEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';

export interface RisingLine<B extends HTMLElement, W extends HTMLElement> {
  /** The element that rises (its place in the bar is where it rises from). */
  box: RefObject<B | null>;
  /** The element holding the words (clamped to the bar's lines until it rises); unset: the box holds them. */
  words: RefObject<W | null>;
  /** Where it stands once risen (its left and right edges as in the bar), or null while the bar holds it. */
  risen: CSSProperties | null;
}

export function useRiseWhenCut<B extends HTMLElement, W extends HTMLElement>(): RisingLine<B, W> {
  const box = useRef<B>(null);
  const words = useRef<W>(null);
  const [risen, setRisen] = useState<CSSProperties | null>(null);
  useLayoutEffect(() => {
    const el = words.current ?? box.current;
    const place = box.current?.getBoundingClientRect();
    if (!el || !place) return;
    // Cut by its own clamp (more lines than two), or taller than the bar it stands in (the bar hides its overflow).
    const bar = box.current?.closest('.status-bar');
    const cut = el.scrollHeight > el.clientHeight + 1 || (bar != null && el.scrollHeight > bar.clientHeight);
    if (cut) setRisen({ left: place.left, right: Math.max(0, document.documentElement.clientWidth - place.right) });
  }, []);
  return { box, words, risen };
}
