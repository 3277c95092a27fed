// Last line of defence against a blank window: a rendering error shows a Russian message and a way out.
// «Перезагрузить окно» reloads the page in place: the Electron shell blocks every navigation except a reload of the
// app page itself (web-security.ts, isAppReload), and the harness in Chromium reloads as any page does.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State { error: Error | null }

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('renderer crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="fatal">
        <div role="alert" className="fatal-box">
          <h1>Ошибка интерфейса</h1>
          <p>Окно не смогло отобразить данные. Ваши решения сохранены на этом компьютере.</p>
          <p className="muted">{this.state.error.message}</p>
          <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>Перезагрузить окно</button>
        </div>
      </main>
    );
  }
}
