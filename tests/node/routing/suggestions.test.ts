// Suggestions in the core: learned from the routed history of a synced demo cache by the worker, shown for
// waiting appeals with reasons, improved by each decision, and kept in the cache across a restart.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { AppealSuggestions } from '../../../shared/desk-api/routing-contract.js';
import { learnedIn, nextEvent, statusMatching, suggestionsReady, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function openCore(dataDir: string, server: RunningServer): Promise<DeskCore> {
  const core = await createDeskCore({ dataDir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000,
    ...(process.env.DEBUG_SUGGEST ? { log: (line: string) => console.log(line) } : {}) });
  cleanup.push(() => core.close());
  return core;
}


describe('routing suggestions', () => {
  it('are learned from routed history, improve with a decision and survive a restart', async () => {
    const temp = tempDir('suggest');
    cleanup.push(async () => temp.remove());
    const server = await startTestServer({ port: 0, dataDir: join(temp.dir, 'server'), demo: 30, demoHistory: 600 });
    cleanup.push(() => server.close());
    const dataDir = join(temp.dir, 'desk');
    const core = await openCore(dataDir, server);
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);

    const inbox = await value<{ rows: { id: string }[] }>(core, 'inbox.list', { offset: 0, limit: 100 });
    expect(inbox.rows.length).toBe(30);
    const first = inbox.rows[0]!.id;
    const ready = await suggestionsReady(core, first);
    expect(ready.suggestions.length).toBeGreaterThan(0);
    expect(ready.suggestions.length).toBeLessThanOrEqual(3);
    for (const s of ready.suggestions) expect(s.reason).toMatch(/^(слова|место|страница|профиль автора|похожие)/);
    // The first suggestions may come from the competences alone (scored before the history is learned); then learned.
    if (learnedIn(dataDir) !== 600) await nextEvent(core, 'suggestions.changed', () => learnedIn(dataDir) === 600);
    expect(learnedIn(dataDir)).toBe(600);

    // One decision: the worker learns it (601) without re-reading what it already knows.
    const target = ready.suggestions[0]!.targetId;
    const learnedOne = nextEvent(core, 'suggestions.changed', () => learnedIn(dataDir) === 601);
    await value(core, 'appeals.route', { appealId: first, targetId: target });
    await learnedOne;
    const other = inbox.rows[1]!.id;
    expect(learnedIn(dataDir)).toBe(601);
    const batch = await value<{ items: AppealSuggestions[] }>(core, 'suggestions.forIds', { ids: [other, 'no-such-id'] });
    expect(batch.items.map((i) => i.appealId)).toEqual([other, 'no-such-id']);
    expect(batch.items[1]!.ready).toBe(false);

    // Restart: the model is read from the cache, nothing is re-learned or forgotten.
    await core.close();
    const again = await openCore(dataDir, server);
    const after = await value<AppealSuggestions>(again, 'suggestions.get', { appealId: other });
    expect(after.ready).toBe(true);
    expect(learnedIn(dataDir)).toBe(601);
  }, 60_000);

  it('are scored from the competences first when the whole history is still to learn, and again once it is', async () => {
    const temp = tempDir('suggest-cold');
    cleanup.push(async () => temp.remove());
    const server = await startTestServer({ port: 0, dataDir: join(temp.dir, 'server'), demo: 40, demoHistory: 600 });
    cleanup.push(() => server.close());
    const dataDir = join(temp.dir, 'desk');
    const core = await openCore(dataDir, server);
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
    if (learnedIn(dataDir) !== 600) await nextEvent(core, 'suggestions.changed', () => learnedIn(dataDir) === 600);
    await core.close();
    // What a new desk's first sync, a sign-out or an upgrade that relearns leaves: history to learn, nothing scored.
    const raw = new Database(join(dataDir, 'cache.sqlite'));
    raw.exec('DELETE FROM suggest_model; DELETE FROM suggest_learned; DELETE FROM suggestions;');
    raw.close();

    const again = await openCore(dataDir, server);
    // Both checks run when the event is emitted: the cache then holds exactly what the core has stored so far.
    const learnedAtFirst: number[] = [];
    const firstScored = nextEvent<{ ids: string[] }>(again, 'suggestions.changed', (p) => {
      if (p.ids.length === 0) return false; // «the model changed», not scores
      learnedAtFirst.push(learnedIn(dataDir));
      return true;
    });
    const learned = nextEvent(again, 'suggestions.changed', () => learnedIn(dataDir) === 600);
    const { ids } = await firstScored;
    expect(learnedAtFirst).toEqual([0]);
    const early = await value<AppealSuggestions>(again, 'suggestions.get', { appealId: ids[0]! });
    expect(early.ready).toBe(true);
    expect(early.suggestions.length).toBeGreaterThan(0);
    await learned;
    // Then every waiting appeal is scored again with the history (its stored revision is the learned count).
    const unrescored = (): number => {
      const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
      try {
        return db.prepare(`SELECT count(*) FROM suggestions s JOIN appeals a ON a.id = s.appeal_id
          WHERE a.local_status = 'new' AND s.model_revision < 600`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    if (unrescored() > 0) await nextEvent(again, 'suggestions.changed', () => unrescored() === 0);
    expect(unrescored()).toBe(0);
  }, 90_000);
});
