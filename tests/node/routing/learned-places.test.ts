// Places learned from decisions, through the whole desk: an appeal naming a village the gazetteer does not know is
// routed by an operator to its district; the training worker learns the place with the decision and keeps it in the
// cache with the model, so the next appeal naming the village, synced later, is suggested to that district — also after
// a restart — with a reason that says where it was learned.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import { centralCall, incomingAppeal, learnedIn, nextEvent, statusMatching, suggestionsReady, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('places learned from decisions', () => {
  it('send the next appeal naming a village the gazetteer lacks to the district the earlier ones were routed to', async () => {
    const temp = tempDir('learned-places');
    cleanup.push(() => temp.remove());
    const server: RunningServer = await startTestServer({ port: 0, dataDir: join(temp.dir, 'server') });
    cleanup.push(() => server.close());
    const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
    const ingest = (id: string, index: number, text: string) =>
      centralCall(server.url, '/appeals', { method: 'POST', token, body: { appeals: [{ ...incomingAppeal(index), id, text }] } });
    // Two residents of the same village (the page they wrote on names the city: the demo's «Новосибирск онлайн»).
    await ingest('first-rodkino', 1, 'Мы проживаем в деревне Родькино, дорогу к нам не чистят третью неделю');
    await ingest('second-rodkino', 2, 'Из Родькино до трассы не проехать, грейдер не приезжал');

    const desk = join(temp.dir, 'desk');
    const open = async (): Promise<DeskCore> => {
      const core = await createDeskCore({ dataDir: desk, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
      cleanup.push(() => core.close());
      return core;
    };
    const core = await open();
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);

    // Before any decision the village is nowhere: a local matter with no place read goes to the page's or the default.
    const before = (await suggestionsReady(core, 'first-rodkino')).suggestions;
    expect(before.some((s) => s.targetId === 'mr-ust-tarksky')).toBe(false);

    // The operator routes both to the district; the model learns them, the place keys kept with each decision.
    const learned = nextEvent(core, 'suggestions.changed', () => learnedIn(desk) === 2);
    await value(core, 'appeals.route', { appealId: 'first-rodkino', targetId: 'mr-ust-tarksky' });
    await value(core, 'appeals.route', { appealId: 'second-rodkino', targetId: 'mr-ust-tarksky' });
    await learned;
    const raw = new Database(join(desk, 'cache.sqlite'), { readonly: true });
    expect(raw.prepare("SELECT place_keys FROM suggest_learned WHERE appeal_id = 'first-rodkino'").pluck().get()).toBe('["родькин"]');
    raw.close();

    await ingest('third-rodkino', 3, 'В Родькино на улицах снова не чистят снег, до остановки не дойти');
    await value(core, 'sync.now', {});
    const after = (await suggestionsReady(core, 'third-rodkino')).suggestions;
    expect(after[0]?.targetId).toBe('mr-ust-tarksky');
    expect(after[0]?.reason).toMatch(/^место: Родькино → .+ \(по прежним решениям\)/);

    // Kept in the cache with the model: a restarted desk that scores the appeal again (its stored suggestion dropped,
    // as an upgrade's new ranking does) still knows the village.
    await core.close();
    const write = new Database(join(desk, 'cache.sqlite'));
    write.prepare("DELETE FROM suggestions WHERE appeal_id = 'third-rodkino'").run();
    write.close();
    const again = await open();
    const kept = (await suggestionsReady(again, 'third-rodkino')).suggestions;
    expect(kept[0]?.targetId).toBe('mr-ust-tarksky');
    expect(kept[0]?.reason).toContain('по прежним решениям');
  }, 60_000);
});
