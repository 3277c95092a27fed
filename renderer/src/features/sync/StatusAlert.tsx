// The alert of the operator's last key, said in the status bar's line (StatusBar.tsx is its one place).
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, type ShortcutScope } from '../shortcuts/shortcut-table.js';
import { useRiseWhenCut } from './rise-when-cut.js';
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
 * One alert. Two lines of the bar hold most; one the bar would cut rises from its place over the bar, as tall as its
 * text: it covers the foot of the screen for its few seconds rather than hide what to do (rise-when-cut.ts, sync.css).
 */
function AlertLine({ text, scope, onDismiss }: { text: string; scope: ShortcutScope; onDismiss(): void }) {
  const { box, words, risen } = useRiseWhenCut<HTMLDivElement, HTMLSpanElement>();
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
