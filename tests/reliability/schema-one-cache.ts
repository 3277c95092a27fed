// A cache file exactly as the first release (schema 1) left it, with unsent decisions in its outbox: the starting
// point for the upgrade tests (long offline, kills inside migrations).
import { join } from 'node:path';
import { CACHE_FILE_NAME } from '../../electron/core/cache/local-cache.js';
import { openCache } from '../../electron/core/cache/open-cache.js';
import { ulid } from '../../electron/core/ulid.js';
import type { Appeal } from '../../shared/domain/appeal.js';
import { excerptOf } from '../../shared/text/inert-text.js';

const DAY = 86_400_000;

/** A cache as the first release (schema 1) left it: appeals pulled, three decisions made three days ago, unsent. */
export function writeSchemaOneCache(dir: string, appeals: Appeal[], decide: { id: string; targetId: string }[]): string[] {
  const db = openCache(join(dir, CACHE_FILE_NAME), { upToVersion: 1 });
  const insertAppeal = db.prepare(`INSERT INTO appeals (id, local_status, received_ms, received_at, source, channel_name,
    author_name, attachment_count, excerpt, local_target_id, server_status, server_version, server_json, local_json)
    VALUES (@id, @status, @ms, @at, @source, @channel, @author, 0, @excerpt, @target, 'new', @version, @json, @local)`);
  const insertOutbox = db.prepare(`INSERT INTO outbox (mutation_id, appeal_id, base_version, type, payload, decided_by,
    created_at, created_ms) VALUES (?, ?, ?, 'route', ?, ?, ?, ?)`);
  const by = { id: 'u-operator1', name: 'Оператор 1' };
  const ids: string[] = [];
  db.transaction(() => {
    const decidedAt = Date.now() - 3 * DAY;
    for (const appeal of appeals) {
      const decision = decide.find((d) => d.id === appeal.id);
      const local = decision ? { ...appeal, status: 'routed', targetId: decision.targetId, version: appeal.version + 1 } : null;
      insertAppeal.run({
        id: appeal.id, status: decision ? 'routed' : 'new', ms: Date.parse(appeal.receivedAt), at: appeal.receivedAt,
        source: appeal.source, channel: appeal.channel.name, author: appeal.author.name, excerpt: excerptOf(appeal.text),
        target: decision?.targetId ?? null, version: appeal.version, json: JSON.stringify(appeal),
        local: local ? JSON.stringify(local) : null,
      });
      if (decision) {
        const id = ulid(decidedAt + ids.length);
        ids.push(id);
        insertOutbox.run(id, appeal.id, appeal.version, JSON.stringify({ type: 'route', targetId: decision.targetId }),
          JSON.stringify(by), new Date(decidedAt).toISOString(), decidedAt + ids.length);
      }
    }
  })();
  db.close();
  return ids;
}

