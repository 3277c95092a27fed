// The page side of window.desk, shared by the Electron preload (IPC) and the test harness bridge (HTTP + SSE):
// the event names, the listener registry behind `on`, and the answer when the core cannot be reached.
// No zod here: both bundles stay small and load before the app.
import type { DeskEvent, DeskResult } from './contract.js';

// Literal, and checked against the contract at compile time so neither transport can drift from it.
export const DESK_EVENT_NAMES = ['appeals.changed', 'sync.status', 'sync.conflict', 'session.changed', 'reports.progress',
  'suggestions.changed', 'team.changed', 'favorites.changed', 'desk.link'] as const satisfies readonly DeskEvent[];
type MissingEvent = Exclude<DeskEvent, (typeof DESK_EVENT_NAMES)[number]>;
const everyEventListed: [MissingEvent] extends [never] ? true : never = true;
void everyEventListed;

const knownEvents: ReadonlySet<string> = new Set(DESK_EVENT_NAMES);

export interface ListenerRegistry {
  /** `desk.on`: unknown events and non-functions get a no-op unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Delivers one event; a listener that throws cannot stop the others. */
  emit(event: string, payload: unknown): void;
}

export function createListenerRegistry(): ListenerRegistry {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    on(event, listener) {
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
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          console.error(`desk event listener for ${event} failed`, error);
        }
      }
    },
  };
}

export function coreUnreachable(error: unknown): DeskResult<never> {
  return {
    ok: false,
    error: { code: 'internal', message: `Нет связи с рабочей частью программы (для ИТ: ${error instanceof Error ? error.message : String(error)})` },
  };
}
