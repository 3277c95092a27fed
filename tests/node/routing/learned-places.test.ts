// Places learned from decisions, through the whole desk: an appeal naming a village the gazetteer does not know is
// routed by an operator to its district; the training worker learns the place with the decision and keeps it in the
// cache with the model, so the next appeal naming the village, synced later, is suggested to that district — also after
// a restart — with a reason that says where it was learned.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { startServer, type RunningServer } from '../../../server/start-server.js';
import { centralCall, incomingAppeal, nextEvent, statusMatching, suggestionsReady, tempDir, value } from '../core/core-test-kit.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** The decisions the model in the cache has learned (the worker stores each training step there). */
const learnedIn = (dataDir: string): number => {
  const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT learned FROM suggest_model WHERE id = 1').get() as { learned: number } | undefined)?.learned ?? 0;
  } finally {
    db.close();
  }
};

describe('places learned from decisions', () => {
  it('send the next appeal naming a village the gazetteer lacks to the district the first one was routed to', async () => {
    const temp = tempDir('learned-places');
    cleanup.push(() => temp.remove());
    const server: RunningServer = await startServer({ port: 0, dataDir: join(temp.dir, 'server') });
    cleanup.push(() => server.close());
    const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
    const ingest = (id: string, index: number, text: string) =>
      centralCall(server.url, '/appeals', { method: 'POST', token, body: { appeals: [{ ...incomingAppeal(index), id, text }] } });
    await ingest('first-rodkino', 1, 'Мы проживаем в деревне Родькино, дорогу к нам не чистят третью неделю');

    const open = async (): Promise<DeskCore> => {
      const core = await createDeskCore({ dataDir: join(temp.dir, 'desk'), apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
      cleanup.push(() => core.close());
      return core;
    };
    const core = await open();
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);

    // Before any decision the village is nowhere: a local matter with no place read goes to the default.
    const before = (await suggestionsReady(core, 'first-rodkino')).suggestions;
    expect(before.some((s) => s.targetId === 'mr-ust-tarksky')).toBe(false);

    const desk = join(temp.dir, 'desk');
    const learned = nextEvent(core, 'suggestions.changed', () => learnedIn(desk) === 1);
    await value(core, 'appeals.route', { appealId: 'first-rodkino', targetId: 'mr-ust-tarksky' });
    await learned;

    await ingest('second-rodkino', 2, 'В Родькино на улицах снова не чистят снег, до остановки не дойти');
    await value(core, 'sync.now', {});
    const after = (await suggestionsReady(core, 'second-rodkino')).suggestions;
    expect(after[0]?.targetId).toBe('mr-ust-tarksky');
    expect(after[0]?.reason).toMatch(/^место: Родькино → .+ \(по прежним решениям\)/);

    // Kept in the cache with the model: a restarted desk scoring again still knows the village.
    await core.close();
    const again = await open();
    await statusMatching(again, (s) => s.state === 'online' || s.state === 'offline');
    const kept = (await suggestionsReady(again, 'second-rodkino')).suggestions;
    expect(kept[0]?.targetId).toBe('mr-ust-tarksky');
  }, 60_000);
});
