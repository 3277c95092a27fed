// Spam the operators rejected comes again (a bot posts the same comment a day later, under another page): the rules
// read nothing in it, but the desk remembers the text it rejected — «Спам?» with «уже отклонён как спам». Through the
// whole desk and the real server. The text is a real one the rules miss (tests/fixtures/not-appeals-real.jsonl, a
// line of a public anti-spam sample file).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../../electron/core/desk-core.js';
import { LEARNED_SPAM_WORDS } from '../../../electron/core/routing/not-an-appeal.js';
import { type RunningServer } from '../../../server/start-server.js';
import { centralCall, incomingAppeal, statusMatching, suggestionsReady, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const BAIT = 'Требуется срочно сотрудник. Необходим телефон и два часа свободного времени в день. Возраст от 18лет (официально🤝)';
const HOUR = 3_600_000;

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('spam learned from rejections', () => {
  it('the same text, rejected as spam a day before, is advised «Спам?»; another text is not', async () => {
    const temp = tempDir('learned-spam');
    cleanup.push(() => temp.remove());
    const server: RunningServer = await startTestServer({ port: 0, dataDir: join(temp.dir, 'server') });
    cleanup.push(() => server.close());
    const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
    const ingest = (id: string, index: number, text: string, hoursAgo: number, author: string) =>
      centralCall(server.url, '/appeals', { method: 'POST', token, body: { appeals: [{
        ...incomingAppeal(index), id, text, author: { name: author }, receivedAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
      }] } });
    await ingest('bait-1', 1, BAIT, 30, 'Алина');

    const core = await createDeskCore({ dataDir: join(temp.dir, 'desk'), apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 3_600_000 });
    cleanup.push(() => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
    // The rules read no spam in it (no «заработок», no link): the first one gets no advice.
    expect((await suggestionsReady(core, 'bait-1')).reject).toBeNull();
    await value(core, 'appeals.reject', { appealId: 'bait-1', reason: 'spam' });
    await statusMatching(core, (s) => s.pending === 0);

    // A day later, another account, the same words (its own emoji and case): outside the copy fold's 24 h.
    await ingest('bait-2', 2, BAIT.toUpperCase().replace('🤝', '👍'), 1, 'Кристина');
    await ingest('other', 3, 'Требуется срочно отремонтировать крышу: в доме течёт, в квартирах на пятом этаже плесень', 1, 'Нина');
    await value(core, 'sync.now', {});
    expect((await suggestionsReady(core, 'bait-2')).reject).toEqual({ reason: 'spam', words: [LEARNED_SPAM_WORDS] });
    expect((await suggestionsReady(core, 'other')).reject).toBeNull();
  });
});
