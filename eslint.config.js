// Lint: TypeScript rules plus the layering of README.md («Architecture in a few lines»), enforced per folder with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import localRules from './eslint-no-import-cycle.js';

const ours = (name) => [`**/${name}/**`, `../${name}/*`, `../../${name}/*`, `../../../${name}/*`];
const forbid = (folders, why, extra = []) => ({
  'no-restricted-imports': ['error', {
    patterns: [
      ...folders.map((f) => ({ group: ours(f), message: `${why}` })),
      ...extra,
    ],
  }],
});
const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'crypto'],
  message: 'shared/ and renderer/ run everywhere: no Node built-ins.' };
const electronImport = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { local: localRules },
    rules: {
      'local/no-import-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid(['electron', 'renderer', 'server', 'tests', 'node'], 'shared/ imports nothing of ours (nor shared/node).', [nodeBuiltins, electronImport]),
  },
  {
    // shared/node: what the desk's core and the server share that needs Node (file modes); never the renderer's.
    files: ['shared/node/**/*.ts'],
    rules: forbid(['electron', 'renderer', 'server', 'tests'], 'shared/node imports shared and node:* only.', [electronImport]),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: forbid(['renderer', 'server', 'tests', 'main', 'preload'], 'electron/core imports only shared and node:*.', [electronImport]),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: forbid(['renderer', 'server', 'tests', 'preload'], 'electron/main imports core, shared and electron.'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: forbid(['renderer', 'server', 'tests', 'core', 'main'], 'electron/preload imports shared and electron.'),
  },
  {
    files: ['server/**/*.ts'],
    rules: forbid(['electron', 'renderer', 'tests'], 'server/ imports shared and node:*.', [electronImport]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(['electron', 'server', 'tests', 'node'], 'renderer/ talks to the machine only through window.desk.', [nodeBuiltins, electronImport]),
    },
  },
);
