// session.signOut: send what is still unsent, then forget the session and wipe the citizen data of this machine.
// With decisions that cannot be sent (offline, refused) or conflicts not yet looked at it asks first unless the
// operator chose to discard them — or to keep them queued under their own name for the desk to send under their
// still-valid session once it can (shift handover). Other operators' queued decisions are never touched.
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Session } from '../../shared/desk-api/contract.js';
import type { LocalCache } from './cache/local-cache.js';
import { wipeCitizenData } from './cache/wipe-citizen-data.js';

export interface SignOutDeps {
  cache: LocalCache;
  clearToken(): void;
  /** Keeps the leaving operator's session to send their queued decisions later (see handover.ts). */
  parkSession(): void;
  /** DELETE /session for the current token; best-effort (sign-out never waits for or depends on it). */
  revokeToken?(): Promise<unknown>;
  /** Pushes the outbox now and resolves once the run is over (any outcome). */
  syncNow(): Promise<unknown>;
  /** Resolves when no sync run is in flight (after the token is gone a new run ends at once). */
  syncIdle(): Promise<unknown>;
  /**
   * The routing worker works on a snapshot read before the wipe: what it sends after (a training step holds words of
   * the texts, a score quotes them) must not be stored.
   */
  forgetSuggestions?(): void;
  session(): Session;
  announce(): void;
  log(line: string): void;
}

export interface SignOutResult {
  outcome: 'signed-out' | 'unsent';
  /** The leaving operator's decisions not yet on the server: waiting ('unsent'), discarded or kept ('signed-out'). */
  unsent: number;
  /** Conflicts nobody has looked at (some found by this very flush): they stop 'ask' like unsent decisions. */
  conflicts: number;
  session: Session;
}

export async function signOut(deps: SignOutDeps, unsent: 'ask' | 'discard' | 'keep'): Promise<SignOutResult> {
  const me = deps.session().user;
  const mine = () => (me === null ? 0
    : deps.cache.outbox.countsByAuthor().find((author) => author.user.id === me.id)?.count ?? 0);
  if (me !== null && mine() > 0) await deps.syncNow();
  const left = mine();
  const conflicts = deps.cache.conflicts.count();
  if ((left > 0 || conflicts > 0) && unsent === 'ask') {
    return { outcome: 'unsent', unsent: left, conflicts, session: deps.session() };
  }
  const keep = unsent === 'keep' && me !== null && left > 0;
  // Kept work is sent later under this very session: it must not be revoked. Otherwise the request reads the token
  // before its first await, so it still carries it after clearToken below.
  if (keep) deps.parkSession();
  else if (me !== null) deps.revokeToken?.().catch(() => undefined);
  deps.clearToken();
  // A pull already in flight must not write appeals back after the wipe.
  await deps.syncIdle();
  const keptAuthors = deps.cache.outbox.countsByAuthor().map((author) => author.user.id)
    .filter((id) => keep || id !== me?.id);
  deps.forgetSuggestions?.();
  const tables = wipeCitizenData(deps.cache.db, { keepOutboxOf: keptAuthors });
  const exports = wipeExports(dirname(deps.cache.db.name));
  const fate = keep ? 'kept queued under their author' : 'discarded';
  deps.log(`session: signed out, local data wiped (${tables.length} tables, ${exports} export files${left > 0 ? `, ${left} unsent decisions ${fate}` : ''}${conflicts > 0 ? `, ${conflicts} conflicts discarded` : ''})`);
  deps.announce();
  return { outcome: 'signed-out', unsent: left, conflicts, session: deps.session() };
}

/** Report exports (XLSX/CSV in dataDir/exports) carry citizen text too: none may outlive the session. */
function wipeExports(dataDir: string): number {
  const folder = join(dataDir, 'exports');
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0; // no exports folder: nothing was exported
  }
  for (const name of names) rmSync(join(folder, name), { recursive: true, force: true });
  return names.length;
}
