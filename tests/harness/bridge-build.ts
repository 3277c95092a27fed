// Compiles desk-bridge.ts for the browser with Vite's build API (once per process) into
// build/harness/desk-bridge.js, and hands the code to the harness to serve.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const BRIDGE_OUTPUT = path.join(projectRoot, 'build', 'harness', 'desk-bridge.js');

let pending: Promise<string> | null = null;

export function buildDeskBridge(): Promise<string> {
  pending ??= compile().catch((error: unknown) => {
    pending = null;
    throw error;
  });
  return pending;
}

async function compile(): Promise<string> {
  const result = await build({
    configFile: false,
    root: projectRoot,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: path.join(import.meta.dirname, 'desk-bridge.ts'), formats: ['iife'], name: 'deskBridge' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    for (const item of output.output) {
      if (item.type === 'chunk' && item.isEntry) {
        // Several harnesses may start at once: write a private temp file and rename it into place.
        mkdirSync(path.dirname(BRIDGE_OUTPUT), { recursive: true });
        const temp = `${BRIDGE_OUTPUT}.${process.pid}.${Date.now()}.tmp`;
        writeFileSync(temp, item.code);
        renameSync(temp, BRIDGE_OUTPUT);
        return item.code;
      }
    }
  }
  throw new Error('vite produced no bridge bundle');
}
