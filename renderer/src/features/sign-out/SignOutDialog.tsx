// Sign-out (Ctrl+Shift+Q): sends what is unsent, then the core wipes this machine's citizen data. When decisions
// cannot be sent, or conflicts are not yet looked at, the operator chooses: try again (Enter), stay signed in (Esc) or
// sign out and lose them (Shift+Delete).
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';

type Phase = { kind: 'working' } | { kind: 'unsent'; count: number; conflicts: number } | { kind: 'failed'; message: string };

function decisionsWord(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return 'решение';
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'решения';
  return 'решений';
}

/** «1 конфликт не просмотрен», «3 конфликта не просмотрено», «5 конфликтов не просмотрено». */
function conflictsPhrase(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return `${n} конфликт не просмотрен`;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return `${n} конфликта не просмотрено`;
  return `${n} конфликтов не просмотрено`;
}

export function SignOutDialog() {
  const close = useDeskStore((s) => s.closeDialog);
  const applySession = useDeskStore((s) => s.applySession);
  const [phase, setPhase] = useState<Phase>({ kind: 'working' });
  const busy = useRef(false);

  const run = async (unsent: 'ask' | 'discard'): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    setPhase({ kind: 'working' });
    const result = await deskCall('session.signOut', { unsent });
    busy.current = false;
    if (!result.ok) {
      setPhase({ kind: 'failed', message: result.error.message });
    } else if (result.value.outcome === 'unsent') {
      setPhase({ kind: 'unsent', count: result.value.unsent, conflicts: result.value.conflicts });
    } else {
      close();
      applySession(result.value.session);
    }
  };

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void run('ask');
  });

  useShortcutScope('sign-out', true, ({ shortcut }) => {
    if (busy.current) return;
    switch (shortcut.action) {
      case 'confirm': void run('ask'); break;
      case 'discard-unsent': if (phase.kind === 'unsent') void run('discard'); break;
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title="Выход" aside={<span className="dialog-hint"><Keycap keys="Esc" /> остаться</span>}
      onClose={close} className="sign-out-dialog">
      <div data-autofocus tabIndex={-1} className="sign-out-body" aria-live="polite">
        {phase.kind === 'working' ? <p>Отправляю решения на сервер и удаляю данные обращений с этого компьютера…</p> : null}
        {phase.kind === 'unsent' ? (
          <>
            {phase.count > 0 ? (
              <p role="alert"><strong>{phase.count} {decisionsWord(phase.count)}</strong> не удалось отправить на сервер
                (нет связи или сервер отказал).</p>
            ) : null}
            {phase.conflicts > 0 ? (
              <p role="alert" data-testid="sign-out-conflicts"><strong>{conflictsPhrase(phase.conflicts)}</strong>: сервер
                не принял эти решения. Разберите их в разделе «Конфликты» (Esc — остаться).</p>
            ) : null}
            <p>При выходе данные обращений удаляются с этого компьютера.
              {phase.count > 0 ? ' Неотправленные решения будут потеряны.' : ''}
              {phase.conflicts > 0 ? ' Непросмотренные конфликты будут потеряны.' : ''}</p>
          </>
        ) : null}
        {phase.kind === 'failed' ? <p role="alert">Не удалось выйти: {phase.message}</p> : null}
      </div>
      {phase.kind === 'working' ? null : (
        <p className="dialog-footer">
          <Keycap keys={keysFor('sign-out', 'confirm')} /> попробовать ещё раз ·{' '}
          {phase.kind === 'unsent'
            ? <><Keycap keys={keysFor('sign-out', 'discard-unsent')} /> выйти и удалить
              {phase.count > 0 ? ' неотправленные' : ''}{phase.count > 0 && phase.conflicts > 0 ? ' и' : ''}
              {phase.conflicts > 0 ? ' конфликты' : ''} · </>
            : null}
          <Keycap keys="Esc" /> остаться
        </p>
      )}
    </Dialog>
  );
}
