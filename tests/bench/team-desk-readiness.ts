// Shared steps of a team bench desk (headless or renderer-driven) around its scenario: wait for the first sync and
// the live channel before the start, and after the stop wait until every decision has reached the server.
import { deskCall, type CoreLike } from './team-desk-observer.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Signed in, first sync done with `expectWaiting` appeals in the inbox, live channel up (or given up on after 20 s). */
export async function waitDeskReady(core: CoreLike, expectWaiting: number, notes: string[]): Promise<{ waiting: number; live: string }> {
  const deadline = Date.now() + 240_000;
  let waiting: number;
  for (;;) {
    const status = await deskCall(core, 'sync.status', {});
    waiting = (await deskCall(core, 'inbox.list', { limit: 1 })).total;
    if (status.lastSyncAt !== null && status.pending === 0 && waiting >= expectWaiting) break;
    if (Date.now() > deadline) throw new Error(`first sync not done: ${waiting}/${expectWaiting} waiting, state ${status.state}`);
    await sleep(250);
  }
  const liveDeadline = Date.now() + 20_000;
  let live = (await deskCall(core, 'sync.status', {})).live ?? 'off';
  while (live !== 'connected' && Date.now() < liveDeadline) {
    await sleep(250);
    live = (await deskCall(core, 'sync.status', {})).live ?? 'off';
  }
  if (live !== 'connected') notes.push(`live channel not connected at start (${live})`);
  return { waiting, live };
}

/** Every decision of this desk acknowledged by the server (the undo grace has passed and the push answered). */
export async function waitDeskDrained(core: CoreLike, notes: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await deskCall(core, 'sync.status', {});
    if (status.pending === 0) return;
    if (Date.now() > deadline) {
      notes.push(`drain: ${status.pending} decisions still unsent after 60 s (${status.state}, ${status.lastError ?? 'no error'})`);
      return;
    }
    await sleep(200);
  }
}
