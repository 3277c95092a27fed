// One simulated operator of the team bench on a headless desk core, doing what the renderer does for a person: the
// list is the core's inbox order arranged for team mode (held by colleagues after the free ones), the selection is
// the first free row (after a decision: the free row that moved into its place), the desk holds the selection, a
// `taken`/`decided` answer moves it on to the next free row; on `mine` (or `offline`) the operator reads the appeal
// for a random 5–20 s and routes it. A read whose appeal left the inbox meanwhile is recorded as `gone` (wasted).
import { arrangeInbox, firstFree, nextFreeSelection } from '../../shared/team/inbox-arrangement.js';
export { seededRandom } from '../harness/seeded-random.js';
import { deskCall, DeskCallError, type CoreLike, type DeskObserver } from './team-desk-observer.js';
import type { DeskLog, ReadTiming } from './team-types.js';

export interface SimulatedOperatorOptions {
  core: CoreLike;
  observer: DeskObserver;
  log: DeskLog;
  read: ReadTiming;
  order: 'newest' | 'urgency';
  random: () => number;
  /** Resolves when the scenario ends (reads in progress are abandoned). */
  stopped: Promise<void>;
}

/**
 * Reading times, uniform over [min, max] and stratified: the golden-ratio sequence from a random start, so that even
 * the dozen reads of a short solo run average (min + max) / 2 — team efficiency compares two rates, and plain random
 * draws would let one lucky run of short reads decide the ratio.
 */
export function readingTimes(timing: ReadTiming, random: () => number): () => number {
  let phase = random();
  return () => {
    phase = (phase + 0.618_033_988_749_895) % 1;
    return timing.minMs + phase * (timing.maxMs - timing.minMs);
  };
}

export async function runSimulatedOperator(o: SimulatedOperatorOptions): Promise<void> {
  const { core, observer, log } = o;
  let stop = false;
  void o.stopped.then(() => { stop = true; });
  const stoppedOr = <T>(promise: Promise<T>): Promise<T | 'stopped'> =>
    Promise.race([promise, o.stopped.then(() => 'stopped' as const)]);

  const nextReadMs = readingTimes(o.read, o.random);
  const { targets } = await deskCall(core, 'targets.list', {});
  if (targets.length === 0) throw new Error('no routing targets on the desk');
  // Appeals the server answered `decided` for (a colleague's decision this desk has not pulled yet): skipped like held.
  const knownDecided = new Set<string>();
  let nextIndex: number | null = null;
  let holding: string | null = null;

  while (!stop) {
    const { ids, clusters } = await deskCall(core, 'inbox.ids', { order: o.order });
    const held = observer.heldByOthers();
    for (const id of knownDecided) if (!observer.waiting.has(id)) knownDecided.delete(id);
    const isHeld = (id: string): boolean => held[id] !== undefined || knownDecided.has(id);
    const list = arrangeInbox(ids, isHeld, Object.keys(held).length + knownDecided.size);
    const pick = nextIndex !== null ? nextFreeSelection(list, nextIndex, isHeld) : firstFree(list, isHeld);
    nextIndex = null;
    if (pick === null) {
      // Nothing waiting: an idle operator watches the list.
      if (holding !== null) {
        await deskCall(core, 'team.hold', { appealId: null });
        holding = null;
      }
      await stoppedOr(observer.nextChange(2_000));
      continue;
    }
    const index = list.indexOf(pick);
    if (isHeld(pick)) {
      // Everything is held by colleagues: the desk shows that row (and asks for it, as a selection does), the
      // operator does not read it and waits for the list to change.
      if (holding !== pick) {
        holding = pick;
        const answer = await deskCall(core, 'team.hold', { appealId: pick });
        log.holds.push({ appealId: pick, at: Date.now(), state: answer.state, reason: 'idle',
          ...(answer.holder ? { holderId: answer.holder.id } : {}) });
        if (answer.state === 'decided') knownDecided.add(pick);
        if (answer.state === 'mine' || answer.state === 'offline') {
          // Free after all (the holder moved on): the next turn selects it as a free row and reads it.
          await observer.refreshTeam();
          continue;
        }
      }
      await stoppedOr(observer.nextChange(2_000));
      continue;
    }

    holding = pick;
    const answer = await deskCall(core, 'team.hold', { appealId: pick });
    log.holds.push({ appealId: pick, at: Date.now(), state: answer.state, reason: 'auto',
      ...(answer.holder ? { holderId: answer.holder.id } : {}) });
    if (answer.state === 'taken' || answer.state === 'decided' || answer.state === 'superseded') {
      if (answer.state === 'decided') knownDecided.add(pick);
      // The hold answer carried the server's team snapshot: the arrangement moves the taken row behind the free ones.
      await observer.refreshTeam();
      nextIndex = index;
      continue;
    }
    if (answer.state === 'released') continue;

    // mine (or offline: advice only, the operator reads on): read it.
    const startedAt = Date.now();
    const readMs = nextReadMs();
    const outcome = await stoppedOr(new Promise<void>((resolve) => setTimeout(resolve, readMs)));
    if (outcome === 'stopped') {
      log.abandoned += 1;
      break;
    }
    // Before the key: is it still in this desk's inbox? (A colleague's decision pulled meanwhile takes it out.)
    await observer.settled();
    const local = await core.call('appeals.get', { id: pick });
    const stillWaiting = local.ok && (local.value as { appeal: { status: string } }).appeal.status === 'new';
    if (!stillWaiting) {
      log.reads.push({ appealId: pick, hold: answer.state, startedAt, endedAt: Date.now(), outcome: 'gone', decidedIds: [], index });
      nextIndex = index;
      continue;
    }
    const target = targets[Math.floor(o.random() * targets.length)] ?? targets[0];
    if (!target) throw new Error('no routing target');
    const decision = { type: 'route' as const, targetId: target.id };
    let decidedIds: string[] = [];
    let refused = false;
    try {
      if (clusters?.[pick]) {
        const result = await deskCall(core, 'clusters.decide', { appealId: pick, decision });
        decidedIds = result.acks.map((ack) => ack.appealId);
        refused = decidedIds.length === 0;
      } else {
        const ack = await deskCall(core, 'appeals.route', { appealId: pick, targetId: target.id });
        decidedIds = [ack.appealId];
      }
    } catch (error) {
      if (!(error instanceof DeskCallError)) throw error;
      log.notes.push(`route ${pick}: ${error.message}`);
      refused = true;
    }
    log.reads.push({ appealId: pick, hold: answer.state, startedAt, endedAt: Date.now(), outcome: refused ? 'refused' : 'routed',
      decidedIds, index });
    nextIndex = index;
  }
  if (holding !== null) await core.call('team.hold', { appealId: null });
}
