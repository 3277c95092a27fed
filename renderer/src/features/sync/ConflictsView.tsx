// «Конфликты»: decisions the server refused because someone else decided first. ↑/↓ move, Enter or A accepts the
// server's decision, 1–9 or «/» routes the appeal again on top of it — a lead's, or an operator's own decision. An
// operator's key on a colleague's decision is refused here, with the reason and what to do instead, never sent (a
// helper's trial of 5 December: the footer said only a lead may, the digit went to the core anyway and came back «Не
// удалось перенаправить…», an error that outlived the list); the footer does not offer it, nor any key on an empty list.
import { useEffect, useState } from 'react';
import { decidedByAnother, LEAD_REDECIDES, mayDecide } from '../../../../shared/domain/appeal.js';
import { CONFLICT_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { InertLine } from '../../components/InertLine.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { TargetPicker } from '../target-picker/TargetPicker.js';
import { describeConflict, targetNameLookup } from './describe-conflict.js';
import '../../styles/sync.css';

export function ConflictsView() {
  const conflicts = useDeskStore((s) => s.conflicts);
  const targetsById = useDeskStore((s) => s.targetsById);
  const favoriteIds = useDeskStore((s) => s.favoriteIds);
  const dialog = useDeskStore((s) => s.dialog);
  const nowMs = useDeskStore((s) => s.nowMs);
  const dismiss = useDeskStore((s) => s.dismissConflict);
  const reroute = useDeskStore((s) => s.rerouteConflict);
  const showAlert = useDeskStore((s) => s.showAlert);
  const clearAlert = useDeskStore((s) => s.clearAlert);
  const user = useDeskStore((s) => s.session?.user ?? null);
  const [cursor, setCursor] = useState(0);
  const [picker, setPicker] = useState(false);
  const active = Math.min(cursor, Math.max(0, conflicts.length - 1));
  const current = conflicts[active];
  const name = targetNameLookup(targetsById);
  // The server's own rule: an operator re-routes only a decision of their own. The keys stay bound, and answer why not;
  // the footer does not offer what would be refused (trial of 4 December).
  const mayReroute = current !== undefined && user !== null && mayDecide(user, current.server);
  const why = decidedByAnother(current?.server.routedBy);
  const refuseReroute = (): void => showAlert(`Решение не изменено: ${why.charAt(0).toLowerCase()}${why.slice(1)}. `
    + `${keysFor('conflicts', 'accept-server')} — согласиться с решением на сервере.`);

  useEffect(() => {
    document.querySelector(`[data-conflict-row="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  useShortcutScope('conflicts', dialog === null && !picker, ({ shortcut, digit }) => {
    switch (shortcut.action) {
      case 'move-down': setCursor(Math.min(active + 1, conflicts.length - 1)); break;
      case 'move-up': setCursor(Math.max(active - 1, 0)); break;
      case 'accept-server':
        if (!current) break;
        clearAlert(); // whatever an earlier key said is over
        void dismiss(current.id);
        break;
      case 'route-favorite': {
        const targetId = digit === null ? undefined : favoriteIds[digit - 1];
        if (!current || !targetId) break;
        if (mayReroute) void reroute(current.id, targetId);
        else refuseReroute();
        break;
      }
      case 'open-picker':
        if (!current) break;
        if (mayReroute) setPicker(true);
        else refuseReroute();
        break;
      case 'dismiss-alert': clearAlert(); break;
      default: break;
    }
  });

  return (
    <section className="sync-workspace" aria-label="Конфликты" data-testid="conflicts-view">
      <header className="sync-head">
        <h2>Конфликты</h2>
        <span className="muted">
          {conflicts.length === 0 ? 'нет'
            : `${countRu(conflicts.length, CONFLICT_FORMS)}: решения, которые сервер не принял, потому что обращение уже разобрали`}
        </span>
      </header>
      {/* The list scrolls: a named tab stop of its own, so a keyboard user can reach and scroll it (axe
          scrollable-region-focusable), as the lead's panes are; the keys themselves are the window's. */}
      <section className="sync-body" tabIndex={0} aria-label="Список конфликтов">
        {conflicts.length === 0 ? (
          <p className="sync-empty">Конфликтов нет: все ваши решения приняты сервером.</p>
        ) : (
          <ul className="conflict-list" role="listbox" aria-label="Конфликты">
            {conflicts.map((c, i) => (
              <li key={c.id} role="option" aria-selected={i === active} className="conflict-item"
                data-conflict-row={i} data-conflict-id={c.id} onClick={() => setCursor(i)}>
                <span className="conflict-what">{describeConflict(c, name)}</span>
                <span className="conflict-when">{formatReceivedLong(c.detectedAt, nowMs)}</span>
                <span className="conflict-excerpt">«<InertLine text={c.excerpt} maxLength={200} />»</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {current === undefined ? null : (
        <footer className="sync-hints" data-testid="conflict-keys">
          <span><Keycap keys={keysFor('conflicts', 'move-up')} /> <Keycap keys={keysFor('conflicts', 'move-down')} /> выбор</span>
          <span><Keycap keys={keysFor('conflicts', 'accept-server')} /> согласиться с сервером</span>
          {mayReroute ? (
            <>
              <span><Keycap keys={keysFor('conflicts', 'route-favorite')} /> перенаправить избранному</span>
              <span><Keycap keys={keysFor('conflicts', 'open-picker')} /> перенаправить другому</span>
            </>
          ) : <span className="muted" data-testid="conflict-lead-only">{LEAD_REDECIDES}</span>}
        </footer>
      )}
      {picker && current ? (
        <TargetPicker
          onChoose={(targetId) => { setPicker(false); void reroute(current.id, targetId); }}
          onClose={() => setPicker(false)} />
      ) : null}
    </section>
  );
}
