// The favourite targets of the digit keys 1–9, per operator (#13 item 5): two operators on one shared PC each have
// their own nine, and an operator finds theirs on any desk through the central API's /me/preferences. Stored in the
// cache's meta table under 'favorites' (a workstation setting the sign-out wipe keeps): the machine's list (IT
// policy, or what was chosen with nobody signed in) and each operator's own. A change is saved here first and then
// sent; offline it stays marked unsent and goes with the next successful sync, and a sign-in pulls the server's.
import { FAVORITE_SLOTS } from '../../shared/desk-api/contract.js';
import type { User } from '../../shared/domain/user.js';
import type { LocalCache } from './cache/local-cache.js';
import { ApiFailure, type CentralApiClient } from './central-api-client.js';
import type { DeskEventHub } from './desk-events.js';
import { DeskFailure } from './desk-failure.js';

export const DEFAULT_FAVORITES = [
  'mingkh', 'minzdrav', 'mintrans', 'meria-nsk', 'minobr', 'minsoc', 'minstroy', 'mincifra', 'gov',
] as const;

/** One operator's own list; `unsent` while the server has not confirmed it. */
interface OwnFavorites { ids: string[]; unsent?: boolean }

interface StoredFavorites {
  /** The machine's list: every operator without a list of their own sees it; null = the built-in defaults. */
  machine: string[] | null;
  /** IT policy locked the machine's list: it wins over every operator's own. */
  locked: boolean;
  byUser: Record<string, OwnFavorites>;
}

const isIdList = (value: unknown): value is string[] => Array.isArray(value) && value.every((id) => typeof id === 'string');

/** What is stored, read leniently: before #13 the meta value was the machine's plain list. */
function readStored(cache: LocalCache): StoredFavorites {
  const value = cache.meta.get('favorites');
  if (isIdList(value)) return { machine: value, locked: false, byUser: {} };
  const stored: StoredFavorites = { machine: null, locked: false, byUser: {} };
  if (typeof value !== 'object' || value === null) return stored;
  const raw = value as Record<string, unknown>;
  if (isIdList(raw.machine)) stored.machine = raw.machine;
  stored.locked = raw.locked === true;
  if (typeof raw.byUser === 'object' && raw.byUser !== null) {
    for (const [userId, own] of Object.entries(raw.byUser as Record<string, unknown>)) {
      const ids = (own as { ids?: unknown } | null)?.ids;
      if (isIdList(ids)) stored.byUser[userId] = { ids, ...((own as { unsent?: unknown }).unsent === true ? { unsent: true } : {}) };
    }
  }
  return stored;
}

/**
 * Slot by slot: a repeated id, or one naming no known target, becomes an empty slot ('') so the others keep their
 * keys; trailing empty slots are dropped. With no targets cached yet (before the first sync) ids are kept as-is.
 */
function cleanFavorites(cache: LocalCache, ids: readonly string[]): string[] {
  const known = new Set(cache.targets.list().map((target) => target.id));
  const seen = new Set<string>();
  const slots = ids.slice(0, FAVORITE_SLOTS).map((id) => {
    if (id === '' || seen.has(id) || (known.size > 0 && !known.has(id))) return '';
    seen.add(id);
    return id;
  });
  while (slots.length > 0 && slots[slots.length - 1] === '') slots.pop();
  return slots;
}

/** The list this user (null: nobody signed in) routes with. */
export function getFavorites(cache: LocalCache, userId: string | null = null): string[] {
  const stored = readStored(cache);
  const own = userId === null || stored.locked ? undefined : stored.byUser[userId];
  return cleanFavorites(cache, own?.ids ?? stored.machine ?? DEFAULT_FAVORITES);
}

/** How a list is set: by an operator for themselves, or for the machine (IT policy; locked = over everyone's own;
 * `ids` null: the policy has no list, so neither a machine list nor a lock stays). */
export type FavoritesScope = { userId: string; unsent: boolean } | { machine: 'default' | 'locked' };

export function setFavorites(cache: LocalCache, ids: readonly string[] | null, scope: FavoritesScope | null = null): string[] {
  const cleaned = ids === null ? [] : cleanFavorites(cache, ids);
  const stored = readStored(cache);
  if (scope === null || 'machine' in scope) {
    stored.machine = ids === null ? null : cleaned;
    stored.locked = ids !== null && scope?.machine === 'locked';
  } else {
    stored.byUser[scope.userId] = { ids: cleaned, ...(scope.unsent ? { unsent: true } : {}) };
  }
  cache.meta.set('favorites', stored);
  return cleaned;
}

export interface FavoritesDeps {
  cache: LocalCache;
  api: CentralApiClient;
  events: DeskEventHub;
  log: (line: string) => void;
  user: () => User | null;
}

export interface FavoritesService {
  get(): string[];
  /** The signed-in operator's own list (refused while the policy locks it); what they now route with. */
  set(ids: readonly string[]): string[];
  /** IT's policy list (null: none), from the shell at every start; the signed-in operator's list afterwards. */
  setMachine(ids: readonly string[] | null, locked: boolean): string[];
}

/** Favourites for the signed-in operator, kept in step with the server's /me/preferences. */
export function createFavorites(deps: FavoritesDeps): FavoritesService {
  const { cache, api, events, log } = deps;
  /** Operators whose list was reconciled with the server since this core started (once per sign-in is enough). */
  const reconciled = new Set<string>();
  /** Operators whose server answered 404 (no /me/preferences there) since their sign-in. */
  const unsupported = new Set<string>();
  let busy = false;
  /** A change came while a reconcile was under way: run once more after it. */
  let again = false;

  const announce = (): void => {
    events.emit('favorites.changed', { targetIds: getFavorites(cache, deps.user()?.id ?? null) });
  };

  /** Sends this operator's unsent list, or takes the server's; failures leave the local copy as it is. */
  async function reconcile(userId: string): Promise<void> {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const own = readStored(cache).byUser[userId];
      if (own?.unsent === true) {
        await api.savePreferences({ favoriteTargets: own.ids });
        // Only if it is still the list that was sent (the operator may have changed it meanwhile).
        const now = readStored(cache).byUser[userId];
        if (now !== undefined && JSON.stringify(now.ids) === JSON.stringify(own.ids)) {
          setFavorites(cache, own.ids, { userId, unsent: false });
        }
        log(`favorites: sent for ${userId}`);
      } else {
        const { favoriteTargets } = await api.preferences();
        if (deps.user()?.id !== userId) return;
        if (favoriteTargets === null) {
          // Never saved on the server: a list chosen on this desk before goes up, else nothing to do.
          if (own !== undefined) await api.savePreferences({ favoriteTargets: own.ids });
        } else if (readStored(cache).byUser[userId]?.unsent !== true) {
          const before = getFavorites(cache, userId);
          setFavorites(cache, favoriteTargets, { userId, unsent: false });
          if (JSON.stringify(before) !== JSON.stringify(getFavorites(cache, userId))) announce();
        }
      }
      reconciled.add(userId);
    } catch (error) {
      // Offline: the local copy serves and the next online sync retries. An older server without /me/preferences
      // (404) is not asked again until the next sign-in: the local copy is the list there.
      if (error instanceof ApiFailure && error.status === 404) unsupported.add(userId);
      log(`favorites: not synced for ${userId}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
      if (again) {
        again = false;
        const user = deps.user();
        if (user !== null) void reconcile(user.id);
      }
    }
  }

  const maybeReconcile = (): void => {
    const user = deps.user();
    if (user === null || unsupported.has(user.id)) return;
    if (!reconciled.has(user.id) || readStored(cache).byUser[user.id]?.unsent === true) void reconcile(user.id);
  };

  // A sign-in (or sign-out) starts over: the next operator's list is pulled once the sync reaches the server.
  events.on('session.changed', () => {
    reconciled.clear();
    unsupported.clear();
    announce();
  });
  events.on('sync.status', (payload) => {
    if ((payload as { state?: string }).state === 'online') maybeReconcile();
  });

  return {
    get: () => getFavorites(cache, deps.user()?.id ?? null),
    set: (ids) => {
      const user = deps.user();
      if (user === null) throw new DeskFailure('not_signed_in', 'Войдите, чтобы выбрать избранных адресатов');
      if (readStored(cache).locked) {
        throw new DeskFailure('forbidden', 'Избранных адресатов на этом компьютере задаёт администратор');
      }
      setFavorites(cache, ids, { userId: user.id, unsent: true });
      void reconcile(user.id);
      return getFavorites(cache, user.id);
    },
    setMachine: (ids, locked) => {
      setFavorites(cache, ids, { machine: locked ? 'locked' : 'default' });
      announce();
      return getFavorites(cache, deps.user()?.id ?? null);
    },
  };
}
