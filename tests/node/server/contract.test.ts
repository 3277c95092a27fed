// Contract agreement: every response of the reference server parses with the shared zod schema,
// errors are ApiError, and openapi.json describes every endpoint of ENDPOINTS.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_PREFIX, ApiError, ChangesResponse, ENDPOINTS, IngestResponse, MutationsResponse, SessionResponse, TargetsResponse,
} from '../../../shared/central-api/contract.js';
import { incoming, mutationId, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture({ demo: 30 });
});
afterEach(async () => {
  await fx.dispose();
});

describe('central API contract', () => {
  it('answers every endpoint with bodies that parse with the shared schemas', async () => {
    const session = await fx.call('POST', '/session', { body: { login: 'operator1', password: 'operator1' } });
    expect(session.status).toBe(200);
    const { token, user } = SessionResponse.parse(session.body);
    expect(user).toMatchObject({ id: 'u-operator1', role: 'operator' });
    expect(user.name).toContain('Оператор 1');

    const targets = TargetsResponse.parse((await fx.call('GET', '/targets', { token })).body).targets;
    expect(targets.map((t) => t.id)).toEqual(expect.arrayContaining(['minzdrav', 'gov', 'meria-nsk', 'mr-iskitimsky', 'go-koltsovo']));
    expect(targets).toHaveLength(14 + 30 + 4);

    const changes = ChangesResponse.parse((await fx.call('GET', '/changes?limit=5', { token })).body);
    expect(changes.appeals).toHaveLength(5);

    const first = changes.appeals[0]!;
    const mutations = MutationsResponse.parse((await fx.call('POST', '/mutations', {
      token,
      body: { mutations: [{ id: mutationId(), appealId: first.id, baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'minzdrav' }] },
    })).body);
    expect(mutations.results[0]?.status).toBe('applied');

    const connector = await fx.signIn('connector');
    const ingest = IngestResponse.parse((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-1')] } })).body);
    expect(ingest).toEqual({ accepted: 1, duplicates: 0 });

    expect((await fx.call('GET', '/health')).body).toEqual({ ok: true });
  });

  it('takes a time received ahead of its clock as now, and says which (a connector\'s clock off by days)', async () => {
    const connector = await fx.signIn('connector');
    const ahead = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const slightlyAhead = new Date(Date.now() + 60_000).toISOString();
    const before = Date.now();
    const ingest = IngestResponse.parse((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [
      incoming('vk-ahead', { receivedAt: ahead }), incoming('vk-skew', { receivedAt: slightlyAhead }), incoming('vk-past'),
    ] } })).body);
    expect(ingest).toEqual({ accepted: 3, duplicates: 0, receivedNow: ['vk-ahead'] });
    const lead = await fx.signIn('lead');
    const pulled = ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token: lead })).body).appeals;
    const received = (id: string) => pulled.find((a) => a.id === id)?.receivedAt;
    expect(Date.parse(received('vk-ahead')!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(received('vk-ahead')!)).toBeLessThanOrEqual(Date.now());
    expect(received('vk-skew')).toBe(slightlyAhead);
    expect(received('vk-past')).toBe('2025-03-01T03:00:00.000Z');
  });

  it('sends errors as ApiError bodies', async () => {
    for (const res of [
      await fx.call('GET', '/targets'),
      await fx.call('GET', '/nope'),
      await fx.call('POST', '/session', { body: { login: '' } }),
      await fx.call('DELETE', '/targets'),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(ApiError.safeParse(res.body).success).toBe(true);
    }
  });

  it('publishes an OpenAPI 3.1 document listing every ENDPOINTS path with bearer security', async () => {
    const res = await fx.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, { security: unknown[]; requestBody?: unknown; parameters?: { name: string }[] }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    for (const ep of Object.values(ENDPOINTS)) {
      const operation = doc.paths[API_PREFIX + ep.path]?.[ep.method.toLowerCase()];
      expect(operation, `${ep.method} ${ep.path}`).toBeDefined();
      expect(operation?.security).toEqual(ep.auth === null ? [] : [{ bearer: [] }]);
      if ('body' in ep) expect(operation?.requestBody).toBeDefined();
    }
    expect(doc.paths[`${API_PREFIX}/changes`]?.get?.parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'limit']);
    expect(doc.paths[`${API_PREFIX}/health`]).toBeDefined();
  });
});
