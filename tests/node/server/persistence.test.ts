// Persistence: appeals, decisions, mutation ids, sessions and the change sequence survive a restart on the same folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse, MutationsResponse } from '../../../shared/central-api/contract.js';
import { incoming, mutationId, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.dispose();
});

describe('restart on the same data folder', () => {
  it('keeps data, sessions, mutation ids and continues the sequence', async () => {
    const connector = await fx.signIn('connector');
    const op = await fx.signIn('operator1');
    await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-1'), incoming('pos-2', { source: 'pos' })] } });
    const m = { id: mutationId(), appealId: 'vk-1', baseVersion: 1, createdAt: new Date().toISOString(), type: 'route', targetId: 'mintrans' };
    await fx.call('POST', '/mutations', { token: op, body: { mutations: [m] } });
    const before = ChangesResponse.parse((await fx.call('GET', '/changes', { token: op })).body);

    await fx.restart();

    // The old token still works: sessions live in the database, not in memory.
    const after = ChangesResponse.parse((await fx.call('GET', '/changes', { token: op })).body);
    expect(after).toEqual(before);
    const resend = MutationsResponse.parse((await fx.call('POST', '/mutations', { token: op, body: { mutations: [m] } })).body);
    expect(resend.results[0]).toMatchObject({ status: 'duplicate', appeal: { targetId: 'mintrans', version: 2 } });

    const dup = await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-1'), incoming('vk-3')] } });
    expect(dup.body).toEqual({ accepted: 1, duplicates: 1 });
    const next = ChangesResponse.parse((await fx.call('GET', `/changes?cursor=${before.cursor}`, { token: op })).body);
    expect(next.appeals.map((a) => a.id)).toEqual(['vk-3']);
    expect(Number(next.cursor)).toBeGreaterThan(Number(before.cursor));
  });
});
