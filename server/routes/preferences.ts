// GET / PUT /me/preferences: the signed-in user's own preferences (favourite targets, #13 item 5). The user is always
// the authenticated session's, never anything in the body or path, so nobody reads or writes another's.
import { Preferences } from '../../shared/central-api/preferences-contract.js';
import type { User } from '../../shared/domain/user.js';
import type { CentralStore } from '../store/central-store.js';

const NEVER_SET: Preferences = { favoriteTargets: null };

export function preferencesRoute(store: CentralStore) {
  return async (_input: undefined, user: User): Promise<Preferences> => {
    const json = await store.preferencesOf(user.id);
    if (json === undefined) return NEVER_SET;
    // A document written by an older or newer server that no longer fits reads as never set, not as a failure.
    const parsed = Preferences.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : NEVER_SET;
  };
}

export function savePreferencesRoute(store: CentralStore, now: () => Date = () => new Date()) {
  return async (input: Preferences, user: User): Promise<Preferences> => {
    await store.savePreferences(user.id, JSON.stringify(input), now().toISOString());
    return input;
  };
}
