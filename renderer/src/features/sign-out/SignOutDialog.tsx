// Sign-out (Ctrl+Shift+Q): sends what is unsent, then the core wipes this machine's citizen data. When decisions
// cannot be sent, conflicts are not yet looked at or report files wait in the exports folder (deleted with the rest:
// a lead's report was lost unasked in a trial of 5 December), the operator chooses: try again (Enter), stay (Esc),
// sign out leaving the decisions queued under their own name for the next shift's desk to send under their session
// (Shift+Enter, shift handover), or sign out and lose them (Shift+Delete).
import { useEffect, useRef, useState } from 'react';
import {
  countRu, DECISION_FORMS, EXPORT_FORMS, GO_FORMS, IT_FORMS, pluralRu, referRu, THEY_FORMS, WILL_BE_DELETED_F_FORMS,
} from '../../../../shared/text/plural-ru.js';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';

type Unsent = { kind: 'unsent'; count: number; conflicts: number; exports: { count: number; folder: string } };
type Phase = { kind: 'working' } | { kind: 'offline' } | Unsent | { kind: 'failed'; message: string };

/** What «выйти и удалить» loses: «неотправленные, конфликты и выгрузки». */
function discardedWords(phase: Unsent): string {
  const words = [phase.count > 0 ? 'неотправленные' : '', phase.conflicts > 0 ? 'конфликты' : '',
    phase.exports.count > 0 ? 'выгрузки' : ''].filter(Boolean);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} и ${words.at(-1)}`;
}

/** «1 конфликт не просмотрен», «3 конфликта не просмотрено», «5 конфликтов не просмотрено». */
function conflictsPhrase(n: number): string {
  return `${n} ${pluralRu(n, CONFLICT_PHRASE_FORMS)}`;
}

const CONFLICT_PHRASE_FORMS = {
  one: 'конфликт не просмотрен', few: 'конфликта не просмотрено', many: 'конфликтов не просмотрено',
};

export function SignOutDialog() {
  const close = useDeskStore((s) => s.closeDialog);
  const applySession = useDeskStore((s) => s.applySession);
  // Offline with nothing to send, the key signed out at once — and signing in again needs the server, so the desk
  // could not be used until it came back (trial of 4 December): it asks first. With decisions unsent it asks anyway.
  const [phase, setPhase] = useState<Phase>(() => {
    const status = useDeskStore.getState().syncStatus;
    return status?.state === 'offline' && status.pending === 0 ? { kind: 'offline' } : { kind: 'working' };
  });
  const busy = useRef(false);

  const run = async (unsent: 'ask' | 'discard' | 'keep'): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setPhase({ kind: 'working' });
    const result = await deskCall('session.signOut', { unsent });
    busy.current = false;
    if (!result.ok) {
      setPhase({ kind: 'failed', message: result.error.message });
    } else if (result.value.outcome === 'unsent') {
      setPhase({ kind: 'unsent', count: result.value.unsent, conflicts: result.value.conflicts, exports: result.value.exports });
    } else {
      close();
      applySession(result.value.session);
    }
  };

  const started = useRef(false);
  useEffect(() => {
    if (started.current || phase.kind === 'offline') return;
    started.current = true;
    void run('ask');
  });

  useShortcutScope('sign-out', true, ({ shortcut }) => {
    if (busy.current) return;
    switch (shortcut.action) {
      case 'confirm': void run('ask'); break;
      case 'discard-unsent': if (phase.kind === 'unsent') void run('discard'); break;
      case 'keep-unsent': if (phase.kind === 'unsent' && phase.count > 0) void run('keep'); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title="Выход" aside={<span className="dialog-hint"><Keycap keys={keysFor('sign-out', 'close')} /> остаться</span>}
      onClose={close} className="sign-out-dialog">
      <div data-autofocus tabIndex={-1} className="sign-out-body" aria-live="polite">
        {phase.kind === 'working' ? <p>Отправляю решения на сервер и удаляю данные обращений с этого компьютера…</p> : null}
        {phase.kind === 'offline' ? (
          <p role="alert" data-testid="sign-out-offline">Нет связи с сервером: войти снова можно будет, только когда связь
            вернётся, а данные обращений с этого компьютера будут удалены. Остаться — работа продолжается без связи,
            решения уйдут на сервер позже.</p>
        ) : null}
        {phase.kind === 'unsent' ? (
          <>
            {phase.count > 0 ? (
              <p role="alert"><strong>{phase.count} {pluralRu(phase.count, DECISION_FORMS)}</strong> не удалось отправить на сервер
                (нет связи или сервер отказал).</p>
            ) : null}
            {phase.conflicts > 0 ? (
              <p role="alert" data-testid="sign-out-conflicts"><strong>{conflictsPhrase(phase.conflicts)}</strong>: сервер
                не принял эти решения. Разберите их в разделе «Конфликты» ({keysFor('sign-out', 'close')} — остаться).</p>
            ) : null}
            {phase.exports.count > 0 ? (
              <p role="alert" data-testid="sign-out-exports"><strong>{countRu(phase.exports.count, EXPORT_FORMS)}</strong> в папке
                {' '}<span className="sign-out-folder">{phase.exports.folder}</span>{' '}
                {pluralRu(phase.exports.count, WILL_BE_DELETED_F_FORMS)} при выходе: выгрузки содержат тексты обращений. Нужное скопируйте
                оттуда до выхода ({keysFor('sign-out', 'close')} — остаться).</p>
            ) : null}
            {phase.count > 0 ? (
              <p data-testid="sign-out-keep">Можно выйти, оставив {referRu(phase.count, IT_FORMS)} в очереди под вашим
                именем: {referRu(phase.count, THEY_FORMS)} {referRu(phase.count, GO_FORMS)} на сервер от вашего имени, пока ваш сеанс действует, или после
                вашего следующего входа на этом компьютере. Следующий оператор {referRu(phase.count, IT_FORMS)} увидит,
                но не сможет отправить от своего имени.</p>
            ) : null}
            <p>При выходе данные обращений удаляются с этого компьютера.
              {phase.count > 0 ? ` Выход с удалением (${keysFor('sign-out', 'discard-unsent')}) потеряет неотправленные решения.` : ''}
              {phase.conflicts > 0 ? ' Непросмотренные конфликты будут потеряны.' : ''}</p>
          </>
        ) : null}
        {phase.kind === 'failed' ? <p role="alert">Не удалось выйти: {phase.message}</p> : null}
      </div>
      {phase.kind === 'working' ? null : (
        <p className="dialog-footer">
          {/* With only conflicts left nothing is sent: the key looks again whether they are looked at. */}
          <Keycap keys={keysFor('sign-out', 'confirm')} />
          {phase.kind === 'offline' ? ' всё равно выйти'
            : phase.kind === 'unsent' && phase.count === 0 ? ' проверить ещё раз' : ' попробовать ещё раз'} ·{' '}
          {phase.kind === 'unsent'
            ? <><Keycap keys={keysFor('sign-out', 'discard-unsent')} /> выйти и удалить {discardedWords(phase)} · </>
            : null}
          {phase.kind === 'unsent' && phase.count > 0
            ? <><Keycap keys={keysFor('sign-out', 'keep-unsent')} /> выйти, оставив решения в очереди · </>
            : null}
          <Keycap keys={keysFor('sign-out', 'close')} /> остаться
        </p>
      )}
    </Dialog>
  );
}
