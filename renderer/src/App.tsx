// The app shell: connects the store to the core and switches between loading, login and the signed-in shell.
import { useEffect } from 'react';
import { LoginScreen } from './features/login/LoginScreen.js';
import { AppShell } from './app/AppShell.js';
import { connectDesk, useDeskStore } from './store/desk-store.js';

function useMinuteClock(): void {
  const tick = useDeskStore((s) => s.tick);
  useEffect(() => {
    const timer = window.setInterval(() => tick(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, [tick]);
}

export function App() {
  useEffect(() => connectDesk(), []);
  useMinuteClock();
  const phase = useDeskStore((s) => s.sessionPhase);
  const error = useDeskStore((s) => s.sessionError);
  const signedIn = useDeskStore((s) => s.session?.user != null);
  const retry = useDeskStore((s) => s.startSession);

  if (phase === 'loading') {
    return <main className="splash" aria-busy="true"><div className="brand-mark large">ЦУР</div><p className="muted">Запуск…</p></main>;
  }
  if (phase === 'failed') {
    return (
      <main className="splash">
        <div role="alert" className="fatal-box">
          <h1>Не удалось запустить</h1>
          <p>{error}</p>
          <button type="button" className="btn btn-primary" onClick={() => void retry()}>Повторить</button>
        </div>
      </main>
    );
  }
  return signedIn ? <AppShell /> : <LoginScreen />;
}
