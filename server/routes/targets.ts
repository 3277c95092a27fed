// GET /targets: the routing targets loaded from resources/targets.json at start.
import type { TargetsResponse } from '../../shared/central-api/contract.js';
import type { CentralStore } from '../store/central-store.js';

export function targetsRoute(store: CentralStore) {
  return async (): Promise<TargetsResponse> => ({ targets: await store.targets() });
}
