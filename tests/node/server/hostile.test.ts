// Hostile input: malformed JSON, oversize bodies, schema violations and smuggled keys are refused
// (400 / 413, ApiError body) and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { MAX_TEXT_LENGTH } from '../../../shared/domain/appeal.js';
import { incoming, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
let connector: string;
let lead: string;
beforeEach(async () => {
  fx = await startFixture();
  connector = await fx.signIn('connector');
  lead = await fx.signIn('lead');
});
afterEach(async () => {
  await fx.dispose();
});

const stored = async () => ChangesResponse.parse((await fx.call('GET', '/changes', { token: lead })).body).appeals;

describe('hostile payloads', () => {
  it('refuses bad ingest bodies with 400 and stores nothing', async () => {
    const bad: { name: string; body?: unknown; raw?: string }[] = [
      { name: 'not json', raw: '{"appeals": [' },
      { name: 'empty body', raw: '' },
      { name: 'deep nesting', raw: '['.repeat(200_000) + ']'.repeat(200_000) },
      { name: 'no appeals', body: { appeals: [] } },
      { name: 'wrong type', body: { appeals: [incoming('vk-1', { text: 42 })] } },
      { name: 'unknown source', body: { appeals: [incoming('vk-1', { source: 'myspace' })] } },
      { name: 'bad date', body: { appeals: [incoming('vk-1', { receivedAt: 'вчера' })] } },
      { name: 'text too long', body: { appeals: [incoming('vk-1', { text: 'я'.repeat(MAX_TEXT_LENGTH + 1) })] } },
      { name: 'one bad in a batch', body: { appeals: [incoming('vk-1'), incoming('vk-2', { id: '' })] } },
      { name: 'array body', body: [incoming('vk-1')] },
    ];
    for (const b of bad) {
      const res = await fx.call('POST', '/appeals', { token: connector, ...(b.raw === undefined ? { body: b.body } : { rawBody: b.raw }) });
      expect(res.status, b.name).toBe(400);
      expect(res.body, b.name).toMatchObject({ error: { code: expect.stringMatching(/^invalid_/), message: expect.any(String) } });
    }
    expect(await stored()).toEqual([]);
  });

  it('answers 413 to a body over 5 MB and stores nothing', async () => {
    const huge = { appeals: [incoming('vk-1', { text: 'а'.repeat(3_000_000) })] }; // 6 MB of UTF-8
    const res = await fx.call('POST', '/appeals', { token: connector, body: huge });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(await stored()).toEqual([]);
  });

  it('drops smuggled keys and cannot be made to set status, version or routing on ingest', async () => {
    const sneaky = JSON.stringify({ appeals: [incoming('vk-7', { status: 'routed', version: 99, targetId: 'gov' })] })
      .replace('"id":', '"__proto__":{"polluted":true},"id":');
    const res = await fx.call('POST', '/appeals', { token: connector, rawBody: sneaky });
    expect(res.status).toBe(200);
    const [appeal] = await stored();
    expect(appeal).toMatchObject({ id: 'vk-7', status: 'new', version: 1, targetId: null });
    expect(appeal).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps control characters and markup as inert data, byte for byte', async () => {
    const text = '<script>alert(1)</script>\u202Eтекст\u0000 «ул. Ленина 12» 😡';
    expect((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-8', { text })] } })).status).toBe(200);
    expect((await stored())[0]?.text).toBe(text);
  });

  it('refuses malformed mutations with 400, and unknown paths and methods with 404 and 405', async () => {
    const m = { id: 'short', appealId: 'vk-1', baseVersion: 0, createdAt: 'now', type: 'route', targetId: 'gov' };
    expect((await fx.call('POST', '/mutations', { token: lead, body: { mutations: [m] } })).status).toBe(400);
    expect((await fx.call('POST', '/mutations', { token: lead, body: { mutations: [] } })).status).toBe(400);
    expect((await fx.call('GET', '/../../etc/passwd')).status).toBe(404);
    expect((await fx.call('GET', '/session')).status).toBe(405);
  });
});
