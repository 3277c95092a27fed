// Kills aimed inside schema migrations: a cache written by the first release, with unsent decisions, is upgraded by a
// desk that is SIGKILLed while a migration's transaction is open (held open by the crash-test seam in migrate.ts).
// Each kill must leave the file intact at the last committed version with every decision still queued; the desk that
// finally starts completes the upgrade and delivers each decision to the server exactly once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/core/cache/migrations/all-migrations.js';
import { type RunningServer } from '../../../server/start-server.js';
import { ingest, serverAppeals, serverMutations } from '../../reliability/reliability-kit.js';
import { writeSchemaOneCache } from '../../reliability/schema-one-cache.js';
import { tempDir } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const RUNNER = join(import.meta.dirname, '..', '..', 'reliability', 'desk-runner.ts');
let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let server: RunningServer;

beforeEach(async () => {
  serverDir = tempDir('migkill-server'); deskDir = tempDir('migkill-desk');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
});
afterEach(async () => { await server.close(); serverDir.remove(); deskDir.remove(); });

function inspect(): { version: number; integrity: string; outbox: number } {
  const db = new Database(join(deskDir.dir, CACHE_FILE_NAME), { readonly: true });
  try {
    return {
      version: Number(db.pragma('user_version', { simple: true })),
      integrity: String(db.pragma('integrity_check', { simple: true })),
      outbox: (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
    };
  } finally { db.close(); }
}

/** Starts the desk runner and kills it the moment migration `version` has its transaction open. */
function killInside(version: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, deskDir.dir, server.url, '1', '--finish'], {
      env: { ...process.env, TRIAGE_DESK_TEST_HOLD_MIGRATION: String(version) }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seen = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(`MIGRATING ${version}\n`)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve()
      : reject(new Error(`runner ended without reaching migration ${version}: ${seen.slice(-500)}`))));
  });
}

function runToCompletion(): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, deskDir.dir, server.url, '1', '--finish'],
      { stdio: 'ignore' });
    child.on('exit', (code) => resolve(code));
  });
}

it('SIGKILL inside migrations: file intact at the last committed version, decisions kept, then delivered once', async () => {
  await ingest(server.url, 1, 6);
  const appeals = [...(await serverAppeals(server.url)).values()];
  const decisions = appeals.slice(0, 3).map((a, i) => ({ id: a.id, targetId: ['minzdrav', 'mingkh', 'minobr'][i]! }));
  const mutationIds = writeSchemaOneCache(deskDir.dir, appeals, decisions);

  const versions = MIGRATIONS.map((m) => m.version).filter((v) => v > 1);
  // The first, a middle and the last migration: each kill rolls back only the one in flight.
  const aims = [versions[0]!, versions[Math.floor(versions.length / 2)]!, versions[versions.length - 1]!];
  for (const aim of aims) {
    await killInside(aim);
    const after = inspect();
    const committedBefore = Math.max(...MIGRATIONS.map((m) => m.version).filter((v) => v < aim));
    expect(after).toEqual({ version: committedBefore, integrity: 'ok', outbox: 3 });
  }

  expect(await runToCompletion()).toBe(0);
  expect(inspect()).toEqual({ version: LATEST_SCHEMA_VERSION, integrity: 'ok', outbox: 0 });
  const { byId, perAppeal } = serverMutations(serverDir.dir);
  for (const id of mutationIds) expect(byId.has(id)).toBe(true);
  expect([...perAppeal.values()].every((n) => n === 1)).toBe(true);
  const truth = await serverAppeals(server.url);
  for (const d of decisions) expect(truth.get(d.id)).toMatchObject({ status: 'routed', targetId: d.targetId, version: 2 });
}, 120_000);
