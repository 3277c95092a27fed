// The one IPC choke point: 'desk:call' is checked (sender frame, method) and handed to the core;
// every desk event the core emits goes to the window on 'desk:event'. Nothing else crosses IPC.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { DESK_EVENTS, type DeskResult } from '../../shared/desk-api/contract.js';
import { checkDeskCall, type IpcSenderFacts } from './ipc-guard.js';
import { offerSaveAs } from './save-export.js';

export const DESK_CALL_CHANNEL = 'desk:call';
export const DESK_EVENT_CHANNEL = 'desk:event';

/** The part of DeskCore this module needs. */
export interface DeskCoreCalls {
  call(method: string, input: unknown): Promise<DeskResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow): IpcSenderFacts {
  const frame = event.senderFrame;
  const fromMainWindow = !window.isDestroyed() && event.sender === window.webContents;
  const top = fromMainWindow ? window.webContents.mainFrame : null;
  return {
    fromMainWindow,
    fromTopFrame: frame !== null && top !== null && frame.parent === null &&
      frame.processId === top.processId && frame.frameToken === top.frameToken,
    frameUrl: frame?.url ?? null,
  };
}

/**
 * Wires the window to the core. The core may still be starting (demo server, sign-in): calls wait for it,
 * and a core that failed to start answers every call with its error instead of hanging the UI.
 * Returns a function that removes the handler and the event subscriptions.
 */
export function registerDeskIpc(window: BrowserWindow, core: Promise<DeskCoreCalls>,
  refuse: (method: string) => string | null = () => null): () => void {
  const unsubscribers: Array<() => void> = [];
  let disposed = false;

  ipcMain.handle(DESK_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<DeskResult<unknown>> => {
    const check = checkDeskCall(senderFacts(event, window), method);
    if (!check.ok) return check;
    // The machine policy may lock a setting (favourites): the call is refused here, before the core.
    const refusal = refuse(check.method);
    if (refusal !== null) return { ok: false, error: { code: 'forbidden', message: refusal } };
    try {
      const result = await (await core).call(check.method, input);
      // Reports are written by the core into the data folder; the lead then picks where to keep them.
      return check.method === 'reports.export' ? await offerSaveAs(window, result) : result;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `Внутренняя ошибка приложения: ${errorText(error)}` } };
    }
  });

  core.then((ready) => {
    if (disposed) return;
    for (const name of Object.keys(DESK_EVENTS)) {
      unsubscribers.push(ready.on(name, (payload) => {
        if (!window.isDestroyed()) window.webContents.send(DESK_EVENT_CHANNEL, name, payload);
      }));
    }
  }, () => {
    // Start-up failure is reported through every call's result; nothing to subscribe to.
  });

  return () => {
    disposed = true;
    ipcMain.removeHandler(DESK_CALL_CHANNEL);
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
