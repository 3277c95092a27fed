// Local lint rule `local/no-import-cycle`: no module may reach itself through its relative imports. Unlike
// import-x/no-cycle it counts type-only imports too: "nothing imports the file that assembles it" holds for types as
// well (the desk-handlers ↔ search-handlers ↔ cluster-handlers circle was made of `import type`).
// Other files' imports are read from disk (ts.preProcessFile, cached by mtime); the linted file's from its AST.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** file → { mtimeMs, deps } */
const depsCache = new Map();

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file a relative specifier names (TypeScript's `./x.js` → `./x.ts`), or null for packages and unknown files. */
export function resolveImport(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  const candidates = {
    '.js': [`${stem}.ts`, `${stem}.tsx`, base],
    '.jsx': [`${stem}.tsx`, base],
    '.mjs': [`${stem}.mts`, base],
    '.cjs': [`${stem}.cts`, base],
    '.ts': [base], '.tsx': [base], '.mts': [base], '.cts': [base],
  }[ext] ?? [`${base}.ts`, `${base}.tsx`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'),
    path.join(base, 'index.js')];
  return candidates.find(isFile) ?? null;
}

function depsOnDisk(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return [];
  }
  const cached = depsCache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.deps;
  const text = fs.readFileSync(file, 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const deps = [...new Set(importedFiles.map((f) => resolveImport(file, f.fileName)).filter((d) => d !== null))];
  depsCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, deps });
  return deps;
}

/** A path of files from `start` back to `target` (both included), or null; `dead` collects files that cannot reach it. */
function pathBack(start, target, dead) {
  const trail = [];
  const onTrail = new Set();
  const visit = (file) => {
    if (file === target) return true;
    if (dead.has(file) || onTrail.has(file)) return false;
    trail.push(file);
    onTrail.add(file);
    for (const dep of depsOnDisk(file)) if (visit(dep)) return true;
    trail.pop();
    onTrail.delete(file);
    dead.add(file);
    return false;
  };
  return visit(start) ? [...trail, target] : null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between our modules, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}. Move what both need into a module of its own.' },
  },
  create(context) {
    const file = context.filename;
    if (!path.isAbsolute(file)) return {};
    const cwd = context.cwd;
    const dead = new Set();
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = resolveImport(file, specifier);
      if (target === null || target === file) return;
      const chain = pathBack(target, file, dead);
      if (chain === null) return;
      const names = [file, ...chain].map((f) => path.relative(cwd, f).split(path.sep).join('/'));
      context.report({ node, messageId: 'cycle', data: { chain: names.join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.source;
        if (literal?.type === 'Literal') check(literal, literal.value);
      },
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };
