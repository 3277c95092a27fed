// What the built Node-side bundles (entries and their chunks) still load at run time, read from their syntax tree:
// static and dynamic imports, re-exports and require()/__require() calls (rolldown's CommonJS interop). Checked against package.json: a package
// a bundle leaves outside must be shipped (`dependencies`, which electron-builder copies into app.asar), and a
// shipped package must be one a bundle leaves outside (else it is inlined and shipped a second time for nothing).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseAst } from 'vite';

/** The entries electron-builder packs (electron/vite.config.ts), relative to the project; chunks lie next to them. */
export const NODE_BUNDLES = ['build/electron/main.js', 'build/electron/preload.cjs', 'build/electron/suggest-worker.js', 'build/electron/core-host.js', 'build/server/main.js'] as const;
const BUNDLE_DIRS = ['build/electron', 'build/server'];

/** Every built Node-side script (entries and their chunks), as '/'-separated paths relative to the project. */
export function nodeBundleFiles(root: string): string[] {
  return BUNDLE_DIRS.flatMap((dir) => existsSync(path.join(root, dir))
    ? readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?js$/.test(file)).map((file) => path.posix.join(dir, file.split(path.sep).join('/')))
    : []).sort();
}

/** Provided by the runtime, never shipped as a package. */
const RUNTIME_PROVIDED = new Set(['electron']);
/**
 * Left outside on purpose though not shipped: pg's optional libpq binding, required only when `pg.native` is read,
 * which the server never does (a missing `pg-native` is what pg expects).
 */
export const OPTIONAL_NOT_SHIPPED = new Map([['pg-native', 'build/server/main.js']]);

export interface BundleImports {
  /** Every module specifier given as a string literal. */
  specifiers: string[];
  /** import()/require() calls whose argument is no string literal: what they load cannot be checked. */
  nonLiteral: number;
}

type Node = { type?: string; [key: string]: unknown };

export function bundleImports(code: string): BundleImports {
  const specifiers = new Set<string>();
  let nonLiteral = 0;
  const source = (node: unknown): void => {
    const n = node as Node | null;
    if (n?.type === 'Literal' && typeof n.value === 'string') specifiers.add(n.value);
    else if (n?.type === 'TemplateLiteral' && (n.expressions as unknown[]).length === 0) {
      specifiers.add(((n.quasis as Array<{ value: { cooked: string } }>)[0]?.value.cooked) ?? '');
    } else nonLiteral += 1;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { for (const child of node) visit(child); return; }
    if (node === null || typeof node !== 'object') return;
    const n = node as Node;
    switch (n.type) {
      case 'ImportDeclaration': case 'ExportAllDeclaration': source(n.source); break;
      case 'ExportNamedDeclaration': if (n.source != null) source(n.source); break;
      case 'ImportExpression': source(n.source); break;
      case 'CallExpression': {
        const callee = n.callee as Node;
        if (callee.type === 'Identifier' && (callee.name === 'require' || callee.name === '__require')) source((n.arguments as unknown[])[0]);
        break;
      }
      default: break;
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'type' && value !== null && typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  return { specifiers: [...specifiers].sort(), nonLiteral };
}

const builtins = new Set(builtinModules);
export const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || builtins.has(specifier);

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); null for builtins and relative paths. */
export function packageOf(specifier: string): string | null {
  if (isBuiltin(specifier) || specifier.startsWith('.') || specifier.startsWith('/')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? null);
}

/** Problems of the built bundles against package.json `dependencies`; empty when every bundle is as it should be. */
export function bundleProblems(bundles: ReadonlyMap<string, string>, dependencies: readonly string[]): string[] {
  const problems: string[] = [];
  const shipped = new Set(dependencies);
  const used = new Set<string>();
  for (const [file, code] of bundles) {
    const { specifiers, nonLiteral } = bundleImports(code);
    if (nonLiteral > 0) problems.push(`${file}: ${nonLiteral} import()/require() call(s) with a computed module name`);
    for (const specifier of specifiers) {
      if (specifier.startsWith('/')) problems.push(`${file}: loads a file by absolute path (${specifier})`);
      if (specifier.startsWith('.') && !bundles.has(path.posix.join(path.posix.dirname(file), specifier))) {
        problems.push(`${file}: loads ${specifier}, which is no built chunk next to it`);
      }
      const name = packageOf(specifier);
      if (name === null || RUNTIME_PROVIDED.has(name) || OPTIONAL_NOT_SHIPPED.get(name) === file) continue;
      used.add(name);
      if (!shipped.has(name)) problems.push(`${file}: imports ${specifier}, which is not shipped (not in package.json dependencies): inline it (electron/vite.config.ts) or ship it`);
    }
  }
  for (const name of shipped) {
    if (!used.has(name)) problems.push(`package.json dependencies: ${name} is shipped in app.asar but no bundle loads it (inlined or unused): move it to devDependencies`);
  }
  return problems;
}

/** The project's built bundles and its `dependencies`, checked. Needs `npm run build` first. */
export function builtBundleProblems(root: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const bundles = new Map(nodeBundleFiles(root).map((file) => [file, readFileSync(path.join(root, file), 'utf8')] as const));
  const missing = NODE_BUNDLES.filter((file) => !bundles.has(file));
  if (missing.length > 0) return [`not built: ${missing.join(', ')} (npm run build)`];
  return bundleProblems(bundles, Object.keys(pkg.dependencies ?? {}));
}
