// Test and bench helpers for reading the reference server back through its public API, as the shift lead would:
// every appeal it now holds, page by page over /changes. One copy for the e2e stack and the benches.
import { API_PREFIX, ChangesResponse } from '../../shared/central-api/contract.js';
import type { Appeal } from '../../shared/domain/appeal.js';

/** Every appeal the server at `url` holds now, by id, read with a lead's (or operator's) bearer `token`. */
export async function readAllAppeals(url: string, token: string): Promise<Map<string, Appeal>> {
  const appeals = new Map<string, Appeal>();
  let cursor: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${url}${API_PREFIX}/changes?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`changes: HTTP ${response.status}`);
    const page = ChangesResponse.parse(await response.json());
    for (const appeal of page.appeals) appeals.set(appeal.id, appeal);
    cursor = page.cursor;
    if (!page.hasMore) return appeals;
  }
}
