// The OK part of the connectors file and the source-address allowlist, without a server: `allowFrom` entries are
// IPs or CIDR ranges (a mistake names the file and the key), the path secret is one URL segment, and the allowlist
// matches the socket address the way the webhook asks it (IPv4, IPv6, IPv4-mapped IPv6).
import { describe, expect, it } from 'vitest';
import { describeConnectors } from '../../../../server/connectors/connector-routes.js';
import { loadConnectorsConfig } from '../../../../server/connectors/connectors-config.js';
import { allowEntryProblem, createAddressAllowlist } from '../../../../server/connectors/ok/ok-address-allowlist.js';
import { useConnectorsFiles } from './connectors-file.js';

const { writeConfig, errorOf } = useConnectorsFiles();

const okGroup = (overrides: Record<string, unknown> = {}) => ({
  groupId: '70000001234567', pathSecret: { env: 'OK_SECRET' },
  channel: { name: 'Минздрав НСО', url: 'https://ok.ru/group/70000001234567' }, ...overrides,
});

describe('connectors file: ok', () => {
  it('resolves the path secret and keeps allowFrom; start lines name the address shape, never the secret', () => {
    const file = writeConfig({ ok: [okGroup({ allowFrom: ['217.20.145.192/28', '2001:db8::/32', '10.1.2.3'] })] });
    const log: string[] = [];
    const config = loadConnectorsConfig(file, { env: { OK_SECRET: 'a-long-enough-path-secret' }, platform: 'linux', log: (line) => log.push(line) });
    expect(config.ok).toEqual([{ ...okGroup({ allowFrom: ['217.20.145.192/28', '2001:db8::/32', '10.1.2.3'] }), pathSecret: 'a-long-enough-path-secret' }]);
    expect(log).toEqual([]);
    const lines = describeConnectors(config);
    expect(lines).toContain('connectors: ok: 70000001234567 (Минздрав НСО, from 217.20.145.192/28 2001:db8::/32 10.1.2.3) '
      + 'at /api/v1/connectors/ok/{groupId}/{pathSecret}');
    expect(lines.join('\n')).not.toContain('a-long-enough-path-secret');
    expect(lines.join('\n')).not.toContain('not served');
  });

  it('names the key of a bad allowFrom entry or path secret, and warns about a short secret', () => {
    const env = { OK_SECRET: 'a-long-enough-path-secret' };
    const cases: [unknown, RegExp][] = [
      [{ ok: [okGroup({ allowFrom: ['217.20.145.192/28', '217.20.145.300'] })] }, /connectors\.json: ok\[0\]\.allowFrom\[1\]: "217\.20\.145\.300" is not an IP address/],
      [{ ok: [okGroup({ allowFrom: ['10.0.0.0/33'] })] }, /ok\[0\]\.allowFrom\[0\]: "10\.0\.0\.0\/33": the prefix length must be 0–32/],
      [{ ok: [okGroup({ allowFrom: ['ok.ru'] })] }, /ok\[0\]\.allowFrom\[0\]: "ok\.ru" is not an IP address/],
      [{ ok: [okGroup({ allowFrom: ['::1/129'] })] }, /ok\[0\]\.allowFrom\[0\]: .*0–128/],
      [{ ok: [okGroup({ allowFrom: [] })] }, /ok\[0\]\.allowFrom: list at least one address/],
      [{ ok: [okGroup({ allowFrom: '217.20.145.192/28' })] }, /ok\[0\]\.allowFrom: /],
      [{ ok: [okGroup({ pathSecret: 'has/slash-in-it-and-long' })] }, /ok\[0\]\.pathSecret: only letters, digits and \. _ ~ -/],
    ];
    for (const [content, expected] of cases) expect(errorOf(writeConfig(content), env)).toMatch(expected);
    expect(errorOf(writeConfig({ ok: [okGroup()] }), { OK_SECRET: 'with space and long enough' })).toMatch(/ok\[0\]\.pathSecret: only letters/);

    const log: string[] = [];
    loadConnectorsConfig(writeConfig({ ok: [okGroup()] }), { env: { OK_SECRET: 'short' }, platform: 'linux', log: (line) => log.push(line) });
    expect(log).toEqual([expect.stringMatching(/ok\[0\]\.pathSecret is shorter than 16 characters/)]);
    expect(log.join('\n')).not.toContain('short"');
  });
});

describe('the OK source-address allowlist', () => {
  it('validates entries', () => {
    for (const good of ['217.20.145.192/28', '0.0.0.0/0', '127.0.0.1', '::1', '2001:db8::/32', '::ffff:127.0.0.0/104']) {
      expect(allowEntryProblem(good), good).toBeUndefined();
    }
    for (const bad of ['', '/24', '10.0.0.1/', '10.0.0.1/8/8', '10.0.0.1/-1', '10.0.0.1/ 8', '1.2.3', 'localhost', '::1/200']) {
      expect(allowEntryProblem(bad), bad).toBeDefined();
    }
  });

  it('matches IPv4, IPv6 and IPv4-mapped IPv6 socket addresses; no list allows all, an unknown address none', () => {
    const list = createAddressAllowlist(['217.20.145.192/28', '2001:db8::/32', '10.1.2.3']);
    expect(list.allows('217.20.145.193')).toBe(true);
    expect(list.allows('217.20.145.207')).toBe(true);
    expect(list.allows('217.20.145.208')).toBe(false);
    expect(list.allows('::ffff:217.20.145.200')).toBe(true);
    expect(list.allows('::ffff:217.20.146.1')).toBe(false);
    expect(list.allows('10.1.2.3')).toBe(true);
    expect(list.allows('10.1.2.4')).toBe(false);
    expect(list.allows('2001:db8::42')).toBe(true);
    expect(list.allows('2001:db9::42')).toBe(false);
    expect(list.allows('127.0.0.1')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('not an address')).toBe(false);
    expect(createAddressAllowlist(undefined).allows('203.0.113.9')).toBe(true);
    expect(createAddressAllowlist(['::ffff:127.0.0.0/104']).allows('127.0.0.1')).toBe(true);
  });
});
