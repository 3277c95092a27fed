// GET /targets: the routing targets loaded from resources/targets.json at start.
import type { TargetsResponse } from '../../shared/central-api/contract.js';
import type { Store } from '../store.js';

export function targetsRoute(store: Store) {
  return (): TargetsResponse => ({ targets: store.targets() });
}
