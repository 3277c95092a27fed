// Server auth hardening: every contract endpoint enforces its roles (a table walk, so a new endpoint cannot be
// forgotten), the password KDF parameters, sign-in delays per (login, address), login and address (429 + Retry-After)
// that a stranger cannot use to keep a colleague out, and JSON-only bodies (no cross-site form posts).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth.js';
import type { LoginLimits } from '../../../server/login-rate-limit.js';
import { startServer, type RunningServer } from '../../../server/start-server.js';
import { openCentralStore } from '../../../server/store/open-store.js';
import { API_PREFIX, ENDPOINTS } from '../../../shared/central-api/contract.js';
import { incoming, mutationId, startFixture, testStore, type Fixture } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

const ROLES = ['operator', 'lead', 'connector'] as const;
const LOGIN_OF = { operator: 'operator1', lead: 'lead', connector: 'connector' } as const;

/** A body or query each endpoint accepts, so a 200 means "allowed" and not "valid input". */
const SAMPLE_INPUT: Record<keyof typeof ENDPOINTS, { body?: unknown; query?: string }> = {
  session: { body: { login: 'lead', password: 'lead' } },
  targets: {},
  changes: { query: '?limit=1' },
  mutations: { body: { mutations: [{ id: mutationId(), appealId: 'no-such', baseVersion: 1, createdAt: '2025-03-01T03:00:00.000Z', type: 'reject', reason: 'spam' }] } },
  ingest: { body: { appeals: [incoming('vk-roles')] } },
  // An empty list is a valid request (it releases the session's holds) and needs no appeal to exist.
  holds: { body: { appealIds: [] } },
  team: {},
  preferences: {},
  savePreferences: { body: { favoriteTargets: ['minzdrav'] } },
  // Last in ENDPOINTS: each role's token is revoked only after every other endpoint was walked with it.
  signOut: {},
};

describe('roles on every endpoint', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('answers each endpoint per ENDPOINTS.auth: 401 without a token, 403 for a role not listed, 200 for one listed', async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await fx.signIn(LOGIN_OF[role])])));
    const names = Object.keys(ENDPOINTS) as (keyof typeof ENDPOINTS)[];
    expect(names.every((name) => name in SAMPLE_INPUT)).toBe(true);
    for (const name of names) {
      const spec = ENDPOINTS[name];
      const { body, query } = SAMPLE_INPUT[name];
      const path = `${spec.path}${query ?? ''}`;
      if (spec.auth === null) {
        expect((await fx.call(spec.method, path, { body })).status, name).toBe(200);
        continue;
      }
      expect((await fx.call(spec.method, path, { body })).status, `${name} anonymous`).toBe(401);
      for (const role of ROLES) {
        const allowed = (spec.auth as readonly string[]).includes(role);
        const res = await fx.call(spec.method, path, { body, token: tokens[role] as string });
        expect(res.status, `${name} as ${role}`).toBe(allowed ? 200 : 403);
      }
    }
  });
});

describe('password hashing', () => {
  it('uses scrypt N=2^14, r=8, p=1 with a 16-byte random salt and a 32-byte key', () => {
    const a = hashPassword('operator1');
    const b = hashPassword('operator1');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('a server started as `npm run server` starts it (no passwordCost) stores its accounts at that cost', async () => {
    // The test servers hash at a lower cost (startTestServer, tests/harness/test-server.ts); this one is started the way main.ts does.
    const dir = mkdtempSync(join(tmpdir(), 'triage-cost-'));
    const store = await testStore(dir);
    const server = await startServer({ port: 0, ...store });
    try {
      const signIn = await fetch(`${server.url}${API_PREFIX}/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'operator1', password: 'operator1' }),
      });
      expect(signIn.status).toBe(200);
    } finally {
      await server.close();
    }
    const opened = await openCentralStore('dataDir' in store ? { engine: 'sqlite', dataDir: store.dataDir }
      : { engine: 'postgres', url: store.databaseUrl });
    try {
      const users = await opened.allUsers();
      expect(users.length).toBeGreaterThan(0);
      for (const user of users) expect(user.passwordHash, user.login).toMatch(/^scrypt\$16384\$8\$1\$/);
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sign-in delays', () => {
  let dir: string;
  let server: RunningServer;
  let clock: number;
  const limits: LoginLimits = {
    perPair: { free: 3, baseMs: 1_000, maxMs: 60_000 },
    perLogin: { free: 3, baseMs: 1_000, maxMs: 8_000 },
    perAddress: { free: 5, baseMs: 1_000, maxMs: 4_000 },
    forgetAfterMs: 10 * 60_000,
    trustMs: 24 * 60 * 60_000,
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triage-ratelimit-'));
    clock = Date.parse('2025-03-01T03:00:00Z');
    server = await startTestServer({ port: 0, ...(await testStore(dir)), loginLimits: limits, clock: () => clock });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A sign-in from a given loopback address (127.0.0.0/8 is all loopback): each stands for another machine. */
  const signIn = (login: string, password: string, from = '127.0.0.1', contentType = 'application/json') =>
    new Promise<{ status: number; retryAfter: number | null; body: unknown }>((resolve, reject) => {
      const payload = JSON.stringify({ login, password });
      const req = request({ host: '127.0.0.1', port: server.port, localAddress: from, method: 'POST', path: `${API_PREFIX}/session`,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter: retryAfter === undefined ? null : Number(retryAfter),
            body: JSON.parse(text) as unknown });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });

  it('delays a login after its failures with a doubling, capped Retry-After instead of a 15-minute lock', async () => {
    for (let i = 0; i < 3; i += 1) expect((await signIn('operator1', 'wrong')).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const delayed = await signIn('operator1', 'operator1');
      expect(delayed).toMatchObject({ status: 429, body: { error: { code: 'too_many_attempts' } } });
      waits.push(delayed.retryAfter ?? 0);
      clock += (delayed.retryAfter ?? 0) * 1000;
      expect((await signIn('OPERATOR1 ', 'wrong')).status).toBe(401);
    }
    // The pair's delay (same address) doubles past the login's cap of 8 s; neither is a flat 15 min.
    expect(waits).toEqual([1, 2, 4, 8, 16, 32]);
    const last = await signIn('operator1', 'operator1');
    expect(last.retryAfter).toBe(60);
    clock += 60_000;
    expect((await signIn('operator1', 'operator1')).status).toBe(200);
  });

  it('does not grow the delay while refusing attempts inside it', async () => {
    for (let i = 0; i < 3; i += 1) expect((await signIn('operator1', 'wrong')).status).toBe(401);
    clock += 1_000;
    expect((await signIn('operator1', 'wrong')).status).toBe(401);
    const first = await signIn('operator1', 'wrong');
    expect(first).toMatchObject({ status: 429, retryAfter: 2 });
    for (let i = 0; i < 20; i += 1) expect((await signIn('operator1', 'wrong')).retryAfter).toBe(2);
    clock += 2_000;
    expect((await signIn('operator1', 'operator1')).status).toBe(200);
  });

  it('lets a colleague in despite a stranger failing on their login: at once from their own desk, else after the current delay', async () => {
    expect((await signIn('operator1', 'operator1', '127.0.0.2')).status).toBe(200);
    const stranger = [];
    for (let i = 0; i < 25; i += 1) stranger.push(await signIn('operator1', `guess-${i}`, '127.0.0.3'));
    expect(stranger.filter((r) => r.status === 401)).toHaveLength(3);
    // From the desk where operator1 signed in before: the stranger's failures do not apply.
    expect((await signIn('operator1', 'operator1', '127.0.0.2')).status).toBe(200);
    // The stranger's own attempts stay delayed (the success did not reset the stranger's pair).
    expect((await signIn('operator1', 'guess-x', '127.0.0.3')).status).toBe(429);
    for (let i = 0; i < 8; i += 1) {
      clock += 60_000;
      await signIn('operator1', `guess-more-${i}`, '127.0.0.3');
    }
    // From a machine never used before: waits at most the login's current delay (capped at 8 s here), then gets in.
    const fresh = await signIn('operator1', 'operator1', '127.0.0.4');
    expect(fresh.status).toBe(429);
    expect(fresh.retryAfter).toBeGreaterThan(0);
    expect(fresh.retryAfter).toBeLessThanOrEqual(8);
    clock += (fresh.retryAfter ?? 0) * 1000;
    expect((await signIn('operator1', 'operator1', '127.0.0.4')).status).toBe(200);
  });

  it('does not lock a shift behind one address (NAT) out when someone there sprays wrong logins', async () => {
    const nat = '127.0.0.5';
    expect((await signIn('lead', 'lead', nat)).status).toBe(200);
    for (let i = 0; i < 12; i += 1) await signIn(`a${i}`, 'x', nat);
    // The lead signed in from this address before: the address's delay does not apply to that login.
    expect((await signIn('lead', 'lead', nat)).status).toBe(200);
    // A colleague new to the address waits at most the address's capped delay (4 s here), then gets in.
    const newcomer = await signIn('operator3', 'operator3', nat);
    expect(newcomer.status).toBe(429);
    expect(newcomer.retryAfter).toBeLessThanOrEqual(4);
    clock += (newcomer.retryAfter ?? 0) * 1000;
    expect((await signIn('operator3', 'operator3', nat)).status).toBe(200);
    // Another address is untouched by the spray.
    expect((await signIn('operator2', 'operator2', '127.0.0.6')).status).toBe(200);
  });

  it('counts parallel wrong guesses before any of them is hashed: no more get through than the free failures', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn('operator1', `wrong-${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect((await signIn('operator1', 'operator1')).status).toBe(429);
  });

  it('does not count a successful sign-in against the address', async () => {
    for (let i = 0; i < 8; i += 1) expect((await signIn('lead', 'lead')).status).toBe(200);
    for (const login of ['a1', 'a2', 'a3', 'a4']) expect((await signIn(login, 'x')).status).toBe(401);
    expect((await signIn('operator2', 'operator2')).status).toBe(200);
  });

  it('refuses a text/plain sign-in (what a cross-site form can send) with 415, even with the right password', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
      'application/json; charset=latin1', 'application/jsonp']) {
      const res = await signIn('operator1', 'operator1', '127.0.0.1', contentType);
      expect(res, contentType).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    }
    // Refused before the limiter: those attempts did not count against the login.
    for (let i = 0; i < 3; i += 1) expect((await signIn('operator1', 'wrong')).status).toBe(401);
    expect((await signIn('operator1', 'operator1', '127.0.0.1', 'Application/JSON; charset="UTF-8"')).status).toBe(429);
  });
});

describe('JSON content type on every endpoint with a body', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('answers 415 to a body without Content-Type: application/json and stores nothing', async () => {
    const lead = await fx.signIn('lead');
    const connector = await fx.signIn('connector');
    const tokens: Record<string, string> = { session: '', mutations: lead, ingest: connector, holds: lead, savePreferences: lead };
    for (const [name, spec] of Object.entries(ENDPOINTS)) {
      if (!('body' in spec)) continue;
      const body = JSON.stringify(SAMPLE_INPUT[name as keyof typeof ENDPOINTS].body);
      for (const headers of [{ 'content-type': 'text/plain' }, {}] as Record<string, string>[]) {
        const token = tokens[name];
        const res = await fetch(`${fx.server.url}${API_PREFIX}${spec.path}`, { method: spec.method, body,
          headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
        expect(res.status, `${name} ${JSON.stringify(headers)}`).toBe(415);
        expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type', message: expect.stringContaining('JSON') } });
      }
    }
    expect((await fx.call('GET', '/changes', { token: lead })).body).toMatchObject({ appeals: [] });
  });
});
