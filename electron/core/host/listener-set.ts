// The desk events' listeners on the host side, by event name: the core client's and the supervisor's, which both hand
// a core's events on to the window. A listener that throws is logged by its error's name and the others still hear.
export interface ListenerSet {
  /** Adds a listener; returns its removal. */
  add(event: string, listener: (payload: unknown) => void): () => void;
  deliver(event: string, payload: unknown): void;
  /** Whether any listener was ever added for the event (a removal leaves the event known). */
  knows(event: string): boolean;
  events(): string[];
  clear(): void;
}

export function createListenerSet(log: (line: string) => void, who: string): ListenerSet {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    add(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    deliver(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          log(`${who}: a ${event} listener threw: ${error instanceof Error ? error.name : 'error'}`);
        }
      }
    },
    knows: (event) => listeners.has(event),
    events: () => [...listeners.keys()],
    clear: () => listeners.clear(),
  };
}
