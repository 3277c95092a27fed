// Server sessions: a token expires a fixed 12 h (or the configured time) after sign-in, DELETE /session revokes
// only the caller's token, and POST and DELETE share the /session path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_TTL_MS } from '../../../server/auth.js';
import { type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import { testStore } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

let dir: string;
let server: RunningServer;
let clock: number;

async function start(sessionTtlMs?: number): Promise<void> {
  server = await startTestServer({ port: 0, ...(await testStore(dir)), clock: () => clock,
    ...(sessionTtlMs !== undefined ? { sessionTtlMs } : {}) });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'triage-sessions-'));
  clock = Date.parse('2025-03-01T01:00:00Z');
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(login: string): Promise<string> {
  const res = await fetch(`${server.url}${API_PREFIX}/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const targets = async (token: string): Promise<number> =>
  (await fetch(`${server.url}${API_PREFIX}/targets`, { headers: { authorization: `Bearer ${token}` } })).status;

async function signOut(token?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}${API_PREFIX}/session`, {
    method: 'DELETE', ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  return { status: res.status, body: await res.json() };
}

describe('session expiry', () => {
  it('expires a token 12 h after sign-in by default, however active, with 401', async () => {
    expect(DEFAULT_SESSION_TTL_MS).toBe(12 * 60 * 60_000);
    await start();
    const token = await signIn('operator1');
    clock += DEFAULT_SESSION_TTL_MS - 1000;
    expect(await targets(token)).toBe(200);
    clock += 1001;
    expect(await targets(token)).toBe(401);
    // Signing in again gives a fresh 12 h.
    expect(await targets(await signIn('operator1'))).toBe(200);
  });

  it('honours a configured lifetime and keeps other sessions alive', async () => {
    await start(60_000);
    const early = await signIn('operator1');
    clock += 30_000;
    const later = await signIn('operator2');
    clock += 30_001;
    expect(await targets(early)).toBe(401);
    expect(await targets(later)).toBe(200);
  });
});

describe('DELETE /session', () => {
  it('revokes the caller token only, is idempotent and needs a token', async () => {
    await start();
    const mine = await signIn('operator1');
    const other = await signIn('operator1');
    expect(await signOut(mine)).toEqual({ status: 200, body: { ok: true } });
    expect(await targets(mine)).toBe(401);
    expect(await targets(other)).toBe(200);
    // The revoked token can no longer call anything else; without a token there is nothing to revoke.
    expect((await signOut()).status).toBe(401);
    expect((await signOut('not-a-token')).status).toBe(401);
  });

  it('answers a second sign-out with the same, already revoked token 200 {ok:true}, as the contract promises', async () => {
    await start(60_000);
    const mine = await signIn('operator1');
    expect(await signOut(mine)).toEqual({ status: 200, body: { ok: true } });
    expect(await signOut(mine)).toEqual({ status: 200, body: { ok: true } });
    expect(await targets(mine)).toBe(401);
    // An expired token is gone too: signing out with it is answered the same.
    const expiring = await signIn('operator2');
    clock += 60_001;
    expect(await targets(expiring)).toBe(401);
    expect(await signOut(expiring)).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers 405 with both methods for another method on /session', async () => {
    await start();
    const res = await fetch(`${server.url}${API_PREFIX}/session`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, DELETE');
  });

  it('is in the OpenAPI document beside POST /session', async () => {
    await start();
    const doc = (await (await fetch(`${server.url}${API_PREFIX}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.paths[`${API_PREFIX}/session`]?.post?.operationId).toBe('session');
    expect(doc.paths[`${API_PREFIX}/session`]?.delete?.operationId).toBe('signOut');
  });
});
