// What a shippable build must say (fuses, signing, targets, one SQLite addon per platform, rpm dependencies, icons),
// checked on the configuration electron-builder itself loads and validates, so the CI step needs no Electron download
// and no signing material.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface FileSet { from?: string; to?: string; filter?: string | string[] }
type PlatformOptions = Record<string, unknown> & { files?: Array<string | FileSet>; icon?: string };

export type BuilderConfig = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  win?: PlatformOptions & { signtoolOptions?: Record<string, unknown> };
  mac?: PlatformOptions;
  linux?: PlatformOptions & { target?: unknown };
  nsis?: Record<string, unknown>;
  rpm?: Record<string, unknown> & { depends?: string[] | string | null };
  files?: Array<string | FileSet>;
  asarUnpack?: string | string[];
  beforePack?: string;
  afterAllArtifactBuild?: string;
  directories?: { buildResources?: string; output?: string };
  extraMetadata?: Record<string, unknown>;
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
  // Operators have no admin rights: only a per-user, one-click install can update itself without a UAC prompt.
  if (config.nsis?.perMachine !== false || config.nsis?.oneClick !== true) {
    problems.push('nsis must be per user (perMachine: false, oneClick: true): a per-machine install updates only through UAC');
  }
  if (config.mac?.hardenedRuntime !== true) problems.push('mac.hardenedRuntime must be true');
  if (config.mac?.notarize !== true) problems.push('mac.notarize must be true (credentials from APPLE_* env)');
  if (typeof config.mac?.entitlements !== 'string') problems.push('mac.entitlements must name a plist in resources/');
  for (const target of ['dmg', 'zip']) if (!targetsOf(config.mac?.target).includes(target)) problems.push(`mac.target must include ${target}`);
  for (const target of ['deb', 'rpm', 'AppImage']) if (!targetsOf(config.linux?.target).includes(target)) problems.push(`linux.target must include ${target}`);
  if (typeof config.afterAllArtifactBuild !== 'string') problems.push('afterAllArtifactBuild must write SHA-256 checksums');
  if (typeof config.extraMetadata?.homepage !== 'string') problems.push('extraMetadata.homepage must be set: deb and rpm refuse to build without one');
  problems.push(...addonProblems(config), ...rpmDependsProblems(config.rpm?.depends), ...iconProblems(config));
  return problems;
}

const asList = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

/** The patterns of the top-level `files`, however electron-builder normalised them (strings or one FileSet). */
function topLevelPatterns(config: BuilderConfig): string[] {
  return asList(config.files).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.from == null ? asList(entry.filter) : []));
}

function addsOneFile(files: PlatformOptions['files'], from: string, to: string, file: string): boolean {
  const sets = asList(files);
  // A platform `files` list of bare exclusions makes electron-builder copy the whole project: only FileSets here.
  return sets.every((entry) => typeof entry !== 'string') &&
    sets.some((entry) => typeof entry !== 'string' && entry.from === from && entry.to === to && asList(entry.filter).join() === file);
}

/** Every package ships exactly its own platform's SQLite addon (Linux: the glibc-2.28 build). */
export function addonProblems(config: BuilderConfig): string[] {
  const problems: string[] = [];
  const patterns = topLevelPatterns(config);
  if (!patterns.includes('!node_modules/better-sqlite3/{src,deps,build,prebuilds}${/*}')) {
    problems.push('files must exclude better-sqlite3\'s sources, build folder and all prebuilds (each platform adds its own)');
  }
  if (!patterns.includes('!build/native${/*}')) problems.push('files must exclude build/native (Linux adds its addon through linux.files)');
  if (!asList(config.asarUnpack).includes('**/*.node')) problems.push('asarUnpack must include **/*.node (native code cannot load from the asar)');
  if (config.beforePack !== 'scripts/packaging/before-pack.cjs') problems.push('beforePack must be scripts/packaging/before-pack.cjs (makes sure the addon exists)');
  if (!addsOneFile(config.linux?.files, 'build/native/linux-${arch}', 'node_modules/better-sqlite3/build/Release', 'better_sqlite3.node')) {
    problems.push('linux.files must add only build/native/linux-${arch}/better_sqlite3.node as better-sqlite3/build/Release/better_sqlite3.node');
  }
  for (const [key, platform] of [['win', 'win32'], ['mac', 'darwin']] as const) {
    if (!addsOneFile(config[key]?.files, 'node_modules/better-sqlite3/prebuilds', 'node_modules/better-sqlite3/prebuilds', `${platform}-\${arch}.node`)) {
      problems.push(`${key}.files must add only better-sqlite3's prebuilds/${platform}-\${arch}.node`);
    }
  }
  return problems;
}

/**
 * rpm dependencies RED OS and ALT both resolve: sonames (`libX.so.N()(64bit)`, provided automatically by either
 * distribution's rpm) or a package name both use. No rich "(a or b)" dependencies, no Fedora-only names.
 */
export const RPM_PACKAGE_NAMES_ON_BOTH = ['xdg-utils'] as const;

export function rpmDependsProblems(depends: string[] | string | null | undefined): string[] {
  const list = asList(depends);
  if (list.length === 0) return ['rpm.depends must be set: electron-builder\'s defaults are Fedora names ALT does not have'];
  return list.flatMap((dep) => /^lib[\w.+-]*\.so(\.\d+)*\(\)\(64bit\)$/.test(dep) || (RPM_PACKAGE_NAMES_ON_BOTH as readonly string[]).includes(dep)
    ? [] : [`rpm.depends: "${dep}" is neither a soname nor a package name RED OS and ALT share`]);
}

/** Installer icons come from resources/installer, named per platform, never electron-builder's default Electron icon. */
export function iconProblems(config: BuilderConfig): string[] {
  const problems: string[] = [];
  if (config.directories?.buildResources !== 'resources/installer') problems.push('directories.buildResources must be resources/installer');
  const wanted = { win: 'icon.ico', mac: 'icon.icns', linux: 'icons' } as const;
  for (const [key, icon] of Object.entries(wanted) as Array<[keyof typeof wanted, string]>) {
    if (config[key]?.icon !== icon) problems.push(`${key}.icon must be ${icon} (in resources/installer)`);
  }
  return problems;
}

/**
 * What app.asar may hold: the app build, package.json and the node_modules of what the bundles leave outside
 * (better-sqlite3 and electron-updater with its dependencies); never sources, maps, TypeScript or tests, and within
 * a budget (electron-builder.yml `files`; bundling: electron/vite.config.ts). The Linux package measured 241 files,
 * 6.9 MB of app.asar (plus the 2.2 MB SQLite addon, unpacked) when this budget was set; 5,069 files and 20.9 MB
 * while zod, exceljs and snowball-stemmers were shipped besides being bundled.
 */
export const APP_BUDGET = { files: 300, asarBytes: 12 * 1024 * 1024 } as const;

export function appFileProblems(files: ReadonlyArray<{ file: string }>, asarBytes: number): string[] {
  const problems: string[] = [];
  const list = files.map((f) => f.file);
  const some = (matching: string[]): string => `${matching.slice(0, 5).join(', ')}${matching.length > 5 ? `, … (${matching.length})` : ''}`;
  const forbid = (what: string, test: (file: string) => boolean): void => {
    const matching = list.filter(test);
    if (matching.length > 0) problems.push(`app.asar carries ${what}: ${some(matching)}`);
  };
  forbid('files outside build/, node_modules/ and package.json', (f) => !/^(build|node_modules)\//.test(f) && f !== 'package.json');
  forbid('source maps', (f) => f.endsWith('.map'));
  forbid('TypeScript', (f) => /\.(ts|mts|cts|tsx)$/.test(f));
  forbid('C/C++ sources', (f) => /\.(c|cc|cpp|h|hpp|gyp|gypi)$/.test(f));
  forbid('tests, benchmarks or examples', (f) => /\/(test|tests|__tests__|__mocks__|spec|specs|benchmarks?|examples?|coverage)\//.test(f) || /\.(test|spec)\.[cm]?js$/.test(f));
  forbid('the harness or build/native', (f) => /^build\/(harness|native)\//.test(f));
  if (list.length > APP_BUDGET.files) problems.push(`app.asar has ${list.length} files, over the budget of ${APP_BUDGET.files}: is a bundled package shipped again?`);
  if (asarBytes > APP_BUDGET.asarBytes) {
    problems.push(`app.asar is ${(asarBytes / 1024 / 1024).toFixed(1)} MB, over the budget of ${APP_BUDGET.asarBytes / 1024 / 1024} MB`);
  }
  return problems;
}
