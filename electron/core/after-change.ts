// What runs after appeals change in the cache, before anyone is told: the renderer reloads its list on
// `appeals.changed`, so deadlines must be filled first (the urgency order and the overdue filter read them), then
// surge clusters (the inbox folds by them), then the suggestion worker woken (it reads the waiting appeals). An
// explicit pipeline in this order — not whatever order the features happened to subscribe to the event in.
export const AFTER_CHANGE_ORDER = ['deadlines', 'clusters', 'suggestions'] as const;
export type AfterChangeStep = (typeof AFTER_CHANGE_ORDER)[number];

export class AfterChangePipeline {
  private readonly steps = new Map<AfterChangeStep, () => void>();

  constructor(private readonly log: (line: string) => void) {}

  /** The feature owning `step` sets it once, when it is created; the order is AFTER_CHANGE_ORDER's. */
  set(step: AfterChangeStep, run: () => void): void {
    this.steps.set(step, run);
  }

  /** Runs every step that is set, in order; a failing step is logged and the next still runs. */
  run(): void {
    for (const name of AFTER_CHANGE_ORDER) {
      const step = this.steps.get(name);
      if (step === undefined) continue;
      try {
        step();
      } catch (error) {
        this.log(`after-change: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
