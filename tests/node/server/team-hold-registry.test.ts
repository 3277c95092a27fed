// The hold registry and the hold-request brake on their own, with injected clocks: what counts as a visible change
// (announced) and what does not (renewal, a move between one person's desks), expiry found by its timer, and the
// token bucket's burst and refill. Plus the OpenAPI description of team mode.
import { afterEach, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../server/openapi.js';
import { createHoldRegistry, type HoldRegistry } from '../../../server/team/hold-registry.js';
import { createTokenBuckets } from '../../../server/token-bucket.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import { LIVE_EVENTS } from '../../../shared/central-api/team-contract.js';

const anna = { id: 'u-1', name: 'Анна', role: 'operator' as const };
const igor = { id: 'u-2', name: 'Игорь', role: 'operator' as const };

describe('hold registry', () => {
  let clock = 0;
  let changes = 0;
  let registry: HoldRegistry;
  const make = (extra: { sweepMs?: number; onChange?: () => void } = {}) => {
    clock = 1_000_000;
    changes = 0;
    registry = createHoldRegistry({ leaseMs: 10_000, now: () => clock, onChange: () => { changes += 1; }, ...extra });
    return registry;
  };
  afterEach(() => registry.close());

  it('announces a hold marked decided and unmarked (the desk’s undo grace), not its renewal', () => {
    make();
    registry.put('s1', anna, ['a', 'b']);
    expect(changes).toBe(1);
    registry.put('s1', anna, ['a', 'b'], ['b']);
    expect(changes).toBe(2);
    expect(registry.holds().map((h) => [h.appealId, h.deciding])).toEqual([['a', false], ['b', true]]);
    clock += 1000;
    registry.put('s1', anna, ['a', 'b'], ['b']);
    expect(changes).toBe(2);
    registry.put('s1', anna, ['a', 'b']);
    expect(changes).toBe(3);
    expect(registry.holds().every((h) => !h.deciding)).toBe(true);
  });

  it('announces grants, releases and take-overs, not renewals nor moves between one person’s sessions', () => {
    make();
    expect(registry.put('s1', anna, ['a', 'b'])).toEqual({ granted: ['a', 'b'], taken: [] });
    expect(changes).toBe(1);
    clock += 1000;
    registry.put('s1', anna, ['b', 'a', 'a']);
    expect(changes).toBe(1);
    registry.put('s1b', anna, ['a', 'b']); // Anna's second desk
    expect(changes).toBe(1);
    expect(registry.holds().map((h) => [h.appealId, h.sessionKey, h.since])).toEqual([['a', 's1b', 1_000_000], ['b', 's1b', 1_000_000]]);

    expect(registry.put('s2', igor, ['b', 'c'])).toEqual({ granted: ['c'], taken: [{ appealId: 'b', holder: { id: 'u-1', name: 'Анна' }, since: 1_000_000 }] });
    expect(changes).toBe(2);
    registry.releaseAppeals(['a', 'zzz']);
    expect(changes).toBe(3);
    registry.releaseAppeals(['zzz']);
    registry.releaseSession('nobody');
    expect(changes).toBe(3);
    registry.releaseSession('s2');
    expect(changes).toBe(4);
    expect(registry.holds().map((h) => h.appealId)).toEqual(['b']);
  });

  it('expires leases lazily on read and announces each expiry from its timer', async () => {
    let announced: () => void = () => {};
    const expiry = new Promise<void>((resolve) => { announced = resolve; });
    make({ sweepMs: 20, onChange: () => { changes += 1; if (changes === 2) announced(); } });
    registry.put('s1', anna, ['a']);
    clock += 10_000;
    await expiry; // found by the timer alone: nothing read the registry meanwhile
    expect(registry.holds()).toEqual([]);

    registry.put('s1', anna, ['b']);
    clock += 10_000;
    expect(registry.holds()).toEqual([]); // a read finds it expired first
    expect(changes).toBe(4);
  });
});

describe('token bucket', () => {
  it('allows a burst, then one request per refill interval, with Retry-After in whole seconds', () => {
    let clock = 0;
    const buckets = createTokenBuckets({ burst: 3, refillPerSecond: 0.5 }, () => clock);
    expect([1, 2, 3].map(() => buckets.take('s').ok)).toEqual([true, true, true]);
    expect(buckets.take('s')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('t').ok).toBe(true);
    clock += 1000;
    expect(buckets.take('s')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock += 1000;
    expect(buckets.take('s').ok).toBe(true);
    buckets.forget('s');
    expect(buckets.take('s').ok).toBe(true);
  });
});

describe('OpenAPI for team mode', () => {
  it('describes PUT /holds, GET /team and the GET /live event stream with a schema per event', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string }[]; 'x-roles'?: string[];
        responses: Record<string, { content?: Record<string, { 'x-events'?: Record<string, { $ref: string }> }> }> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths[`${API_PREFIX}/holds`]?.put?.operationId).toBe('holds');
    expect(doc.paths[`${API_PREFIX}/holds`]?.put?.responses['404']).toBeDefined();
    expect(doc.paths[`${API_PREFIX}/team`]?.get?.operationId).toBe('team');
    const live = doc.paths[`${API_PREFIX}/live`]?.get;
    expect(live?.operationId).toBe('live');
    expect(live?.['x-roles']).toEqual(['operator', 'lead']);
    expect(live?.parameters?.map((p) => p.name)).toEqual(['cursor']);
    const events = live?.responses['200']?.content?.['text/event-stream']?.['x-events'] ?? {};
    expect(Object.keys(events).sort()).toEqual(Object.keys(LIVE_EVENTS).sort());
    for (const { $ref } of Object.values(events)) {
      expect(doc.components.schemas[$ref.replace('#/components/schemas/', '')]).toBeDefined();
    }
  });
});
