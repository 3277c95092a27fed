// Server auth hardening: every contract endpoint enforces its roles (a table walk, so a new endpoint cannot be
// forgotten), the password KDF parameters, and the sign-in rate limit per login and per address (429 + Retry-After).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/auth.js';
import { startServer, type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX, ENDPOINTS } from '../../../shared/central-api/contract.js';
import { incoming, mutationId, startFixture, type Fixture } from './server-fixture.js';

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
});

describe('sign-in rate limit', () => {
  let dir: string;
  let server: RunningServer;
  let clock: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'triage-ratelimit-'));
    clock = Date.parse('2025-03-01T03:00:00Z');
    server = await startServer({ port: 0, dataDir: join(dir, 'data'), loginLimits: { perLogin: 3, perAddress: 5, windowMs: 60_000 },
      clock: () => clock });
  });
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async (login: string, password: string) => {
    const res = await fetch(`${server.url}${API_PREFIX}/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
  };

  it('locks a login after its failures, even for the right password, with Retry-After until the window passes', async () => {
    for (let i = 0; i < 3; i += 1) expect((await signIn('operator1', 'wrong')).status).toBe(401);
    const locked = await signIn('operator1', 'operator1');
    expect(locked).toMatchObject({ status: 429, retryAfter: '60', body: { error: { code: 'too_many_attempts' } } });
    clock += 20_000;
    expect((await signIn('OPERATOR1 ', 'operator1')).retryAfter).toBe('40');
    // Another login from the same address is not locked by operator1's failures (3 < 5 for the address).
    expect((await signIn('operator2', 'operator2')).status).toBe(200);
    clock += 40_001;
    expect((await signIn('operator1', 'operator1')).status).toBe(200);
  });

  it('counts parallel wrong guesses before any of them is hashed: no more get through than the limit', async () => {
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

  it('locks an address spraying many logins, and a success does not reset the address', async () => {
    for (const login of ['a1', 'a2', 'a3', 'a4']) expect((await signIn(login, 'x')).status).toBe(401);
    expect((await signIn('lead', 'lead')).status).toBe(200);
    expect((await signIn('a5', 'x')).status).toBe(401);
    const blocked = await signIn('operator3', 'operator3');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
  });
});
