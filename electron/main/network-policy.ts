// The machine policy's proxy and extra root CAs, applied to every Electron session that carries the app's traffic:
// the default session (net.fetch of the core's API client) and electron-updater's own session
// (`autoUpdater.netSession`, partition "electron-updater"), which would otherwise bypass both.
import type { ProxyConfig, Session } from 'electron';
import { chainTrustedByExtraCa, trustExtraCasForNode } from './extra-ca.js';
import type { MachinePolicy } from './machine-policy.js';

/** The part of a Session this module touches (a fake one records the calls in unit tests). */
export type NetworkSession = Pick<Session, 'setProxy' | 'setCertificateVerifyProc'>;
type VerifyProc = Parameters<Session['setCertificateVerifyProc']>[0] & {};

/** Chromium's proxy settings for the policy's `proxy`, or null when the policy leaves the session's default. */
export function proxyConfigFor(policy: MachinePolicy): ProxyConfig | null {
  if (policy.proxy === undefined) return null;
  if (policy.proxy.mode === 'fixed') {
    return { mode: 'fixed_servers', proxyRules: policy.proxy.rules ?? '', proxyBypassRules: policy.proxy.bypass ?? '' };
  }
  return { mode: policy.proxy.mode };
}

/**
 * A certificate check that keeps Chromium's verdict (-3) and only turns a rejected chain into "trusted" (0) when it
 * verifies up to one of the extra roots (path validation and host name: extra-ca.ts). The check is asynchronous
 * (WebCrypto); Chromium waits for the callback.
 */
export function extraCaVerifyProc(roots: readonly string[]): VerifyProc {
  return (request, callback) => {
    if (request.errorCode === 0) return callback(-3);
    const chain: string[] = [];
    for (let cert: Electron.Certificate | undefined = request.certificate; cert && chain.length < 8; cert = cert.issuerCert) {
      chain.push(cert.data);
      if (cert.issuerCert === cert) break;
    }
    void chainTrustedByExtraCa(chain, roots, request.hostname).then((trusted) => callback(trusted ? 0 : -3));
  };
}

/** Applies the policy's proxy and extra CAs to one session. */
export async function configureSessionNetwork(target: NetworkSession, policy: MachinePolicy): Promise<void> {
  const proxy = proxyConfigFor(policy);
  if (proxy !== null) await target.setProxy(proxy);
  const roots = policy.caBundle?.pems ?? [];
  if (roots.length > 0) target.setCertificateVerifyProc(extraCaVerifyProc(roots));
}

export interface AppSessions {
  defaultSession: NetworkSession;
  /** electron-updater's session; asked for only when the policy turns updates on. */
  updaterSession: () => NetworkSession;
}

/**
 * The whole network policy: Node's default CA list (any Node-side TLS), the default session, and the updater's
 * session when `updateUrl` is set. Returns the names of the sessions it configured (for the log).
 */
export async function applyNetworkPolicy(policy: MachinePolicy, sessions: AppSessions,
  trustForNode: (pems: readonly string[]) => void = trustExtraCasForNode): Promise<string[]> {
  trustForNode(policy.caBundle?.pems ?? []);
  const targets: Array<[string, NetworkSession]> = [['default', sessions.defaultSession]];
  if (policy.updateUrl !== undefined) targets.push(['updater', sessions.updaterSession()]);
  await Promise.all(targets.map(([, target]) => configureSessionNetwork(target, policy)));
  return targets.map(([name]) => name);
}
