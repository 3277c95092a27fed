// openapi.json lists the connectors' paths (they sit outside the contract table), and every path it lists is one the
// router serves: with one page per platform configured, a POST without the platform's proof to each documented path
// is refused by that connector (400/401/403), never «no such address» (404).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../../../shared/central-api/contract.js';
import { CONNECTOR_PATHS } from '../../../../server/connectors/connectors-openapi.js';
import { startFixture, tempDir, type Fixture } from '../server-fixture.js';

const VALUES: Record<string, string> = { groupId: '123456', bot: 'nso_minzdrav_bot', pathSecret: 'wrong-secret-value-0000' };
let fx: Fixture;

beforeAll(async () => {
  const dir = tempDir();
  const file = join(dir, 'connectors.json');
  const channel = { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' };
  writeFileSync(file, JSON.stringify({
    vk: [{ groupId: 123456, secret: 'vk-secret-value-0001', confirmation: 'abc123', channel }],
    telegram: [{ bot: 'nso_minzdrav_bot', secretToken: 'tg-secret-token-value-0002', channel: { ...channel, url: 'https://t.me/minzdrav_nso' } }],
    ok: [{ groupId: '123456', pathSecret: 'ok-path-secret-value-0003', channel: { ...channel, url: 'https://ok.ru/group/123456' } }],
  }), { mode: 0o600 });
  fx = await startFixture({ dir, server: { connectors: { file, env: {} } } });
});

afterAll(async () => {
  await fx.dispose();
});

describe('the connectors in openapi.json', () => {
  it('lists the four connector paths, and the router serves each one it lists', async () => {
    const doc = (await fx.call('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const listed = Object.keys(doc.paths).filter((p) => p.startsWith(`${API_PREFIX}/connectors/`)).sort();
    expect(listed).toEqual(Object.keys(CONNECTOR_PATHS).sort());
    expect(listed).toHaveLength(4);
    for (const documented of listed) {
      expect(doc.paths[documented]?.post, documented).toBeDefined();
      const url = documented.replace(/\{(\w+)\}/g, (_, name: string) => VALUES[name] ?? name);
      const res = await fetch(`${fx.server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await res.text();
      expect([400, 401, 403], `${documented} → ${res.status}`).toContain(res.status);
    }
  });
});
