// The checks every desk:call passes before the core sees it: the sender is the main window's top frame
// loaded from app://, and the method is one the desk API knows. Pure, so it is unit-tested without Electron.
import { isPageMethod, type DeskError, type DeskMethod } from '../../shared/desk-api/contract.js';
import { isAppUrl } from './app-origin.js';

/** What ipc.ts reads off the IPC event, reduced to plain facts. */
export interface IpcSenderFacts {
  /** event.sender is the main window's webContents (not some other window or a webview). */
  fromMainWindow: boolean;
  /** event.senderFrame is that webContents' main frame (not an iframe). */
  fromTopFrame: boolean;
  /** event.senderFrame.url, or null when the frame is gone. */
  frameUrl: string | null;
}

export type DeskCallCheck = { ok: true; method: DeskMethod } | { ok: false; error: DeskError };

export function checkDeskCall(sender: IpcSenderFacts, method: unknown): DeskCallCheck {
  if (!sender.fromMainWindow || !sender.fromTopFrame || !isAppUrl(sender.frameUrl)) {
    return { ok: false, error: { code: 'bad_request', message: 'Запрос отклонён: он пришёл не из окна приложения.' } };
  }
  if (!isPageMethod(method)) {
    return { ok: false, error: { code: 'bad_request', message: 'Неизвестная команда приложения.' } };
  }
  return { ok: true, method };
}
