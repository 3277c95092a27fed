// Body caps per endpoint (ENDPOINTS[name].maxBodyBytes): an oversize body is refused with 413 before it is read or
// parsed, so an anonymous 5 MB sign-in cannot block the event loop; each cap still admits the largest valid request.
import { request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, ENDPOINTS, MAX_MUTATIONS_PER_REQUEST } from '../../../shared/central-api/contract.js';
import { MAX_HELD_APPEALS } from '../../../shared/central-api/team-contract.js';
import { MAX_TEXT_LENGTH } from '../../../shared/domain/appeal.js';
import { startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.dispose();
});

interface Sent {
  status: number;
  body: unknown;
  /** From the first byte written to the response's status line. */
  ms: number;
}

/** Sends `body` with Content-Length (declared) or chunked, resolving at the response even if the upload is cut off. */
function send(method: string, path: string, text: string | Buffer, opts: { chunked?: boolean; token?: string } = {}): Promise<Sent> {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${fx.server.url}${API_PREFIX}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(opts.chunked ? {} : { 'content-length': body.length }),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
    }, (res) => {
      const ms = performance.now() - started;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) as unknown : undefined, ms }));
    });
    // The server may close the connection after its 413 while this side is still writing: that is expected.
    req.on('error', (err) => { if (!req.writableEnded) reject(err); });
    if (opts.chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A string of n UTF-16 units that JSON escapes at the worst rate (`\u0001`: 6 bytes each); well-formed. */
const worst = (n: number): string => '\u0001'.repeat(n);

describe('body caps', () => {
  it('refuses a 5 MB deeply nested sign-in body with 413 at once, without blocking the event loop', async () => {
    const depth = 2_500_000;
    // Encoded up front: the client shares this process, and its own work must not count as the server's.
    const nested = Buffer.from(`{"login":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`);
    expect(nested.length).toBeGreaterThan(5_000_000);
    await send('POST', '/session', '{"login":"warm","password":"up"}');
    const figures: Record<string, { ms: number; maxLoopDelayMs: number }> = {};
    for (const chunked of [false, true]) {
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const res = await send('POST', '/session', nested, { chunked });
      loop.disable();
      figures[chunked ? 'chunked' : 'declared'] = { ms: Math.round(res.ms), maxLoopDelayMs: Math.round(loop.max / 1e6) };
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: { code: 'payload_too_large', message: expect.stringContaining('4 КБ') } });
      // Before the caps this took ~3.4 s and blocked the event loop ~3.2 s (the body was parsed, then validated).
      expect(res.ms).toBeLessThan(1_000);
      expect(loop.max / 1e6).toBeLessThan(250);
    }
    console.info('5 MB nested POST /session refused:', JSON.stringify(figures));
    // The server still answers, and a normal sign-in still works.
    expect((await fx.call('POST', '/session', { body: { login: 'lead', password: 'lead' } })).status).toBe(200);
  });

  it('gives every endpoint with a body a cap, refuses one byte over it and admits the largest valid request', async () => {
    const lead = await fx.signIn('lead');
    const connector = await fx.signIn('connector');
    const largest: Record<string, { body: unknown; token?: string; status: number }> = {
      session: { body: { login: worst(100), password: worst(200) }, status: 401 },
      mutations: {
        token: lead, status: 200,
        body: { mutations: Array.from({ length: MAX_MUTATIONS_PER_REQUEST }, (_, i) => ({
          id: `${String(i).padStart(4, '0')}${worst(60)}`, appealId: worst(100), baseVersion: Number.MAX_SAFE_INTEGER,
          createdAt: '2025-03-01T03:00:00.000000+07:00', type: 'route', targetId: worst(100) })) },
      },
      ingest: {
        token: connector, status: 200,
        body: { appeals: [{
          id: worst(100), source: 'pos', channel: { name: worst(500), url: worst(2048) },
          author: { name: worst(500), url: worst(2048) }, text: worst(MAX_TEXT_LENGTH),
          attachments: Array.from({ length: 100 }, () => ({ kind: 'photo', url: worst(2048) })),
          receivedAt: '2025-03-01T03:00:00.000000+07:00',
        }] },
      },
      // Unknown appeals: 404 means the body was read, parsed and validated.
      holds: { token: lead, status: 404, body: { appealIds: Array.from({ length: MAX_HELD_APPEALS }, (_, i) => `${i}${worst(97)}`) } },
      savePreferences: { token: lead, status: 200, body: { favoriteTargets: Array.from({ length: 9 }, (_, i) => `${i}${worst(99)}`) } },
    };
    const bodyEndpoints = Object.entries(ENDPOINTS).filter(([, spec]) => 'body' in spec);
    expect(bodyEndpoints.map(([name]) => name).sort()).toEqual(Object.keys(largest).sort());
    const sizes: Record<string, string> = {};
    for (const [name, spec] of bodyEndpoints) {
      const cap = (spec as { maxBodyBytes: number }).maxBodyBytes;
      const sample = largest[name]!;
      const text = JSON.stringify(sample.body);
      const bytes = Buffer.byteLength(text);
      sizes[name] = `${bytes} / ${cap}`;
      expect(bytes, name).toBeLessThanOrEqual(cap);
      const admitted = await send(spec.method, spec.path, text, sample.token ? { token: sample.token } : {});
      expect(admitted.status, `${name} largest valid`).toBe(sample.status);
      // One byte over (valid JSON padded with a space): refused from Content-Length, and chunked after reading the cap.
      const over = `${' '.repeat(cap + 1 - bytes)}${text}`;
      for (const chunked of [false, true]) {
        const refused = await send(spec.method, spec.path, over, { chunked, ...(sample.token ? { token: sample.token } : {}) });
        expect(refused.status, `${name} over the cap${chunked ? ' (chunked)' : ''}`).toBe(413);
        expect(refused.body).toMatchObject({ error: { code: 'payload_too_large' } });
      }
    }
    console.info('largest valid request / cap (bytes):', JSON.stringify(sizes));
  });

  it('publishes each cap in the OpenAPI document', async () => {
    const doc = (await fx.call('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, { 'x-max-body-bytes'?: number; responses: Record<string, unknown> }>>;
    };
    for (const spec of Object.values(ENDPOINTS)) {
      if (!('body' in spec)) continue;
      const operation = doc.paths[API_PREFIX + spec.path]?.[spec.method.toLowerCase()];
      expect(operation?.['x-max-body-bytes']).toBe(spec.maxBodyBytes);
      expect(operation?.responses).toHaveProperty('413');
      expect(operation?.responses).toHaveProperty('415');
    }
  });
});
