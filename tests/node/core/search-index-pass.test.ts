// The search index after a long pull (search-index.ts, search-index-keeper.ts): a first sync stores its appeals
// without their search text and a pass after it writes the text, a chunk per turn of the event loop; a search waits
// for it, so once a sync completes search finds every appeal; a single-page sync is searchable when it commits; and
// a desk killed mid-pull or mid-pass finds every appeal after a restart over the same cache file.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { SearchResult } from '../../../shared/search/search-query.js';
import { ingest } from '../../reliability/reliability-kit.js';
import { statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const RUNNER = join(import.meta.dirname, '..', '..', 'reliability', 'search-index-runner.ts');
/** Four pages of /changes: a long pull. Every appeal's text says «трубу» (reliability-kit's `incoming`). */
const APPEALS = 4_000;

let server: RunningServer;
let serverDir: ReturnType<typeof tempDir>;
let deskDir: ReturnType<typeof tempDir>;
let cleanup: (() => unknown)[] = [];

beforeEach(async () => {
  serverDir = tempDir('index-server');
  deskDir = tempDir('index-desk');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  await ingest(server.url, 1, APPEALS);
});
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
  await server.close();
  serverDir.remove();
  deskDir.remove();
});

/** The cache file as another process sees it: the pass's marker and how many appeals it holds. */
function cacheFile(): { pendingFrom: number | null; appeals: number; found: (word: string) => number } {
  const db = new Database(join(deskDir.dir, CACHE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const marker = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'searchIndexPendingFrom'").get();
    const appeals = db.prepare<[], number>('SELECT count(*) FROM appeals').pluck().get() ?? 0;
    const counts = new Map<string, number>();
    for (const word of ['трубу', 'подвал']) {
      counts.set(word, db.prepare<[string], number>('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(word) ?? 0);
    }
    return { pendingFrom: marker ? Number(JSON.parse(marker.value)) : null, appeals, found: (word) => counts.get(word) ?? -1 };
  } finally {
    db.close();
  }
}

async function openCore(): Promise<DeskCore> {
  const core = await createDeskCore({ dataDir: deskDir.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
  cleanup.push(() => core.close());
  return core;
}

const search = (core: DeskCore, text: string) => value<SearchResult>(core, 'search.query', { text });

it('a first sync leaves the search text to a pass after it; a search asked as it completes finds every appeal', async () => {
  const core = await openCore();
  const markers: (number | null)[] = [];
  core.on('sync.status', (status) => {
    if ((status as { progress: unknown }).progress !== null) markers.push(cacheFile().pendingFrom);
  });
  await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
  await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
  // While the pull ran, its pages were committed with the marker of the pass, not with their text.
  expect(markers.length).toBeGreaterThan(0);
  expect(markers.every((marker) => marker === 1)).toBe(true);
  const found = await search(core, 'трубу');
  expect(found.total).toBe(APPEALS);
  expect(cacheFile()).toMatchObject({ pendingFrom: null, appeals: APPEALS });
  expect(cacheFile().found('подвал')).toBe(APPEALS);
  // The sync log says each page in words, its counts grouped as the desk writes any (a trial of 5 December read
  // «Получено обращений: 1000, сохранено: 1000, осталось: 3000»).
  const { entries } = await value<{ entries: { event: string; message: string }[] }>(core, 'sync.log', {});
  const pulls = entries.filter((e) => e.event === 'pull').map((e) => e.message);
  expect(pulls).toContainEqual(expect.stringMatching(/^Получено обращений: 1[\u00a0\u202f]000, сохранено: 1[\u00a0\u202f]000, осталось: 3[\u00a0\u202f]000$/));

  // A single page afterwards is searchable when its sync commits: no pass, nothing to wait for.
  await ingest(server.url, APPEALS + 1, 1);
  await value(core, 'sync.now', {});
  expect(cacheFile()).toMatchObject({ pendingFrom: null, appeals: APPEALS + 1 });
  expect(cacheFile().found('трубу')).toBe(APPEALS + 1);
});

it('the pass yields between chunks: desk calls made while a search waits for it are answered first', async () => {
  const core = await openCore();
  await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
  await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
  expect(cacheFile().pendingFrom).not.toBeNull(); // the pass has not finished: the test would prove nothing
  let turns = 0;
  let searched = false;
  const ticking = new Promise<void>((resolve) => {
    setImmediate(function turn() {
      turns++;
      if (searched) resolve();
      else setImmediate(turn);
    });
  });
  const searching = search(core, 'трубу').then((result) => {
    searched = true;
    return result;
  });
  // One turn in: the pass is under way, and a grid's rows are asked for as a key press would.
  await new Promise((resolve) => setImmediate(resolve));
  const rows = await value<{ rows: unknown[] }>(core, 'appeals.rows', { ids: ['r-00001'] });
  expect(rows.rows).toHaveLength(1);
  expect(searched).toBe(false);
  expect((await searching).total).toBe(APPEALS);
  await ticking;
  expect(turns).toBeGreaterThan(2); // a chunk per turn, not the pass in one
});

/** Starts the runner on the desk's folder and SIGKILLs it at the first stdout line matching `at`. */
function killAt(at: RegExp, args: string[] = []): Promise<{ line: string; seen: ReturnType<typeof cacheFile> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, deskDir.dir, server.url, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed: { line: string; seen: ReturnType<typeof cacheFile> } | null = null;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => { err += chunk; });
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n').find((l) => at.test(l));
      if (line === undefined || killed !== null) return;
      killed = { line, seen: cacheFile() };
      child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' && killed ? resolve(killed)
      : reject(new Error(`runner ended before ${String(at)}: ${out.slice(-300)} ${err.slice(-500)}`))));
  });
}

it('a desk killed mid-pull and then mid-pass finds every appeal after a restart over the same cache file', async () => {
  // Killed right after the first page of the first sync was stored: the marker is committed with it.
  const midPull = await killAt(/^PULLING /);
  expect(midPull.seen.appeals).toBeGreaterThan(0);
  expect(midPull.seen.pendingFrom).toBe(1);
  expect(cacheFile().found('трубу')).toBe(0);

  // Restarted, it pulls the rest (the pass runs again once the pull is over); killed a chunk into it.
  const midPass = await killAt(/^HELD$/, ['--hold', '1']);
  expect(midPass.seen.appeals).toBe(APPEALS);
  expect(midPass.seen.pendingFrom).not.toBeNull();
  const indexed = midPass.seen.found('трубу');
  expect(indexed).toBeLessThan(APPEALS);
  expect(indexed).toBeGreaterThan(0);

  // A real restart of the core over the same file (the server is down: nothing new arrives) resumes the pass.
  await server.close();
  const core = await openCore();
  expect((await search(core, 'трубу')).total).toBe(APPEALS);
  expect(cacheFile()).toMatchObject({ pendingFrom: null, appeals: APPEALS });
  expect(cacheFile().found('подвал')).toBe(APPEALS);
  server = await startTestServer({ port: 0, dataDir: serverDir.dir }); // for afterEach
}, 60_000);
