// The extra root CAs of the policy's caBundle (the Russian national root CA of government TLS is not in the
// stores Node and Chromium ship). Node side: tls.setDefaultCACertificates, so the core's fetch to the API
// trusts them. Chromium side (the updater's requests): RFC 5280 path validation against the same roots by pkijs,
// plus the checks pkijs leaves out (path length, serverAuth) and the host name by Node.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';
import {
  BasicConstraints, Certificate, CertificateChainValidationEngine, CryptoEngine, ExtKeyUsage, id_BasicConstraints,
  id_ExtKeyUsage,
} from 'pkijs';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
// Handed to pkijs explicitly: its default engine is set by an import-time side effect a bundler may drop.
const webcrypto = new CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto });

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

const isCert = (cert: X509Certificate | null): cert is X509Certificate => cert !== null;
const toPkijs = (cert: X509Certificate): Certificate => Certificate.fromBER(cert.raw);

function hostMatches(leaf: X509Certificate, hostname: string): boolean {
  return (isIP(hostname) === 0 ? leaf.checkHost(hostname) : leaf.checkIP(hostname)) !== undefined;
}

/**
 * RFC 5280 6.1.4 (l, m), which pkijs does not check: a CA's pathLenConstraint caps the non-self-issued intermediates
 * below it. `path` is leaf first, root last; the root's own limit counts too, as OpenSSL (Node's side) counts it.
 */
function pathLengthsHold(path: readonly Certificate[]): boolean {
  let below = 0;
  for (const cert of path.slice(1)) {
    const constraints = cert.extensions?.find((ext) => ext.extnID === id_BasicConstraints)?.parsedValue;
    const limit = constraints instanceof BasicConstraints ? constraints.pathLenConstraint : undefined;
    if (typeof limit === 'number' && below > limit) return false;
    if (!cert.subject.isEqual(cert.issuer)) below += 1;
  }
  return true;
}

/** A leaf that lists its extended key usages must list serverAuth (pkijs does not look at EKU). */
function allowsServerAuth(leaf: Certificate): boolean {
  const eku = leaf.extensions?.find((ext) => ext.extnID === id_ExtKeyUsage);
  return eku === undefined || (eku.parsedValue instanceof ExtKeyUsage && eku.parsedValue.keyPurposes.includes(SERVER_AUTH));
}

/**
 * True when `chain` (leaf first, PEM, as Chromium hands it over) is valid for `hostname` at `now` and ends in one of
 * the extra roots: signatures, validity dates, CA flags and keyCertSign, name constraints and certificate policies
 * (pkijs), path lengths, serverAuth and the host name. Never rejects: anything unparsable is untrusted.
 */
export async function chainTrustedByExtraCa(chain: readonly string[], extraRoots: readonly string[], hostname: string,
  now: Date = new Date()): Promise<boolean> {
  const certs = chain.map(parse).filter(isCert);
  const roots = extraRoots.map(parse).filter(isCert);
  const [leaf, ...intermediates] = certs;
  if (!leaf || roots.length === 0 || certs.length !== chain.length) return false;
  try {
    if (!hostMatches(leaf, hostname)) return false;
    const end = toPkijs(leaf);
    // pkijs takes the last of `certs` as the end-entity certificate.
    const engine = new CertificateChainValidationEngine({
      trustedCerts: roots.map(toPkijs), certs: [...intermediates.map(toPkijs), end], checkDate: now,
    });
    const { result, certificatePath: path } = await engine.verify({}, webcrypto);
    return result && path !== undefined && path[0] === end && pathLengthsHold(path) && allowsServerAuth(end);
  } catch {
    return false;
  }
}
