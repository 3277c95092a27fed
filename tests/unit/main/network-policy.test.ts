// The machine policy's proxy and extra CA reach every session the app's traffic uses: the default session (the core's
// net.fetch) and electron-updater's own session (autoUpdater.netSession), which otherwise bypasses both. Electron does
// not run here: fake sessions record what they are told; the real check is tests/electron/security.spec.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProxyConfig } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_POLICY, type MachinePolicy } from '../../../electron/main/machine-policy.js';
import {
  applyNetworkPolicy, configureSessionNetwork, extraCaVerifyProc, proxyConfigFor, type NetworkSession,
} from '../../../electron/main/network-policy.js';

type VerifyProc = ReturnType<typeof extraCaVerifyProc>;
type VerifyRequest = Parameters<VerifyProc>[0];

interface FakeSession extends NetworkSession {
  proxies: ProxyConfig[];
  verifyProcs: Array<VerifyProc | null>;
}

function fakeSession(): FakeSession {
  const proxies: ProxyConfig[] = [];
  const verifyProcs: Array<VerifyProc | null> = [];
  return {
    proxies,
    verifyProcs,
    setProxy: async (config) => {
      proxies.push(config);
    },
    setCertificateVerifyProc: (proc) => {
      verifyProcs.push(proc);
    },
  };
}

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const office: MachinePolicy = {
  ...EMPTY_POLICY,
  updateUrl: 'https://updates.cur.nso.ru/desk',
  proxy: { mode: 'fixed', rules: 'http://proxy.nso.local:3128', bypass: '*.nso.local' },
  caBundle: { file: '/etc/triage-desk/ca.pem', pems: [PEM] },
};

describe('proxyConfigFor', () => {
  it('turns the policy proxy into Chromium proxy settings, and leaves the default alone without one', () => {
    expect(proxyConfigFor(office)).toEqual({ mode: 'fixed_servers', proxyRules: 'http://proxy.nso.local:3128', proxyBypassRules: '*.nso.local' });
    expect(proxyConfigFor({ ...EMPTY_POLICY, proxy: { mode: 'system' } })).toEqual({ mode: 'system' });
    expect(proxyConfigFor({ ...EMPTY_POLICY, proxy: { mode: 'direct' } })).toEqual({ mode: 'direct' });
    expect(proxyConfigFor(EMPTY_POLICY)).toBeNull();
  });
});

describe('applyNetworkPolicy', () => {
  it('gives the updater session the same proxy and CA check as the default session', async () => {
    const defaultSession = fakeSession();
    const updater = fakeSession();
    const trusted: string[][] = [];
    const names = await applyNetworkPolicy(office, { defaultSession, updaterSession: () => updater }, (pems) => trusted.push([...pems]));
    expect(names).toEqual(['default', 'updater']);
    for (const session of [defaultSession, updater]) {
      expect(session.proxies).toEqual([{ mode: 'fixed_servers', proxyRules: 'http://proxy.nso.local:3128', proxyBypassRules: '*.nso.local' }]);
      expect(session.verifyProcs).toHaveLength(1);
      expect(typeof session.verifyProcs[0]).toBe('function');
    }
    // Node's default CA list is extended once, not per session.
    expect(trusted).toEqual([[PEM]]);
  });

  it('does not create the updater session when the policy has no updateUrl (no self-update)', async () => {
    const defaultSession = fakeSession();
    let asked = false;
    const { updateUrl: _none, ...noUpdates } = office;
    const names = await applyNetworkPolicy(noUpdates,
      { defaultSession, updaterSession: () => { asked = true; return fakeSession(); } }, () => {});
    expect(names).toEqual(['default']);
    expect(asked).toBe(false);
    expect(defaultSession.proxies).toHaveLength(1);
  });

  it('touches nothing for a policy without proxy or CA', async () => {
    const defaultSession = fakeSession();
    const updater = fakeSession();
    await applyNetworkPolicy({ ...EMPTY_POLICY, updateUrl: 'https://u.example/desk' }, { defaultSession, updaterSession: () => updater }, () => {});
    expect([defaultSession.proxies, defaultSession.verifyProcs, updater.proxies, updater.verifyProcs]).toEqual([[], [], [], []]);
  });

  it('waits for setProxy before it resolves: the first update check already goes through the proxy', async () => {
    let settled = false;
    const slow: NetworkSession = {
      setProxy: () => new Promise((resolve) => setTimeout(() => { settled = true; resolve(); }, 20)),
      setCertificateVerifyProc: () => {},
    };
    await configureSessionNetwork(slow, office);
    expect(settled).toBe(true);
  });
});

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(!hasOpenssl)('the extra-CA verify proc a session gets', () => {
  let dir: string;
  const pem = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'network-policy-'));
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
      '-subj', '/CN=national-root', '-keyout', 'root.key', '-out', 'root.pem',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=updates.cur.nso.ru',
      '-keyout', 'leaf.key', '-out', 'leaf.csr');
    writeFileSync(path.join(dir, 'leaf.ext'), 'subjectAltName=DNS:updates.cur.nso.ru\nbasicConstraints=CA:FALSE\n');
    openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-days', '10',
      '-extfile', 'leaf.ext', '-out', 'leaf.pem');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The proc answers through the callback once the (asynchronous) chain check is done.
  function verdict(proc: VerifyProc, hostname: string, errorCode: number): Promise<number> {
    const root = { data: pem('root.pem') } as Electron.Certificate;
    const leaf = { data: pem('leaf.pem'), issuerCert: root } as Electron.Certificate;
    return new Promise((resolve) => proc({ hostname, certificate: leaf, errorCode } as VerifyRequest, resolve));
  }

  it("keeps Chromium's verdict unless the chain verifies up to the policy's root for that host", async () => {
    const proc = extraCaVerifyProc([pem('root.pem')]);
    expect(await verdict(proc, 'updates.cur.nso.ru', 0)).toBe(-3);
    expect(await verdict(proc, 'updates.cur.nso.ru', -202)).toBe(0);
    expect(await verdict(proc, 'evil.example', -202)).toBe(-3);
    expect(await verdict(extraCaVerifyProc([PEM]), 'updates.cur.nso.ru', -202)).toBe(-3);
  });
});
