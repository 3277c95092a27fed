// Puts window.desk = {call, on} into the page through contextBridge, and nothing else. Sandboxed
// preloads cannot load modules, so this file only imports electron and types (the build inlines the rest).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskBridge, DeskEvent, DeskResult } from '../../shared/desk-api/contract.js';

// Must match electron/main/ipc.ts; kept literal here so the preload does not bundle main-process code.
const DESK_CALL_CHANNEL = 'desk:call';
const DESK_EVENT_CHANNEL = 'desk:event';

// The event names, checked against the contract at compile time so neither side can drift.
const EVENT_NAMES = ['appeals.changed', 'sync.status', 'sync.conflict', 'session.changed', 'reports.progress', 'suggestions.changed'] as const satisfies
  readonly DeskEvent[];
type MissingEvent = Exclude<DeskEvent, (typeof EVENT_NAMES)[number]>;
const everyEventListed: [MissingEvent] extends [never] ? true : never = true;
void everyEventListed;

const knownEvents: ReadonlySet<string> = new Set(EVENT_NAMES);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

// One IPC listener for all subscriptions; the raw IpcRendererEvent never reaches the page.
ipcRenderer.on(DESK_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`desk event listener for ${name} failed`, error);
    }
  }
});

const desk: DeskBridge = {
  async call(method: string, input: unknown): Promise<DeskResult<unknown>> {
    try {
      return (await ipcRenderer.invoke(DESK_CALL_CHANNEL, method, input)) as DeskResult<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'internal', message: `Нет связи с ядром приложения: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!knownEvents.has(event) || typeof listener !== 'function') return () => {};
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const subscription = (payload: unknown): void => listener(payload);
    set.add(subscription);
    return () => {
      set.delete(subscription);
    };
  },
};

contextBridge.exposeInMainWorld('desk', desk);
