// The Telegram ingest against a real store (SQLite, or PostgreSQL under node-postgres), driven directly where a race
// has to be placed exactly: a message committed between its edit's look-ups and the edit's own transaction.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramBotConfig } from '../../../../server/connectors/connectors-config.js';
import { createTelegramIngest } from '../../../../server/connectors/telegram/telegram-ingest.js';
import type { CentralStore } from '../../../../server/store/central-store.js';
import { openCentralStore } from '../../../../server/store/open-store.js';
import { tempDir, testStore } from '../server-fixture.js';
import { BOT, CHANNEL, GROUP_ID, tgUpdate, withMessage } from './telegram-fixture.js';

const PAGE: TelegramBotConfig = { bot: BOT, mode: 'webhook', secretToken: 'unused-here', channel: CHANNEL };
const COMMENT_ID = `tg:${BOT}:${GROUP_ID}:2305`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function openTestStore(): Promise<CentralStore> {
  const dir = tempDir();
  const where = await testStore(dir);
  const store = await openCentralStore('dataDir' in where ? { engine: 'sqlite', dataDir: where.dataDir } : { engine: 'postgres', url: where.databaseUrl });
  cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return store;
}

/** The store, with `before` run once just before the first edit's transaction starts (the race, placed by hand). */
function racingStore(store: CentralStore, before: () => Promise<void>): CentralStore {
  let pending: (() => Promise<void>) | undefined = before;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'applyConnectorEvent') {
        return async (...args: Parameters<CentralStore['applyConnectorEvent']>) => {
          const run = args[0].type === 'edited_message' ? pending : undefined;
          if (run !== undefined) {
            pending = undefined;
            await run();
          }
          return target.applyConnectorEvent(...args);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('Telegram ingest: a message and its edit arriving together', () => {
  it('keeps the edit when the message is stored after the edit was looked at but before its transaction', async () => {
    const store = await openTestStore();
    const log: string[] = [];
    const comment = tgUpdate('comment');
    const ingest = createTelegramIngest({
      store: racingStore(store, async () => {
        expect((await ingest.ingest(PAGE, comment)).outcome).toBe('insert');
      }),
      log: (line) => log.push(line), onChanged: () => undefined,
    });
    // The edit carries no thread of its own (no reply_to_message, no message_thread_id): alone, before its message,
    // it could not be placed under a post; once its message is stored, it is that appeal's new text.
    const edit = tgUpdate('edited_message');
    const { reply_to_message: _reply, message_thread_id: _thread, ...bare } = edit.edited_message as Record<string, unknown>;
    const result = await ingest.ingest(PAGE, { ...edit, edited_message: bare });
    expect(result).toEqual({ outcome: 'update', appealId: COMMENT_ID });
    const stored = (await store.appealById(COMMENT_ID))?.appeal;
    expect(stored).toMatchObject({ version: 2, text: (edit.edited_message as { text: string }).text });
  });

  it('the other order: the edit stored first makes the appeal, the message then is a known post', async () => {
    const store = await openTestStore();
    const ingest = createTelegramIngest({ store, log: () => undefined, onChanged: () => undefined });
    const edit = tgUpdate('edited_message');
    expect((await ingest.ingest(PAGE, edit)).outcome).toBe('insert');
    expect((await ingest.ingest(PAGE, withMessage('comment', 870000190, {}))).outcome).toBe('known_post');
    expect((await store.appealById(COMMENT_ID))?.appeal).toMatchObject({ version: 1, text: (edit.edited_message as { text: string }).text });
  });
});
