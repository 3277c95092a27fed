// The extra root CAs of the policy's caBundle (the Russian national root CA of government TLS is not in the
// stores Node and Chromium ship). Node side: tls.setDefaultCACertificates, so the core's fetch to the API
// trusts them. Chromium side (the updater's requests): a chain check against the same roots, pure and tested.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';

/** Adds the PEMs to the default CA list of this process (Node ≥ 22.15); every later TLS connection uses it. */
export function trustExtraCasForNode(pems: readonly string[]): void {
  if (pems.length === 0) return;
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), ...pems]);
}

function parse(pem: string): X509Certificate | null {
  try {
    return new X509Certificate(pem);
  } catch {
    return null;
  }
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return new Date(cert.validFrom) <= now && now <= new Date(cert.validTo);
}

/**
 * True when `chain` (leaf first, PEM, as Chromium hands it over) is valid for `hostname` and ends in one of the
 * extra roots: every link is signed by the next, every certificate is in date, the issuing certificates are CAs.
 */
export function chainTrustedByExtraCa(chain: readonly string[], extraRoots: readonly string[], hostname: string,
  now: Date = new Date()): boolean {
  const certs = chain.map(parse);
  const roots = extraRoots.map(parse).filter((cert): cert is X509Certificate => cert !== null && cert.ca);
  const leaf = certs[0];
  if (!leaf || roots.length === 0 || certs.some((cert) => cert === null)) return false;
  const hostMatches = isIP(hostname) === 0 ? leaf.checkHost(hostname) !== undefined : leaf.checkIP(hostname) !== undefined;
  if (!hostMatches) return false;
  const links = certs as X509Certificate[];
  for (let i = 0; i < links.length; i += 1) {
    const cert = links[i] as X509Certificate;
    if (!validAt(cert, now)) return false;
    const root = roots.find((candidate) => validAt(candidate, now) && cert.checkIssued(candidate) &&
      cert.verify(candidate.publicKey));
    if (root !== undefined) return true;
    const issuer = links[i + 1];
    if (!issuer || !issuer.ca || !cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return false;
  }
  return false;
}
