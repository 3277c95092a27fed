// GET / PUT /me/preferences (#13 item 5): each user's own favourite targets, validated, kept across a restart, never
// another user's. Runs on SQLite (project node) and on PostgreSQL (project node-postgres) through server-fixture.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFixture, type Fixture } from './server-fixture.js';

describe('/me/preferences', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('answers null for a user who never saved, then each user their own list, across a restart', async () => {
    const op1 = await fx.signIn('operator1');
    const op2 = await fx.signIn('operator2');
    expect(await fx.call('GET', '/me/preferences', { token: op1 })).toEqual({ status: 200, body: { favoriteTargets: null } });

    const saved = await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: ['minzdrav', 'mintrans'] } });
    expect(saved).toEqual({ status: 200, body: { favoriteTargets: ['minzdrav', 'mintrans'] } });
    expect((await fx.call('PUT', '/me/preferences', { token: op2, body: { favoriteTargets: [] } })).status).toBe(200);

    await fx.restart();
    // Sessions are stored, so the tokens still work after the restart.
    expect((await fx.call('GET', '/me/preferences', { token: op1 })).body).toEqual({ favoriteTargets: ['minzdrav', 'mintrans'] });
    expect((await fx.call('GET', '/me/preferences', { token: op2 })).body).toEqual({ favoriteTargets: [] });

    // A second save replaces the first.
    await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: ['gov'] } });
    expect((await fx.call('GET', '/me/preferences', { token: op1 })).body).toEqual({ favoriteTargets: ['gov'] });
  });

  it('refuses more than nine targets, unknown fields, no session and the connector role', async () => {
    const op1 = await fx.signIn('operator1');
    const ten = Array.from({ length: 10 }, (_, i) => `t${i}`);
    expect((await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: ten } })).status).toBe(400);
    expect((await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: [], userId: 'u-operator2' } })).status).toBe(400);
    expect((await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: ['x'.repeat(101)] } })).status).toBe(400);
    // '' is an empty slot between chosen ones.
    expect((await fx.call('PUT', '/me/preferences', { token: op1, body: { favoriteTargets: ['', 'gov'] } })).status).toBe(200);
    expect((await fx.call('GET', '/me/preferences')).status).toBe(401);
    const connector = await fx.signIn('connector');
    expect((await fx.call('GET', '/me/preferences', { token: connector })).status).toBe(403);
    expect((await fx.call('GET', '/me/preferences', { token: op1 })).body).toEqual({ favoriteTargets: ['', 'gov'] });
  });
});
