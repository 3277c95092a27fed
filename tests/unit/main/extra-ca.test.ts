// The policy's extra root CA: a chain issued by it is trusted for its host (Chromium-side check), nothing else is;
// and once added to Node's default CAs the core's fetch reaches an https server it signed. Certificates are made
// fresh by openssl in a temp folder (no keys in the repository); skipped where openssl is absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainTrustedByExtraCa, trustExtraCasForNode } from '../../../electron/main/extra-ca.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let dir: string;
const pem = (name: string) => readFileSync(path.join(dir, name), 'utf8');

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeCa(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
    '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.pem`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function makeLeaf(name: string, ca: string, host: string): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${host}`,
    '-keyout', `${name}.key`, '-out', `${name}.csr`);
  writeFileSync(path.join(dir, `${name}.ext`), `subjectAltName=DNS:${host},IP:127.0.0.1\nbasicConstraints=CA:FALSE\n`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '10',
    '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

describe.skipIf(!hasOpenssl)('extra root CA from the policy', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'extra-ca-'));
    makeCa('national-root');
    makeCa('stranger-root');
    makeLeaf('api', 'national-root', 'cur.nso.ru');
    makeLeaf('fake', 'stranger-root', 'cur.nso.ru');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts a chain the extra root issued, for its host only, and only while in date', () => {
    const roots = [pem('national-root.pem')];
    expect(chainTrustedByExtraCa([pem('api.pem')], roots, 'cur.nso.ru')).toBe(true);
    expect(chainTrustedByExtraCa([pem('api.pem'), pem('national-root.pem')], roots, 'cur.nso.ru')).toBe(true);
    expect(chainTrustedByExtraCa([pem('api.pem')], roots, 'evil.example')).toBe(false);
    expect(chainTrustedByExtraCa([pem('fake.pem')], roots, 'cur.nso.ru')).toBe(false);
    expect(chainTrustedByExtraCa([pem('fake.pem'), pem('stranger-root.pem')], roots, 'cur.nso.ru')).toBe(false);
    expect(chainTrustedByExtraCa([pem('api.pem')], [], 'cur.nso.ru')).toBe(false);
    expect(chainTrustedByExtraCa([pem('api.pem')], roots, 'cur.nso.ru', new Date(Date.now() + 60 * 86_400_000))).toBe(false);
    // A leaf is not a CA: it cannot be passed off as a root.
    expect(chainTrustedByExtraCa([pem('api.pem')], [pem('api.pem')], 'cur.nso.ru')).toBe(false);
  });

  it("makes Node's fetch (the core's API client) trust a server the extra root signed", async () => {
    const server = createServer({ key: pem('api.key'), cert: pem('api.pem') }, (_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`;
    try {
      await expect(fetch(url)).rejects.toThrow();
      trustExtraCasForNode([pem('national-root.pem')]);
      expect(await (await fetch(url)).json()).toEqual({ ok: true });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
