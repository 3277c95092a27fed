// The operator's favourite targets for the digit keys 1–9, persisted in the cache's meta table.
import { FAVORITE_SLOTS } from '../../shared/desk-api/contract.js';
import type { LocalCache } from './cache/local-cache.js';

export const DEFAULT_FAVORITES = [
  'mingkh', 'minzdrav', 'mintrans', 'meria-nsk', 'minobr', 'minsoc', 'minstroy', 'mincifra', 'gov',
] as const;

/** Unique ids that name a known target. With no targets cached yet (before the first sync) ids are kept as-is. */
function cleanFavorites(cache: LocalCache, ids: readonly string[]): string[] {
  const known = new Set(cache.targets.list().map((target) => target.id));
  const unique = [...new Set(ids)];
  return (known.size === 0 ? unique : unique.filter((id) => known.has(id))).slice(0, FAVORITE_SLOTS);
}

export function getFavorites(cache: LocalCache): string[] {
  const stored = cache.meta.get('favorites');
  const ids = Array.isArray(stored) && stored.every((id) => typeof id === 'string') ? stored : DEFAULT_FAVORITES;
  return cleanFavorites(cache, ids);
}

export function setFavorites(cache: LocalCache, ids: readonly string[]): string[] {
  const cleaned = cleanFavorites(cache, ids);
  cache.meta.set('favorites', cleaned);
  return cleaned;
}
