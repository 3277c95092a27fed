// The one application window: fixed security preferences, shown only when the first paint is ready.
import { app, BrowserWindow, screen } from 'electron';
import { windowSize } from './window-size.js';

export const WINDOW_TITLE = 'ЦУР · Разбор обращений';

export function createMainWindow(preloadPath: string): BrowserWindow {
  // The screen under the pointer is where the operator started it (Electron: screen is usable once the app is ready).
  const size = windowSize(screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea);
  const window = new BrowserWindow({
    x: size.x,
    y: size.y,
    width: size.width,
    height: size.height,
    minWidth: size.minWidth,
    minHeight: size.minHeight,
    title: WINDOW_TITLE,
    backgroundColor: '#f3f4f6',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) would open links past setWindowOpenHandler's checks in some versions.
      disableBlinkFeatures: 'Auxclick',
      // Operators' machines get no DevTools: a pasted snippet there could drive window.desk.
      devTools: !app.isPackaged,
    },
  });
  // The window keeps the product title whatever the page's <title> says.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => {
    if (size.maximize) window.maximize();
    window.show();
  });
  return window;
}
