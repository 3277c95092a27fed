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
const file = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const pem = (name: string) => file(`${name}.pem`);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const HOST = 'desk.cur.nso.ru';

const CA = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';
const serverLeaf = (host: string) => `subjectAltName=DNS:${host}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`;

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function makeRoot(name: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
    '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.pem`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

/** A certificate for `name` signed by `ca`, with the extensions `ext` (openssl extfile lines). */
function issue(name: string, ca: string, ext: string, days = 10): void {
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${name}`,
    '-keyout', `${name}.key`, '-out', `${name}.csr`);
  writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial',
    '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

/** Whether the chain (names, leaf first) is trusted for `host` with the national root as the only extra root. */
function trusted(chain: string[], host = HOST, now?: Date): Promise<boolean> {
  return chainTrustedByExtraCa(chain.map(pem), [pem('national-root')], host, now);
}

describe.skipIf(!hasOpenssl)('extra root CA from the policy', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'extra-ca-'));
    makeRoot('national-root');
    makeRoot('stranger-root');
    issue('api', 'national-root', 'subjectAltName=DNS:cur.nso.ru,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
    issue('fake', 'stranger-root', serverLeaf(HOST));
    issue('issuing-ca', 'national-root', 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n', 20);
    issue('leaf', 'issuing-ca', serverLeaf(HOST));
    issue('client-leaf', 'issuing-ca', `subjectAltName=DNS:${HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n`);
    issue('sub-ca', 'issuing-ca', CA);
    issue('deep-leaf', 'sub-ca', serverLeaf(HOST));
    issue('open-ca', 'national-root', CA, 20);
    issue('open-sub-ca', 'open-ca', CA);
    issue('open-deep-leaf', 'open-sub-ca', serverLeaf(HOST));
    issue('short-ca', 'national-root', CA, 5);
    issue('short-leaf', 'short-ca', serverLeaf(HOST));
    issue('not-ca', 'national-root', 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n', 20);
    issue('not-ca-leaf', 'not-ca', serverLeaf(HOST));
    issue('no-certsign-ca', 'national-root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,cRLSign\n', 20);
    issue('no-certsign-leaf', 'no-certsign-ca', serverLeaf(HOST));
    issue('gov-ca', 'national-root', `${CA}nameConstraints=critical,permitted;DNS:.gov.example\n`, 20);
    issue('gov-leaf', 'gov-ca', serverLeaf('portal.gov.example'));
    issue('gov-stray-leaf', 'gov-ca', serverLeaf(HOST));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts a chain the extra root issued, for its host only, and only while in date', async () => {
    expect(await trusted(['api'], 'cur.nso.ru')).toBe(true);
    expect(await trusted(['api', 'national-root'], 'cur.nso.ru')).toBe(true);
    expect(await trusted(['api'], 'evil.example')).toBe(false);
    expect(await trusted(['api'], 'cur.nso.ru', inDays(60))).toBe(false);
    expect(await chainTrustedByExtraCa([pem('api')], [], 'cur.nso.ru')).toBe(false);
    // A leaf is not a CA: it cannot be passed off as a root.
    expect(await chainTrustedByExtraCa([pem('api')], [pem('api')], 'cur.nso.ru')).toBe(false);
  });

  it('trusts root → intermediate → leaf, with or without the root in the chain', async () => {
    expect(await trusted(['leaf', 'issuing-ca'])).toBe(true);
    expect(await trusted(['leaf', 'issuing-ca', 'national-root'])).toBe(true);
    expect(await trusted(['open-deep-leaf', 'open-sub-ca', 'open-ca'])).toBe(true);
  });

  it('refuses an expired leaf', async () => {
    expect(await trusted(['leaf', 'issuing-ca'], HOST, inDays(15))).toBe(false);
  });

  it('refuses a chain whose intermediate has expired, though the leaf and root are in date', async () => {
    expect(await trusted(['short-leaf', 'short-ca'])).toBe(true);
    expect(await trusted(['short-leaf', 'short-ca'], HOST, inDays(7))).toBe(false);
  });

  it('refuses a leaf for another host', async () => {
    expect(await trusted(['leaf', 'issuing-ca'], 'evil.example')).toBe(false);
  });

  it('refuses a leaf whose extended key usage is clientAuth only', async () => {
    expect(await trusted(['client-leaf', 'issuing-ca'])).toBe(false);
  });

  it("refuses a path longer than an intermediate's pathLenConstraint allows", async () => {
    expect(await trusted(['deep-leaf', 'sub-ca', 'issuing-ca'])).toBe(false);
  });

  it('refuses a certificate issued by an intermediate that is not a CA', async () => {
    expect(await trusted(['not-ca-leaf', 'not-ca'])).toBe(false);
  });

  it('refuses a certificate issued by a CA whose keyUsage lacks keyCertSign', async () => {
    expect(await trusted(['no-certsign-leaf', 'no-certsign-ca'])).toBe(false);
  });

  it('refuses a chain that does not end in an extra root', async () => {
    expect(await trusted(['fake'])).toBe(false);
    expect(await trusted(['fake', 'stranger-root'])).toBe(false);
  });

  it("refuses a leaf outside a name-constrained intermediate's permitted subtree", async () => {
    expect(await trusted(['gov-leaf', 'gov-ca'], 'portal.gov.example')).toBe(true);
    expect(await trusted(['gov-stray-leaf', 'gov-ca'])).toBe(false);
  });

  it("makes Node's fetch (the core's API client) trust a server the extra root signed", async () => {
    const server = createServer({ key: file('api.key'), cert: pem('api') }, (_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`;
    try {
      await expect(fetch(url)).rejects.toThrow();
      trustExtraCasForNode([pem('national-root')]);
      expect(await (await fetch(url)).json()).toEqual({ ok: true });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
