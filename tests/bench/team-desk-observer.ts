// Watches one desk core for the team bench, the way its UI would see it: which appeals its inbox lists (and the
// moment each one stops being listed), what colleagues hold according to its `team.changed` events (and the moment
// each hold first shows), and the conflicts it reports. Works on any {call, on}: a core in this process or in a child.
import type { DeskInput, DeskMethod, DeskOutput, DeskResult } from '../../shared/desk-api/contract.js';
import type { TeamView } from '../../shared/desk-api/team-contract.js';
import type { DeskLog } from './team-types.js';

export interface CoreLike {
  call(method: string, input: unknown): Promise<DeskResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export class DeskCallError extends Error {
  constructor(readonly method: string, readonly code: string, message: string) {
    super(`${method}: ${code}: ${message}`);
  }
}

/** A desk call that throws on `{ok:false}`. */
export async function deskCall<M extends DeskMethod>(core: CoreLike, method: M, input: DeskInput<M>): Promise<DeskOutput<M>> {
  const result = await core.call(method, input);
  if (!result.ok) throw new DeskCallError(method, result.error.code, result.error.message);
  return result.value as DeskOutput<M>;
}

/** Up to this many changed ids are checked one by one (appeals.get), as the renderer patches them; more: a full list. */
const MAX_CHECKED_IDS = 40;

export class DeskObserver {
  /** Appeals this desk now lists as waiting (its local view, pending decisions applied). */
  readonly waiting = new Set<string>();
  private readonly everListed = new Set<string>();
  private readonly seenHolds = new Set<string>();
  private view: TeamView | null = null;
  private liveState = 'off';
  private chain: Promise<void> = Promise.resolve();
  private wakers: (() => void)[] = [];
  private readonly offs: (() => void)[] = [];

  constructor(private readonly core: CoreLike, private readonly log: DeskLog) {}

  async start(): Promise<void> {
    this.offs.push(
      this.core.on('team.changed', (payload) => this.applyTeam(payload as TeamView, Date.now())),
      this.core.on('sync.status', (payload) => {
        this.liveState = (payload as { live?: string }).live ?? this.liveState;
      }),
      this.core.on('appeals.changed', (payload) => {
        const at = Date.now();
        const ids = (payload as { ids: string[] }).ids;
        this.chain = this.chain.then(() => this.appealsChanged(ids, at)).catch((error: unknown) => {
          this.log.notes.push(`observer: ${error instanceof Error ? error.message : String(error)}`);
        });
        this.wake();
      }),
      this.core.on('sync.conflict', (payload) => {
        const conflict = payload as { appealId: string; server: { routedBy: { id: string } | null } };
        this.log.conflicts.push({ appealId: conflict.appealId, at: Date.now(), serverRoutedBy: conflict.server.routedBy?.id ?? null });
      }),
    );
    await this.reloadAll(Date.now());
    await this.refreshTeam();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
    this.wake();
  }

  /** What colleagues hold now, as this desk knows it. */
  heldByOthers(): TeamView['heldByOthers'] {
    return this.view?.heldByOthers ?? {};
  }

  live(): string {
    return this.liveState;
  }

  /** Asks the core for its team view now (e.g. right after a hold answer, which carries the server's snapshot). */
  async refreshTeam(): Promise<void> {
    this.applyTeam(await deskCall(this.core, 'team.get', {}), Date.now());
  }

  /** The changed-appeal checks queued so far have been applied. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Resolves at the next appeals.changed or team.changed event, or after `timeoutMs`. */
  nextChange(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      const waker = (): void => done();
      this.wakers.push(waker);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Every appeal this desk listed at some moment. */
  listed(): string[] {
    return [...this.everListed];
  }

  private wake(): void {
    for (const waker of this.wakers.splice(0)) waker();
  }

  private applyTeam(view: TeamView, at: number): void {
    this.view = view;
    for (const [appealId, by] of Object.entries(view.heldByOthers)) {
      const key = `${by.id}\n${appealId}\n${by.since}`;
      if (this.seenHolds.has(key)) continue;
      this.seenHolds.add(key);
      this.log.holdSeen.push({ appealId, holderId: by.id, since: by.since, at });
    }
    this.wake();
  }

  private async appealsChanged(ids: readonly string[], at: number): Promise<void> {
    if (ids.length === 0 || ids.length > MAX_CHECKED_IDS) return this.reloadAll(at);
    for (const id of ids) {
      const result = await this.core.call('appeals.get', { id });
      const waiting = result.ok && (result.value as { appeal: { status: string } }).appeal.status === 'new';
      if (!result.ok && result.error.code !== 'not_found') return this.reloadAll(at);
      this.mark(id, waiting, at);
    }
    return undefined;
  }

  private async reloadAll(at: number): Promise<void> {
    const { rows } = await deskCall(this.core, 'inbox.list', {});
    const now = new Set(rows.map((row) => row.id));
    for (const id of [...this.waiting]) if (!now.has(id)) this.mark(id, false, at);
    for (const id of now) this.mark(id, true, at);
  }

  private mark(id: string, waiting: boolean, at: number): void {
    if (waiting) {
      if (!this.waiting.has(id)) {
        this.waiting.add(id);
        if (!this.everListed.has(id)) {
          this.everListed.add(id);
          this.log.listed.push(id);
        }
      }
    } else if (this.waiting.delete(id)) {
      this.log.gone.push({ appealId: id, at });
    }
  }
}
