// Team mode across several API instances on one PostgreSQL database: holds and live presence in the team_* tables
// (postgres-migrations.ts, version 2), news between instances by NOTIFY. Each instance mirrors the holds and the
// others' presence in memory, so building a team snapshot never waits for the database; the mirror is re-read on
// every `triage_team` notification (coalesced) and after its own writes, before it answers.
//
// Arbitration of a hold is one INSERT … ON CONFLICT on the appeal's primary key: two desks on two instances asking for
// the same appeal at once get one `granted` and one `taken`. Expired leases are deleted by whichever instance's sweep
// sees them first; an instance that stops heart-beating for STALE_INSTANCE_MS (crashed, cut off) loses its presence.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Role, User } from '../../shared/domain/user.js';
import { startPostgresListener, type PostgresListener } from '../store/postgres-listener.js';
import { withTransaction } from '../store/postgres-transaction.js';
import type { Hold, TakenAppeal } from './hold-registry.js';
import type { BackplaneEvents, LiveSession, TeamBackplane } from './team-backplane.js';
import { mergePresence, type Presence } from './team-snapshot.js';

export const TEAM_CHANNEL = 'triage_team';
/** Appeals changed (committed); the payload is the head then, or empty. */
export const CHANGES_CHANNEL = 'triage_changes';
export const SESSION_END_CHANNEL = 'triage_session_end';

/** How often an instance says it is alive, sweeps expired leases and rewrites its presence rows. */
const HEARTBEAT_MS = 5_000;
/** Presence of an instance silent this long is ignored and then removed. */
const STALE_INSTANCE_MS = 30_000;
/** Expiry sweep, like the in-memory registry's: lapsed holds are announced at most this late. */
const SWEEP_MS = 1_000;
/** Notices from other instances arriving within this long are taken in with one re-read of the mirror. */
const NEWS_COALESCE_MS = 20;

export interface PostgresBackplaneOptions {
  pool: pg.Pool;
  url: string;
  now: () => number;
  leaseMs: number;
  events: BackplaneEvents;
  log?: (line: string) => void;
}

interface HoldRow {
  appeal_id: string; session_key: string; user_id: string; user_name: string; user_role: Role;
  since_ms: string; expires_ms: string; deciding: boolean;
}
interface PresenceRow { session_key: string; user_id: string; user_name: string; user_role: Role; online_since_ms: string }

const userOf = (row: { user_id: string; user_name: string; user_role: Role }): User =>
  ({ id: row.user_id, name: row.user_name, role: row.user_role });

export async function createPostgresBackplane(options: PostgresBackplaneOptions): Promise<TeamBackplane> {
  const { pool, now, leaseMs, events } = options;
  const log = options.log ?? (() => {});
  const instanceId = randomUUID();
  let mirroredHolds: Hold[] = [];
  let mirroredPresence: Presence[] = [];
  let localSessions: readonly LiveSession[] = [];
  let closed = false;

  const notifyTeam = (client: pg.Pool | pg.PoolClient = pool) =>
    client.query('SELECT pg_notify($1, $2)', [TEAM_CHANNEL, instanceId]);

  const readMirror = async (): Promise<void> => {
    const at = now();
    const [holds, presence] = await Promise.all([
      pool.query<HoldRow>('SELECT * FROM team_holds WHERE expires_ms > $1', [at]),
      pool.query<PresenceRow>(`SELECT p.session_key, p.user_id, p.user_name, p.user_role, p.online_since_ms
        FROM team_presence p JOIN team_instances i ON i.id = p.instance_id
        WHERE p.instance_id <> $1 AND i.seen_ms > $2`, [instanceId, at - STALE_INSTANCE_MS]),
    ]);
    mirroredHolds = holds.rows.map((r) => ({
      appealId: r.appeal_id, sessionKey: r.session_key, user: userOf(r), since: Number(r.since_ms), expiresAt: Number(r.expires_ms),
      deciding: r.deciding,
    }));
    mirroredPresence = mergePresence(presence.rows.map((r) => ({ user: userOf(r), onlineSince: Number(r.online_since_ms) })));
  };
  // One re-read at a time; news arriving meanwhile asks for exactly one more.
  const refresh = coalesced(readMirror, () => closed);
  /** The mirror re-read, and the desks here told if what they see changed (after a write here, or others' news). */
  const refreshOwn = async (): Promise<void> => {
    await refresh();
    if (!closed) events.teamChanged();
  };

  // Another instance's news: re-read a moment later, so a burst (a shift deciding hundreds an hour, each releasing a
  // hold) costs one re-read per instance, not one per notice. Well within the second a colleague's hold may take.
  let refreshDue: NodeJS.Timeout | undefined;
  const refreshAndTell = (): void => {
    refreshDue ??= setTimeout(() => {
      refreshDue = undefined;
      refreshOwn().catch((err: unknown) => log(`team: mirror not refreshed: ${(err as Error).message}`));
    }, NEWS_COALESCE_MS);
  };

  const writePresence = async (): Promise<void> => {
    const sessions = localSessions;
    await withTransaction(pool, async (client) => {
      await client.query(`INSERT INTO team_instances (id, seen_ms) VALUES ($1, $2)
        ON CONFLICT (id) DO UPDATE SET seen_ms = excluded.seen_ms`, [instanceId, now()]);
      await client.query('DELETE FROM team_presence WHERE instance_id = $1', [instanceId]);
      if (sessions.length > 0) {
        await client.query(`INSERT INTO team_presence (instance_id, session_key, user_id, user_name, user_role, online_since_ms)
          SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
        [instanceId, sessions.map((s) => s.sessionKey), sessions.map((s) => s.user.id), sessions.map((s) => s.user.name),
          sessions.map((s) => s.user.role), sessions.map((s) => s.onlineSince)]);
      }
    });
  };

  // Presence writes are coalesced like the mirror reads (the newest local set is what gets written), and the heartbeat
  // goes through the same queue: two writes of this instance's rows at once would collide on their keys.
  const queuePresence = coalesced(async () => {
    await writePresence();
    await notifyTeam();
  }, () => closed);
  const publish = (): void => {
    queuePresence().catch((err: unknown) => log(`team: presence not published: ${(err as Error).message}`));
  };

  const heartbeat = async (): Promise<void> => {
    await queuePresence();
    const at = now();
    const stale = await pool.query(`WITH gone AS (DELETE FROM team_instances WHERE seen_ms <= $1 RETURNING id)
      DELETE FROM team_presence WHERE instance_id IN (SELECT id FROM gone) RETURNING 1`, [at - STALE_INSTANCE_MS]);
    if ((stale.rowCount ?? 0) > 0) await notifyTeam();
    // A notification lost on the way (the listener was reconnecting) is healed here at the latest: the desks get a
    // `team` event only if what they see differs.
    await refreshOwn();
  };
  const sweep = async (): Promise<void> => {
    const expired = await pool.query('DELETE FROM team_holds WHERE expires_ms <= $1 RETURNING 1', [now()]);
    if ((expired.rowCount ?? 0) === 0) return;
    await notifyTeam();
    // Our own notice is not re-read (below); the mirror already leaves lapsed holds out, the desks here need telling.
    events.teamChanged();
  };

  /** TeamBackplane.put, in one transaction. */
  const putHolds = async (
    sessionKey: string, user: User, appealIds: readonly string[], deciding: readonly string[] = [],
  ): Promise<{ granted: string[]; taken: TakenAppeal[] }> => {
    const at = now();
    const wanted = [...new Set(appealIds)];
    const sorted = [...wanted].sort();
    const decidedSet = new Set(deciding);
    const decided = sorted.map((id) => decidedSet.has(id));
    const result = await withTransaction(pool, async (client) => {
      let changed = false;
      // Rows are locked in one order (sorted ids) by every put, so two puts over overlapping appeals wait for each
      // other instead of deadlocking (a deadlock with the expiry sweep is still possible, and retried).
      const expired = await client.query(
        'DELETE FROM team_holds WHERE appeal_id = ANY($1::text[]) AND expires_ms <= $2 RETURNING 1', [sorted, at]);
      changed ||= (expired.rowCount ?? 0) > 0;
      const dropped = await client.query(
        'DELETE FROM team_holds WHERE session_key = $1 AND NOT (appeal_id = ANY($2::text[])) RETURNING 1', [sessionKey, wanted]);
      changed ||= (dropped.rowCount ?? 0) > 0;
      // Free appeals are inserted; the user's own holds (from any of their sessions) renew and move here keeping
      // `since`; someone else's hold is left alone and reported below, unless this session decided it (below).
      // The user's own holds whose «decided» mark changes: a change colleagues see (read under the same row locks
      // the insert below takes, in the same order).
      const marks = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM team_holds h
          JOIN unnest($1::text[], $3::boolean[]) AS w(id, deciding) ON w.id = h.appeal_id
        WHERE h.user_id = $2 AND h.deciding <> w.deciding`, [sorted, user.id, decided]);
      changed ||= (marks.rows[0]?.n ?? 0) > 0;
      // A decision outranks a reading (hold-registry.ts): a colleague's hold this session has decided, and they have
      // not, passes to this session, its `since` now. SET reads the row as it was, so `since` is kept for the user's own.
      const takeovers = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM team_holds h
          JOIN unnest($1::text[], $3::boolean[]) AS w(id, deciding) ON w.id = h.appeal_id
        WHERE h.user_id <> $2 AND w.deciding AND NOT h.deciding AND h.expires_ms > $4`, [sorted, user.id, decided, at]);
      changed ||= (takeovers.rows[0]?.n ?? 0) > 0;
      const won = await client.query<{ appeal_id: string; inserted: boolean }>(`INSERT INTO team_holds
          (appeal_id, session_key, user_id, user_name, user_role, since_ms, expires_ms, deciding)
        SELECT id, $2, $3, $4, $5, $6, $7, d FROM unnest($1::text[], $8::boolean[]) AS w(id, d)
        ON CONFLICT (appeal_id) DO UPDATE SET session_key = excluded.session_key, expires_ms = excluded.expires_ms,
          deciding = excluded.deciding, user_id = excluded.user_id, user_name = excluded.user_name,
          user_role = excluded.user_role,
          since_ms = CASE WHEN team_holds.user_id = excluded.user_id THEN team_holds.since_ms ELSE excluded.since_ms END
          WHERE team_holds.user_id = excluded.user_id OR (excluded.deciding AND NOT team_holds.deciding)
        RETURNING appeal_id, (xmax = 0) AS inserted`, [sorted, sessionKey, user.id, user.name, user.role, at, at + leaseMs, decided]);
      const grantedSet = new Set(won.rows.map((r) => r.appeal_id));
      changed ||= won.rows.some((r) => r.inserted);
      const others = wanted.filter((id) => !grantedSet.has(id));
      const holders = others.length === 0 ? [] : (await client.query<HoldRow>(
        'SELECT * FROM team_holds WHERE appeal_id = ANY($1::text[])', [others])).rows;
      const byAppeal = new Map(holders.map((h) => [h.appeal_id, h]));
      if (changed) await notifyTeam(client);
      return {
        granted: wanted.filter((id) => grantedSet.has(id)),
        taken: others.flatMap((id) => {
          const h = byAppeal.get(id);
          return h ? [{ appealId: id, holder: { id: h.user_id, name: h.user_name }, since: Number(h.since_ms) }] : [];
        }),
      };
    });
    // The answer carries the team: it must already show this very put.
    await refreshOwn();
    return result;
  };

  const listener: PostgresListener = startPostgresListener({
    url: options.url,
    channels: [TEAM_CHANNEL, SESSION_END_CHANNEL, CHANGES_CHANNEL],
    onNotify: (channel, payload) => {
      if (closed) return;
      if (channel === CHANGES_CHANNEL) events.changesCommitted(/^\d+$/.test(payload) ? Number(payload) : undefined);
      else if (channel === SESSION_END_CHANNEL) events.sessionEnded(payload);
      // This instance's own notices need no re-read: each of its writes re-reads the mirror itself before answering.
      else if (payload !== instanceId) refreshAndTell();
    },
    // Whatever was announced while the connection was down is re-read as a whole.
    onReconnected: () => {
      events.changesCommitted(undefined);
      refreshAndTell();
    },
    log,
  });
  await listener.ready;
  try {
    await writePresence();
    await refresh();
  } catch (err) {
    await listener.close();
    throw err;
  }

  const timers = [
    setInterval(() => { heartbeat().catch((err: unknown) => log(`team: heartbeat failed: ${(err as Error).message}`)); }, HEARTBEAT_MS),
    setInterval(() => { sweep().catch((err: unknown) => log(`team: sweep failed: ${(err as Error).message}`)); }, SWEEP_MS),
  ];
  for (const timer of timers) timer.unref();

  return {
    leaseMs,

    put: putHolds,

    async endSession(sessionKey) {
      await withTransaction(pool, async (client) => {
        await client.query('DELETE FROM team_holds WHERE session_key = $1', [sessionKey]);
        await client.query('SELECT pg_notify($1, $2)', [SESSION_END_CHANNEL, sessionKey]);
        await notifyTeam(client);
      });
      await refreshOwn();
    },

    async sessionLeftHere(sessionKey) {
      const left = await pool.query(`DELETE FROM team_holds WHERE session_key = $1 AND NOT EXISTS (
          SELECT 1 FROM team_presence p JOIN team_instances i ON i.id = p.instance_id
          WHERE p.session_key = $1 AND p.instance_id <> $2 AND i.seen_ms > $3)
        RETURNING 1`, [sessionKey, instanceId, now() - STALE_INSTANCE_MS]);
      if ((left.rowCount ?? 0) > 0) await notifyTeam();
      await refreshOwn();
    },

    async announceChanges(head) {
      await pool.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, head === undefined ? '' : String(head)]);
    },

    async decisionsApplied(appealIds) {
      // One round trip: the `changes` notice first, then the holds go and, if any did, the `team` notice; PostgreSQL
      // delivers both at commit, in this order. A deadlock with the expiry sweep is rare and simply run again.
      const run = () => pool.query<{ released: number }>(`WITH d AS (DELETE FROM team_holds WHERE appeal_id = ANY($1::text[]) RETURNING 1)
        SELECT pg_notify($2, ''), (SELECT count(*)::int FROM d) AS released,
          CASE WHEN EXISTS (SELECT 1 FROM d) THEN pg_notify($3, $4) END`, [[...appealIds].sort(), CHANGES_CHANNEL, TEAM_CHANNEL, instanceId]);
      const result = await run().catch((err: unknown) => {
        if ((err as { code?: unknown }).code === '40P01') return run();
        throw err;
      });
      // The request's answer comes after this: a GET /team right then must not show the decided appeal held.
      if ((result.rows[0]?.released ?? 0) > 0) await refreshOwn();
    },

    holds() {
      const at = now();
      return mirroredHolds.filter((h) => h.expiresAt > at)
        .sort((a, b) => a.since - b.since || a.appealId.localeCompare(b.appealId));
    },
    catchUp: () => refresh(),
    remotePresence: () => mirroredPresence,
    publishPresence(sessions) {
      localSessions = [...sessions];
      if (!closed) publish();
    },

    async close() {
      closed = true;
      for (const timer of timers) clearInterval(timer);
      if (refreshDue) clearTimeout(refreshDue);
      await queuePresence.running();
      await listener.close();
      // The desks live through this instance were told `bye`: their holds end as if they had disconnected (unless
      // they are live through another instance too), so an instance restart leaves nothing stale behind.
      const leaving = localSessions.map((session) => session.sessionKey);
      if (leaving.length > 0) {
        await pool.query(`DELETE FROM team_holds h WHERE h.session_key = ANY($1::text[]) AND NOT EXISTS (
            SELECT 1 FROM team_presence p JOIN team_instances i ON i.id = p.instance_id
            WHERE p.session_key = h.session_key AND p.instance_id <> $2 AND i.seen_ms > $3)`,
        [leaving, instanceId, now() - STALE_INSTANCE_MS]).catch(() => {});
      }
      // Leaving cleanly: the others drop this instance's presence now rather than after STALE_INSTANCE_MS.
      await pool.query('DELETE FROM team_presence WHERE instance_id = $1', [instanceId]).catch(() => {});
      await pool.query('DELETE FROM team_instances WHERE id = $1', [instanceId]).catch(() => {});
      await notifyTeam().catch(() => {});
    },
  };
}

/**
 * `run`, one at a time: a call while a run is on asks for exactly one more run after it (however many calls came),
 * and every caller's promise settles once a run that started after its call has finished. Used for the mirror's
 * re-reads and the presence writes, where only the newest state matters. `running()` is the run now on, if any.
 */
function coalesced(run: () => Promise<void>, stopped: () => boolean): (() => Promise<void>) & { running(): Promise<void> | undefined } {
  let current: Promise<void> | undefined;
  let again = false;
  const call = (): Promise<void> => {
    if (current) {
      again = true;
      return current;
    }
    current = (async () => {
      do {
        again = false;
        await run();
      } while (again && !stopped());
    })().finally(() => { current = undefined; });
    return current;
  };
  return Object.assign(call, { running: () => current });
}
