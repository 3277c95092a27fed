// session.signOut: send what is still unsent, then forget the session and wipe the citizen data of this machine.
// With decisions that cannot be sent (offline, refused), conflicts not yet looked at or report files in the exports
// folder it asks first unless the operator chose to discard them — or to keep the decisions queued under their own
// name for the desk to send under their still-valid session once it can (shift handover). Other operators' queued
// decisions are never touched. Exports are never kept: they hold citizen text (a helper's trial of 5 December: the
// lead's report, exported at the end of a shift on the browser workstation, went with the sign-out unasked).
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Session } from '../../shared/desk-api/contract.js';
import type { LocalCache } from './cache/local-cache.js';
import { wipeCitizenData } from './cache/wipe-citizen-data.js';
import { exportsFolder } from './lead/report-writer.js';

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
  /** Report files in the exports folder, deleted with the sign-out: they stop 'ask' too. */
  exports: { count: number; folder: string };
  session: Session;
}

export async function signOut(deps: SignOutDeps, unsent: 'ask' | 'discard' | 'keep'): Promise<SignOutResult> {
  const me = deps.session().user;
  const mine = () => (me === null ? 0
    : deps.cache.outbox.countsByAuthor().find((author) => author.user.id === me.id)?.count ?? 0);
  if (me !== null && mine() > 0) await deps.syncNow();
  const left = mine();
  const conflicts = deps.cache.conflicts.count();
  const folder = exportsFolder(dirname(deps.cache.db.name));
  const exported = reportFiles(folder).length;
  if ((left > 0 || conflicts > 0 || exported > 0) && unsent === 'ask') {
    return { outcome: 'unsent', unsent: left, conflicts, exports: { count: exported, folder }, session: deps.session() };
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
  const exports = wipeExports(folder, deps.log);
  const fate = keep ? 'kept queued under their author' : 'discarded';
  deps.log(`session: signed out, local data wiped (${tables.length} tables, ${exports} export files${left > 0 ? `, ${left} unsent decisions ${fate}` : ''}${conflicts > 0 ? `, ${conflicts} conflicts discarded` : ''})`);
  deps.announce();
  return { outcome: 'signed-out', unsent: left, conflicts, exports: { count: exports, folder }, session: deps.session() };
}

function exportFiles(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return []; // no exports folder: nothing was exported
  }
}

// The reports the core writes (report-writer.ts), not what else a folder gathers: Excel's «~$…» lock file beside an
// open one, a desktop's hidden «.DS_Store» or «desktop.ini» (a second read of 5 December: the sign-out would have
// asked about them forever). Everything in the folder is deleted all the same.
const REPORT_FILE = /^[^.~].*\.(?:xlsx|csv)$/i;

/** The report files in the exports folder, as the sign-out names them. */
function reportFiles(folder: string): string[] {
  return exportFiles(folder).filter((name) => REPORT_FILE.test(name));
}

/**
 * Report exports (XLSX/CSV in dataDir/exports) carry citizen text too: none may outlive the session. Never throws: a
 * file another program holds open (Excel on Windows: EBUSY) stays and is logged, and the sign-out still ends (a second
 * read: the throw came after the token and the cache were gone, and the desk looked signed in).
 */
function wipeExports(folder: string, log: (line: string) => void): number {
  let deleted = 0;
  for (const name of exportFiles(folder)) {
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
      deleted++;
    } catch (error) {
      log(`session: export ${name} not deleted at sign-out: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return deleted;
}
