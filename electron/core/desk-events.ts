// The typed push-event hub of the desk API: every payload is checked against DESK_EVENTS before listeners see it,
// and a throwing listener cannot break the sync engine. Before `appeals.changed` reaches any listener, the
// after-change pipeline (after-change.ts: deadlines, clusters, suggestions) runs, whoever announced the change.
import {
  DESK_EVENTS,
  isDeskEvent,
  type DeskEvent,
  type DeskEventPayload,
} from '../../shared/desk-api/contract.js';

type Listener = (payload: unknown) => void;

export class DeskEventHub {
  private readonly listeners = new Map<DeskEvent, Set<Listener>>();
  private readonly log: (line: string) => void;
  private readonly beforeAppealsChanged: () => void;

  constructor(log: (line: string) => void, beforeAppealsChanged: () => void = () => undefined) {
    this.log = log;
    this.beforeAppealsChanged = beforeAppealsChanged;
  }

  on(event: string, listener: Listener): () => void {
    if (!isDeskEvent(event)) {
      this.log(`events: subscription to unknown event ${JSON.stringify(event.slice(0, 50))} ignored`);
      return () => undefined;
    }
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  emit<E extends DeskEvent>(event: E, payload: DeskEventPayload<E>): void {
    const parsed = DESK_EVENTS[event].safeParse(payload);
    if (!parsed.success) {
      this.log(`events: ${event} payload off-contract, not sent: ${parsed.error.issues[0]?.message ?? ''}`);
      return;
    }
    if (event === 'appeals.changed') this.beforeAppealsChanged();
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        listener(parsed.data);
      } catch (error) {
        this.log(`events: a ${event} listener threw: ${error instanceof Error ? error.name : 'error'}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
