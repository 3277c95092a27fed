// Desk API of the session: who is signed in, signing in and signing out. Spread into DESK_METHODS / DESK_EVENTS in
// contract.ts.
import { z } from 'zod';
import { User } from '../domain/user.js';
import { EmptyInput, type MethodTable } from './method-table.js';

export const Session = z.object({
  user: User.nullable(), apiUrl: z.string(), demo: z.boolean(),
  /** The centre's clock, minutes east of UTC (the working calendar's offset, deadlines.json may set it): the one offset
   * the desk's days, filters, statistics and displayed times use (shared/domain/day-bounds.ts). */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
});
export type Session = z.infer<typeof Session>;

export const SESSION_METHODS = {
  'session.get': { input: EmptyInput, output: Session },
  'session.login': {
    input: z.object({ login: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
    output: Session,
  },
  /**
   * Sign out and wipe this machine's citizen data once unsent decisions are sent. With the leaving operator's
   * decisions still unsent (or conflicts not looked at, or exports in the data folder) 'ask' reports them, 'discard'
   * drops them, 'keep' leaves the decisions queued under their name, sent under their own session once possible
   * (shift handover).
   */
  'session.signOut': {
    input: z.object({ unsent: z.enum(['ask', 'discard', 'keep']).default('ask') }).strict(),
    output: z.object({ outcome: z.enum(['signed-out', 'unsent']), unsent: z.number().int().nonnegative(),
      /** Conflicts not yet looked at (some may come from the sign-out flush itself); they stop 'ask' too. */
      conflicts: z.number().int().nonnegative(),
      /**
       * Report files in the data folder's exports, which the sign-out deletes (they hold citizen text): the only copy
       * of one the lead did not save elsewhere (the browser workstation, a save dialog cancelled). They stop 'ask'.
       */
      exports: z.object({ count: z.number().int().nonnegative(), folder: z.string() }),
      session: Session }),
  },
} as const satisfies MethodTable;

/**
 * The window's link to the desk's core, said by what carries it, never by the core: the core client when the core's
 * process ends unasked (Electron's utility process crashed; electron/core/host/core-client.ts), the harness bridge
 * when the browser workstation's process is gone (tests/harness/desk-bridge.ts). Decisions made before are safe in
 * SQLite; the page says so and asks for a restart instead of looking «В сети» while nothing answers. Where a
 * supervisor restarts the core (electron/core/host/core-supervisor.ts), `restarting` says one is on its way, and
 * {connected: true} that it is back: the page then reloads what it shows.
 */
export const DeskLink = z.object({ connected: z.boolean(), restarting: z.boolean().optional() });
export type DeskLink = z.infer<typeof DeskLink>;

export const SESSION_EVENTS = {
  'session.changed': Session,
  'desk.link': DeskLink,
} as const;
