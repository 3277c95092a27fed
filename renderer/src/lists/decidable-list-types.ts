// The shapes a decidable list shares with the stores that hold one (types only, so the store types and the controller
// can both use them without importing each other).
import type { LocalAppeal } from '../../../shared/desk-api/contract.js';
import type { Decision } from '../../../shared/domain/appeal.js';

/** The selected appeal as the detail pane shows it. */
export type DetailState =
  | { id: string; phase: 'loading' }
  | { id: string; phase: 'ready'; local: LocalAppeal }
  | { id: string; phase: 'failed'; message: string };

/**
 * How a decision was made: by a key, or by choosing in a dialog. A decision on an appeal a colleague reads asks for
 * the same again (hold-confirmation.ts) in the words of that way: «the same key» meant nothing once a dialog had closed.
 */
export type DecideVia = 'key' | 'dialog';

/** What every decidable list offers its grid, its detail pane and its keys. */
export interface DecidableList {
  selectedId: string | null;
  detail: DetailState | null;
  /** Select as the operator (a click, a key). */
  select(id: string | null): void;
  moveBy(delta: number): void;
  selectEdge(edge: 'first' | 'last'): void;
  /** Decide the selected appeal; `via` a dialog (the target picker, the reasons) or a key (the default). */
  decide(decision: Decision, via?: DecideVia): Promise<void>;
  /** Take back this desk's last decision (the core knows which one). */
  undo(): Promise<void>;
}
