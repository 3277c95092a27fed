// The layering of README.md («Architecture in a few lines») is real only if lint refuses a crossing: feed ESLint code that crosses each
// boundary, as if it stood in that folder, and expect the import rule to fire (and to stay quiet on allowed imports).
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

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
  ])('%s refuses: %s', async (file, code) => {
    expect(await importErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', "import { Appeal } from '../../shared/domain/appeal.js'; export const r = Appeal;"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs'; import { Appeal } from '../../shared/domain/appeal.js'; export const r = [readFileSync, Appeal];"],
    ['electron/main/x.ts', "import { app } from 'electron'; import { createDeskCore } from '../core/desk-core.js'; export const r = [app, createDeskCore];"],
    ['server/x.ts', "import { createServer } from 'node:http'; import { Appeal } from '../shared/domain/appeal.js'; export const r = [createServer, Appeal];"],
  ])('%s allows: %s', async (file, code) => {
    expect(await importErrors(file, code)).toEqual([]);
  });
});
