// The alert of the operator's last key, said in the status bar's line (StatusBar.tsx is its one place).
import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, type ShortcutScope } from '../shortcuts/shortcut-table.js';
import { VIEW_SCOPES } from './status-hints.js';

/**
 * Announced once (role="alert", one element per alert), gone after its reading time or the next action that goes
 * through (ui-slice.ts), or at once with its key or button.
 */
export function StatusAlert() {
  const alert = useDeskStore((s) => s.alert);
  const clear = useDeskStore((s) => s.clearAlert);
  const scope = useDeskStore((s) => VIEW_SCOPES[s.view]);
  if (alert === null) return null;
  return <AlertLine key={alert.seq} text={alert.text} scope={scope} onDismiss={clear} />;
}

/**
 * One alert. Two lines of the bar hold most; one that needs more (at 125–150 % the alert before a second press lost
 * its end, «Нажмите ту же клавишу ещё раз», a helper's trial of 5 December) rises from its place over the bar, as tall
 * as its text: it covers the foot of the screen for its few seconds rather than hide what to do (sync.css).
 */
function AlertLine({ text, scope, onDismiss }: { text: string; scope: ShortcutScope; onDismiss(): void }) {
  const box = useRef<HTMLDivElement>(null);
  const words = useRef<HTMLSpanElement>(null);
  const [risen, setRisen] = useState<CSSProperties | null>(null);
  // Measured once, before the first paint, in the bar's two lines: the text changes only with a new alert (a new key).
  useLayoutEffect(() => {
    const el = words.current;
    const place = box.current?.getBoundingClientRect();
    if (!el || !place || el.scrollHeight <= el.clientHeight + 1) return;
    setRisen({ left: place.left, right: Math.max(0, document.documentElement.clientWidth - place.right) });
  }, []);
  return (
    <div ref={box} role="alert" className="banner banner-error" data-testid="status-alert" data-risen={risen ? 'true' : undefined}
      style={risen ?? undefined}>
      <span ref={words} className="banner-text">{text}</span>
      <button type="button" className="btn btn-quiet" onClick={onDismiss}>
        {/* The dismiss key is named only where it works (the inbox's Esc; elsewhere Esc goes back or to the search box). */}
        {keysFor(scope, 'dismiss-alert') !== '' ? <Keycap keys={keysFor(scope, 'dismiss-alert')} /> : null} Скрыть
      </button>
    </div>
  );
}
