// Puts window.desk = {call, on} into the page through contextBridge, and nothing else. Sandboxed
// preloads cannot load modules: the build inlines the shared page-side pieces (no zod, no main-process code).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskBridge, DeskResult } from '../../shared/desk-api/contract.js';
import { coreUnreachable, createListenerRegistry } from '../../shared/desk-api/bridge-events.js';

// Must match electron/main/ipc.ts; kept literal here so the preload does not bundle main-process code.
const DESK_CALL_CHANNEL = 'desk:call';
const DESK_EVENT_CHANNEL = 'desk:event';

const events = createListenerRegistry();

// One IPC listener for all subscriptions; the raw IpcRendererEvent never reaches the page.
ipcRenderer.on(DESK_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name === 'string') events.emit(name, payload);
});

const desk: DeskBridge = {
  async call(method: string, input: unknown): Promise<DeskResult<unknown>> {
    try {
      return (await ipcRenderer.invoke(DESK_CALL_CHANNEL, method, input)) as DeskResult<unknown>;
    } catch (error) {
      return coreUnreachable(error);
    }
  },
  on: (event, listener) => events.on(event, listener),
};

contextBridge.exposeInMainWorld('desk', desk);
