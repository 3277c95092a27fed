// A mutation's fingerprint: the SHA-256 of its canonical content (appeal, base version, decision; fixed order), kept
// with its id so that a re-sent id is told apart from the same id reused for another decision.
import { createHash } from 'node:crypto';
import type { Mutation } from '../shared/central-api/contract.js';

/**
 * createdAt is left out: it describes when, not what, and a client that re-stamps a retry still sends the same
 * decision. The id is left out because it is the key the fingerprint is stored under.
 */
export function mutationFingerprint(m: Mutation): string {
  const decision = m.type === 'route' ? m.targetId : m.reason;
  return createHash('sha256').update(JSON.stringify([m.appealId, m.baseVersion, m.type, decision])).digest('hex');
}
