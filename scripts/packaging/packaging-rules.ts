// What a shippable build must say (fuses, signing, targets), checked on the configuration electron-builder
// itself loads and validates, so the CI step needs no Electron download and no signing material.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export type BuilderConfig = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  win?: Record<string, unknown> & { signtoolOptions?: Record<string, unknown> };
  mac?: Record<string, unknown>;
  linux?: { target?: unknown };
  nsis?: Record<string, unknown>;
  afterAllArtifactBuild?: string;
};

interface ConfigApi {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
}

/** electron-builder's own loader (resolves `extends`) and schema validation; throws on an invalid config. */
export async function loadBuilderConfig(projectDir: string, file: string): Promise<BuilderConfig> {
  const api = require('app-builder-lib/out/util/config/config.js') as ConfigApi;
  const config = await api.getConfig(projectDir, path.resolve(projectDir, file), null);
  await api.validateConfiguration(config, { isEnabled: false, add: () => undefined });
  return config;
}

export const SHIPPING_FUSES: Readonly<Record<string, boolean>> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};

const targetsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((t) => (typeof t === 'string' ? t : String((t as { target?: unknown })?.target)));

/** Problems with the shipping configuration; `test` allows only the inspect fuse Playwright needs. */
export function packagingProblems(config: BuilderConfig, kind: 'shipping' | 'test'): string[] {
  const problems: string[] = [];
  const fuses = config.electronFuses ?? {};
  for (const [fuse, wanted] of Object.entries(SHIPPING_FUSES)) {
    const expected = kind === 'test' && fuse === 'enableNodeCliInspectArguments' ? true : wanted;
    if (fuses[fuse] !== expected) problems.push(`electronFuses.${fuse} must be ${String(expected)}`);
  }
  if (config.asar === false) problems.push('asar must stay on (integrity check, only-from-asar fuse)');
  const sign = config.win?.signtoolOptions ?? {};
  for (const secret of ['certificateFile', 'certificatePassword', 'certificateSha1']) {
    if (secret in sign) problems.push(`win.signtoolOptions.${secret} must come from the environment (CSC_LINK / WIN_CSC_LINK), not the file`);
  }
  if (!Array.isArray(sign.publisherName) || sign.publisherName.length === 0) problems.push('win.signtoolOptions.publisherName is needed for update signature checks');
  if (config.win?.verifyUpdateCodeSignature === false) problems.push('win.verifyUpdateCodeSignature must not be false');
  if (!targetsOf(config.win?.target).includes('nsis')) problems.push('win.target must include nsis');
  if (config.nsis?.perMachine !== true) problems.push('nsis.perMachine must be true');
  if (config.mac?.hardenedRuntime !== true) problems.push('mac.hardenedRuntime must be true');
  if (config.mac?.notarize !== true) problems.push('mac.notarize must be true (credentials from APPLE_* env)');
  if (typeof config.mac?.entitlements !== 'string') problems.push('mac.entitlements must name a plist in resources/');
  for (const target of ['dmg', 'zip']) if (!targetsOf(config.mac?.target).includes(target)) problems.push(`mac.target must include ${target}`);
  for (const target of ['deb', 'rpm', 'AppImage']) if (!targetsOf(config.linux?.target).includes(target)) problems.push(`linux.target must include ${target}`);
  if (typeof config.afterAllArtifactBuild !== 'string') problems.push('afterAllArtifactBuild must write SHA-256 checksums');
  return problems;
}
