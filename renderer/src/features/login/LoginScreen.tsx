// Sign-in: login and password; the core's Russian error (wrong password, server unreachable) in an alert.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SyncStatus } from '../../../../shared/desk-api/contract.js';
import { useDeskStore } from '../../store/desk-store.js';
import { GO_FORMS, IT_FORMS, IT_WAITS_FORMS, referRu, THEY_FORMS } from '../../../../shared/text/plural-ru.js';
import { handoverWaitingText } from '../sync/sync-status-text.js';

const NO_WAITING: NonNullable<SyncStatus['waiting']> = [];

export function LoginScreen() {
  const busy = useDeskStore((s) => s.loginBusy);
  const error = useDeskStore((s) => s.loginError);
  const apiUrl = useDeskStore((s) => s.session?.apiUrl ?? '');
  const login = useDeskStore((s) => s.login);
  // Shift handover: the previous operator's decisions still queued on this computer, told before anyone signs in.
  // (A constant for «none»: a fresh [] per call would be a new snapshot every render, and React would loop.)
  const waiting = useDeskStore((s) => s.syncStatus?.waiting ?? NO_WAITING);
  // How many in all, for the words that refer back to them (one: «его … оно не уйдёт»).
  const waitingCount = waiting.reduce((sum, w) => sum + w.count, 0);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  // The fields are disabled while signing in, which drops focus; after a refusal put it back on the password.
  useEffect(() => {
    if (error !== null && !busy) passwordRef.current?.select();
  }, [error, busy]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (name.trim() === '' || password === '' || busy) return;
    void login(name.trim(), password);
  };

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" noValidate>
        <div className="brand-mark large" aria-hidden="true">ЦУР</div>
        <h1 id="login-title">ЦУР · Разбор обращений</h1>
        <p className="muted">Центр управления регионом · Новосибирская область</p>
        <label className="field">
          <span>Логин</span>
          <input name="login" autoComplete="username" autoFocus value={name} onChange={(e) => setName(e.target.value)}
            disabled={busy} required />
        </label>
        <label className="field">
          <span>Пароль</span>
          <input ref={passwordRef} name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} disabled={busy} required />
        </label>
        {error ? <p role="alert" className="login-error">{error}</p> : null}
        <button type="submit" className="btn btn-primary btn-wide" disabled={busy || name.trim() === '' || password === ''}>
          {busy ? 'Вход…' : 'Войти'}
        </button>
        {waiting.length > 0 ? (
          <p className="login-handover" data-testid="handover-waiting" role="status">
            На этом компьютере {referRu(waitingCount, IT_WAITS_FORMS)}: {handoverWaitingText(waiting)}. Ваш вход
            {' '}{referRu(waitingCount, IT_FORMS)} не отменит, и от вашего имени {referRu(waitingCount, THEY_FORMS)} не
            {' '}{referRu(waitingCount, GO_FORMS)}.
          </p>
        ) : null}
        {apiUrl ? <p className="login-server muted">Сервер: {apiUrl}</p> : null}
      </form>
    </main>
  );
}
