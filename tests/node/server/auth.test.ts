// Auth: scrypt-checked sign-in, bearer tokens, and the per-endpoint roles of ENDPOINTS.auth.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incoming, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.dispose();
});

describe('auth', () => {
  it('refuses a wrong password and an unknown login alike with 401 auth_failed', async () => {
    for (const body of [{ login: 'operator1', password: 'operator2' }, { login: 'nobody', password: 'nobody' }]) {
      const res = await fx.call('POST', '/session', { body });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'auth_failed' } });
    }
  });

  it('issues a distinct 64-hex token per sign-in that authorises requests', async () => {
    const a = await fx.signIn('lead');
    const b = await fx.signIn('lead');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect((await fx.call('GET', '/targets', { token: a })).status).toBe(200);
  });

  it('answers 401 without a token or with an unknown one', async () => {
    expect((await fx.call('GET', '/changes')).status).toBe(401);
    const bad = await fx.call('GET', '/changes', { token: 'f'.repeat(64) });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await fx.call('GET', '/changes', { token: 'not-even-hex' })).status).toBe(401);
  });

  it('lets only connectors ingest and only operators and leads read changes', async () => {
    const operator = await fx.signIn('operator1');
    const connector = await fx.signIn('connector');
    const ingestAsOperator = await fx.call('POST', '/appeals', { token: operator, body: { appeals: [incoming('vk-1')] } });
    expect(ingestAsOperator.status).toBe(403);
    expect(ingestAsOperator.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await fx.call('GET', '/changes', { token: operator })).body).toMatchObject({ appeals: [] });
    expect((await fx.call('GET', '/changes', { token: connector })).status).toBe(403);
    expect((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-1')] } })).status).toBe(200);
  });
});
