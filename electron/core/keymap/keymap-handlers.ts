// Desk API handlers of the operator's remapped shortcuts (KEYS_METHODS): each operator's overrides live in the
// cache's meta table under 'keymaps', one entry per user id, so two operators sharing a desk each get their own keys
// and a sign-out keeps them (wipe-citizen-data.ts keeps the key: a key layout is a preference, not citizen data).
import { KeyOverride, MAX_KEY_OVERRIDES, type KEYS_METHODS } from '../../../shared/desk-api/keys-contract.js';
import type { LocalCache } from '../cache/local-cache.js';
import { requireUser, type UserSource } from '../guards.js';
import type { Handlers } from '../handler-types.js';

export interface KeymapContext extends UserSource {
  cache: Pick<LocalCache, 'meta'>;
}

type Keymaps = Record<string, KeyOverride[]>;

/** Every operator's overrides as stored; an entry that no longer parses (a newer version's, say) reads as none. */
function readKeymaps(cache: Pick<LocalCache, 'meta'>): Keymaps {
  const stored = cache.meta.get('keymaps');
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return {};
  const out: Keymaps = {};
  for (const [userId, list] of Object.entries(stored as Record<string, unknown>)) {
    const parsed = KeyOverride.array().max(MAX_KEY_OVERRIDES).safeParse(list);
    if (parsed.success) out[userId] = parsed.data;
  }
  return out;
}

export function getKeymap(cache: Pick<LocalCache, 'meta'>, userId: string): KeyOverride[] {
  return readKeymaps(cache)[userId] ?? [];
}

export function setKeymap(cache: Pick<LocalCache, 'meta'>, userId: string, overrides: readonly KeyOverride[]): KeyOverride[] {
  const keymaps = readKeymaps(cache);
  // Back to the defaults leaves no entry behind.
  if (overrides.length === 0) delete keymaps[userId];
  else keymaps[userId] = [...overrides];
  cache.meta.set('keymaps', keymaps);
  return getKeymap(cache, userId);
}

export function createKeymapHandlers(ctx: KeymapContext): Handlers<typeof KEYS_METHODS> {
  return {
    'keys.get': () => ({ overrides: getKeymap(ctx.cache, requireUser(ctx).id) }),
    'keys.set': ({ overrides }) => ({ overrides: setKeymap(ctx.cache, requireUser(ctx).id, overrides) }),
  };
}
