// The layering of README.md («Architecture in a few lines») is real only if lint refuses a crossing: feed ESLint code that crosses each
// boundary, as if it stood in that folder, and expect the import rule to fire (and to stay quiet on allowed imports).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules per folder', () => {
  it.each([
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs'; export const r = readFileSync;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'; export const r = ipcRenderer;"],
    ['renderer/src/x.ts', "import { createDeskCore } from '../../electron/core/desk-core.js'; export const r = createDeskCore;"],
    ['shared/x.ts', "import { createHash } from 'node:crypto'; export const r = createHash;"],
    ['shared/x.ts', "import { startServer } from '../server/start-server.js'; export const r = startServer;"],
    ['electron/core/x.ts', "import { app } from 'electron'; export const r = app;"],
    ['electron/core/x.ts', "import { startServer } from '../../server/start-server.js'; export const r = startServer;"],
    ['electron/preload/x.ts', "import { createDeskCore } from '../core/desk-core.js'; export const r = createDeskCore;"],
    ['server/x.ts', "import { createDeskCore } from '../electron/core/desk-core.js'; export const r = createDeskCore;"],
    // shared/node is Node-only: the renderer and the rest of shared/ never reach it.
    ['renderer/src/x.ts', "import { OWNER_ONLY } from '../../shared/node/owner-only-files.js'; export const r = OWNER_ONLY;"],
    ['shared/domain/x.ts', "import { OWNER_ONLY } from '../node/owner-only-files.js'; export const r = OWNER_ONLY;"],
    ['shared/node/x.ts', "import { createDeskCore } from '../../electron/core/desk-core.js'; export const r = createDeskCore;"],
  ])('%s refuses: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import { Appeal } from '../../shared/domain/appeal.js'; export const r = Appeal;"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs'; import { Appeal } from '../../shared/domain/appeal.js'; export const r = [readFileSync, Appeal];"],
    ['electron/main/x.ts', "import { app } from 'electron'; import { createDeskCore } from '../core/desk-core.js'; export const r = [app, createDeskCore];"],
    ['server/x.ts', "import { createServer } from 'node:http'; import { Appeal } from '../shared/domain/appeal.js'; export const r = [createServer, Appeal];"],
    ['shared/node/x.ts', "import { chmodSync } from 'node:fs'; import { Appeal } from '../domain/appeal.js'; export const r = [chmodSync, Appeal];"],
    ['server/x.ts', "import { OWNER_ONLY } from '../shared/node/owner-only-files.js'; export const r = OWNER_ONLY;"],
    ['electron/core/x.ts', "import { OWNER_ONLY } from '../../shared/node/owner-only-files.js'; export const r = OWNER_ONLY;"],
  ])('%s allows: %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});

describe('no import cycles (local/no-import-cycle)', () => {
  const cycleErrors = (results: ESLint.LintResult[]) =>
    results.flatMap((r) => r.messages).filter((m) => m.ruleId === 'local/no-import-cycle').map((m) => m.message);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'import-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['value imports', "import { b } from './b.js';\nexport const a = () => b;", "import { a } from './a.js';\nexport const b = () => a;"],
    // Types count too: a feature typed by the module that assembles it is the circle issue 12 removed.
    ['type-only imports', "import type { B } from './b.js';\nexport type A = { b?: B };", "import type { A } from './a.js';\nexport type B = { a?: A };"],
  ])('two files importing each other (%s) are refused, both of them', async (kind, a, b) => {
    const folder = path.join(dir, kind.replace(/\W+/g, '-'));
    mkdirSync(folder);
    const [fileA, fileB] = [path.join(folder, 'a.ts'), path.join(folder, 'b.ts')];
    writeFileSync(fileA, a);
    writeFileSync(fileB, b);
    // The project's own config, applied to files outside the project.
    const outside = new ESLint({ cwd: folder, overrideConfigFile: path.join(root, 'eslint.config.js') });
    const results = await outside.lintFiles([fileA, fileB]);
    const errors = cycleErrors(results);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('a.ts → b.ts → a.ts');
  });

  it('refuses a feature table that imports the contract assembling it', async () => {
    const code = "import type { DeskMethod } from './contract.js';\nexport type M = DeskMethod;";
    const results = await eslint.lintText(code, { filePath: path.join(root, 'shared/desk-api/method-table.ts') });
    expect(cycleErrors(results)).toEqual([expect.stringContaining('shared/desk-api/method-table.ts → shared/desk-api/contract.ts')]);
  });

  it('allows importing the contract from the core', async () => {
    const code = "import { DESK_METHODS } from '../../shared/desk-api/contract.js';\nexport const r = DESK_METHODS;";
    const results = await eslint.lintText(code, { filePath: path.join(root, 'electron/core/x.ts') });
    expect(cycleErrors(results)).toEqual([]);
  });
});
