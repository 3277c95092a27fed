// The desk's one team hold (#9): the appeal its operator is reading, asked of the core (`team.hold`) for the section
// on screen — the inbox's selection (inbox-slice.ts) or a search result's (features/search/search-hold.ts). The two
// had a requester each, and drifted (second read): one waited for the frame, one did not; a release from the section
// just left could land after the other's ask and clear it. One requester now: the newest intent wins whichever section
// made it, and a section lets go only of a hold it asked for. Advice only: nothing here stands in a decision's way.
import type { HeldBy, HoldOutcome } from '../../../shared/desk-api/team-contract.js';
import { afterPaint } from '../app/after-paint.js';
import { deskCall } from '../desk-client.js';

/**
 * How long a selection must stay before its hold is asked for: longer than a held key's repeat interval (≈ 33 ms),
 * far below what a colleague could notice (a hold shows on other desks within a second).
 */
export const HOLD_REST_MS = 120;

export type HoldSection = 'inbox' | 'search';

/** A section's own hold as it shows it: `pending` from the ask until the core answers. */
export interface SelectionHold { id: string; state: 'pending' | HoldOutcome['state']; holder?: HeldBy }

/** What the section asking gives the requester for one selection. */
export interface HoldAsk {
  /**
   * Resolves once a decision made in this section is back: the core holds the decided appeal as pending from then on,
   * so the hold that follows it is asked only then — never free on the server between the key and the push.
   */
  settled(): Promise<unknown>;
  /** Shows the hold on the section's selection (`pending`, then the answer). */
  show(hold: SelectionHold): void;
  /** Still the section's selection once the answer comes (the inbox moves on by itself: a colleague got there). */
  current(): boolean;
  /** The core's answer, once shown, while this is still the newest intent (not for «superseded»). */
  answered?(outcome: HoldOutcome): void;
}

interface Intent { section: HoldSection; id: string | null }

let seq = 0;
let intent: Intent | null = null;
/**
 * Whose hold the core has from here: the section that last sent one. «unknown» at the page's start: a reloaded page's
 * core may still hold what the page before it asked, so the first release is sent whichever section makes it.
 */
let sentBy: HoldSection | 'unknown' | null = 'unknown';
// The one rest timer: each selection restarts it, so a held ↓ keeps one alive, not one per key passed.
let restTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Hold `id` for `section` once it has rested HOLD_REST_MS after its frame: a key held down (30 presses a second)
 * passes rows nobody reads, and asking for each would be a core call, a request to the central API and a repaint per
 * key — CPU taken from the next key's frame on a two-core office PC, for holds released before a colleague could see
 * them. The newest call wins: an earlier one still waiting is dropped, its answer too.
 */
export async function holdFor(section: HoldSection, id: string, ask: HoldAsk): Promise<void> {
  const mine = ++seq;
  intent = { section, id };
  clearTimeout(restTimer);
  await ask.settled();
  await afterPaint();
  if (mine !== seq) return;
  clearTimeout(restTimer);
  restTimer = setTimeout(() => { void send(mine, section, id, ask); }, HOLD_REST_MS);
}

async function send(mine: number, section: HoldSection, id: string, ask: HoldAsk): Promise<void> {
  if (mine !== seq) return;
  sentBy = section;
  ask.show({ id, state: 'pending' });
  const result = await deskCall('team.hold', { appealId: id });
  if (mine !== seq || !ask.current()) return;
  if (!result.ok) {
    ask.show({ id, state: 'offline' });
    return;
  }
  const outcome = result.value;
  if (outcome.state === 'superseded') return;
  ask.show({ id, state: outcome.state, ...(outcome.holder ? { holder: outcome.holder } : {}) });
  ask.answered?.(outcome);
}

/**
 * `section` holds nothing now (Esc, another section, nobody at the keyboard). Only while its intent is the newest: a
 * release from the section just left, after the one on screen asked, would clear that one's hold. Sent once `settled` resolves (a decision made
 * there is back, and pending in the core), unless a newer intent came meanwhile.
 */
export async function releaseFor(section: HoldSection, settled: () => Promise<unknown> = () => Promise.resolve()):
  Promise<void> {
  if (intent !== null && intent.section !== section) return;
  const mine = ++seq;
  intent = { section, id: null };
  clearTimeout(restTimer);
  // The newest intent was this section's: whatever the desk holds now is unwanted, whichever section sent it. (Only
  // its own, it stranded the inbox's hold: Ctrl+2 asks the search's before the inbox lets go, so the inbox's release
  // is ignored above; the search's ask withdrawn within the rest then released nothing — second read.)
  if (sentBy === null) return;
  await settled();
  if (mine !== seq) return;
  sentBy = null;
  void deskCall('team.hold', { appealId: null });
}

/**
 * Another person (or nobody) now: what is asked or on its way from here is dropped. Whose hold the core has is not
 * known any more (signed out, it dropped them all; a reloaded page's own sign-in may find the old one still held), so
 * the next release is sent whichever section makes it.
 */
export function forgetHolds(): void {
  seq++;
  intent = null;
  sentBy = 'unknown';
  clearTimeout(restTimer);
}

/**
 * A new desk core took over after a crash (core-supervisor.ts): it holds nothing, so colleagues would not see what this
 * desk reads until the operator moved. The hold last asked for, if any, is asked again (its answer is advice, as ever).
 */
export function reassertHold(): void {
  if (!intent?.id || sentBy === null) return;
  void deskCall('team.hold', { appealId: intent.id });
}
