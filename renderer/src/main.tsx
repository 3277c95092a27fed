// Renderer entry: styles, error boundary, React root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { followVeryShortWindow } from './features/inbox/short-window.js';
import './styles/emoji.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/inbox.css';
import './styles/dialogs.css';
import './styles/suggestions.css';
import './styles/clusters.css';
import './styles/team.css';
import './styles/detail.css';

followVeryShortWindow();
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
