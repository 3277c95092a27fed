// The live channel (GET /live, server-sent events): the open connections, who is online through them, and what each
// connection is told — hello, `changes` when the appeal change sequence grew, `team` when holds or presence changed,
// heartbeats, and `bye` when its session ends or the server stops. Appeal data never travels here; desks pull.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIVE_HEARTBEAT_MS, type LiveQuery, type TeamSnapshot } from '../../shared/central-api/team-contract.js';
import type { User } from '../../shared/domain/user.js';
import { HttpError } from '../http-io.js';
import { SSE_HEADERS, SSE_HEARTBEAT, sseEvent } from './sse.js';
import type { LiveSession } from './team-backplane.js';
import { visibleSignature, type Presence } from './team-snapshot.js';

export interface LiveLimits {
  /** Open connections per session: a desk needs one; a few allow a reconnect racing the old connection's close. */
  perSession: number;
  /** Open connections in all: each costs a socket and a little memory. */
  total: number;
}

export const DEFAULT_LIVE_LIMITS: LiveLimits = { perSession: 4, total: 500 };

/** A reader that stopped reading: past this much unsent output the connection is dropped rather than buffered. */
const MAX_BUFFERED_BYTES = 256 * 1024;
/** Shutdown waits this long at most for the last bytes (bye) to leave before the sockets are cut. */
const SHUTDOWN_FLUSH_MS = 2000;

export interface LiveHubOptions {
  heartbeatMs?: number;
  leaseMs: number;
  limits?: LiveLimits;
  now?: () => number;
  /** The newest appeal change sequence. */
  head: () => Promise<number>;
  /** The team as it stands, given who is online through this hub. */
  team: (online: Presence[]) => TeamSnapshot;
  /** Whether a session is still valid (not expired, not revoked); asked at every heartbeat. */
  sessionValid: (sessionKey: string) => Promise<boolean>;
  /** The session's last live connection here closed (its holds end with it, unless it is live elsewhere). */
  onSessionGone: (sessionKey: string) => void;
  /** Someone connected or disconnected here: the sessions live through this hub changed. */
  onPresenceChanged?: () => void;
  log?: (line: string) => void;
}

interface Connection {
  sessionKey: string;
  user: User;
  openedAt: number;
  res: ServerResponse;
  /** The change sequence this connection was last told of. */
  head: number;
  /** The visible team it was last sent, so it is not sent the same again. */
  teamSignature: string;
}

const BYE_MESSAGES = {
  unauthorized: 'Сессия завершена или истекла: войдите снова',
  shutdown: 'Сервер останавливается: переподключитесь позже',
} as const;

export function createLiveHub(options: LiveHubOptions) {
  const heartbeatMs = options.heartbeatMs ?? LIVE_HEARTBEAT_MS;
  const limits = options.limits ?? DEFAULT_LIVE_LIMITS;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const connections = new Set<Connection>();
  let heartbeat: NodeJS.Timeout | undefined;
  let changesDue: NodeJS.Immediate | undefined;
  let teamDue: NodeJS.Immediate | undefined;
  let closed = false;

  const send = (conn: Connection, text: string): void => {
    const { res } = conn;
    if (res.writableEnded || res.destroyed) return;
    res.write(text);
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      log(`live: dropping a connection of ${conn.user.id} that stopped reading`);
      res.destroy();
    }
  };

  const bye = (conn: Connection, code: keyof typeof BYE_MESSAGES): void => {
    send(conn, sseEvent({ event: 'bye', data: { code, message: BYE_MESSAGES[code] } }));
    if (!conn.res.destroyed) conn.res.end();
  };

  const presence = (): Presence[] => {
    const online = new Map<string, Presence>();
    for (const conn of connections) {
      const seen = online.get(conn.user.id);
      if (!seen || conn.openedAt < seen.onlineSince) online.set(conn.user.id, { user: conn.user, onlineSince: conn.openedAt });
    }
    return [...online.values()];
  };

  /** Each session live here, since its earliest connection. */
  const sessions = (): LiveSession[] => {
    const bySession = new Map<string, LiveSession>();
    for (const conn of connections) {
      const seen = bySession.get(conn.sessionKey);
      if (!seen || conn.openedAt < seen.onlineSince) {
        bySession.set(conn.sessionKey, { sessionKey: conn.sessionKey, user: conn.user, onlineSince: conn.openedAt });
      }
    }
    return [...bySession.values()];
  };

  const sessionCount = (sessionKey: string): number => {
    let n = 0;
    for (const conn of connections) if (conn.sessionKey === sessionKey) n += 1;
    return n;
  };

  const broadcastTeam = async (): Promise<void> => {
    teamDue = undefined;
    // A `changes` event being prepared goes out first: a desk must start its pull before it sees a decided appeal's
    // hold end, or it would show that appeal as free in between.
    await changesInFlight;
    if (closed || connections.size === 0) return;
    const team = options.team(presence());
    const signature = visibleSignature(team);
    const text = sseEvent({ event: 'team', data: team });
    for (const conn of connections) {
      if (conn.teamSignature === signature) continue;
      conn.teamSignature = signature;
      send(conn, text);
    }
  };

  const broadcastChanges = async (): Promise<void> => {
    changesDue = undefined;
    if (closed || connections.size === 0) return;
    const told = toldHead;
    toldHead = undefined;
    const head = told ?? await options.head();
    if (closed) return;
    const text = sseEvent({ event: 'changes', data: { head: String(head) } });
    for (const conn of connections) {
      if (conn.head >= head) continue;
      conn.head = head;
      send(conn, text);
    }
  };

  // Sessions expire by time and can be revoked elsewhere: each beat re-checks every session once.
  const beat = async (): Promise<void> => {
    const valid = new Map<string, boolean>();
    for (const conn of [...connections]) {
      let ok = valid.get(conn.sessionKey);
      if (ok === undefined) {
        ok = await options.sessionValid(conn.sessionKey);
        valid.set(conn.sessionKey, ok);
      }
      if (closed || !connections.has(conn)) continue;
      if (ok) send(conn, SSE_HEARTBEAT);
      else bye(conn, 'unauthorized');
    }
  };
  // A store that cannot answer (PostgreSQL restarting) skips a beat rather than failing the process.
  const beatSafely = (): void => {
    beat().catch((err: unknown) => log(`live: heartbeat skipped: ${(err as Error).message}`));
  };
  let changesInFlight: Promise<void> = Promise.resolve();
  /** The newest head announced with the pending `changes` (saves a read when the announcer knew it). */
  let toldHead: number | undefined;
  const broadcastChangesSafely = (): void => {
    changesInFlight = broadcastChanges().catch((err: unknown) => log(`live: changes event skipped: ${(err as Error).message}`));
  };
  const broadcastTeamSafely = (): void => {
    broadcastTeam().catch((err: unknown) => log(`live: team event skipped: ${(err as Error).message}`));
  };

  const remove = (conn: Connection): void => {
    if (!connections.delete(conn)) return;
    if (connections.size === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
    if (closed) return;
    if (sessionCount(conn.sessionKey) === 0) options.onSessionGone(conn.sessionKey);
    options.onPresenceChanged?.();
    hub.teamChanged();
  };

  const hub = {
    heartbeatMs,

    /** Serves one GET /live: the caller has authenticated the session and validated the query. */
    async open(_query: LiveQuery, user: User, sessionKey: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (closed) throw new HttpError(503, 'shutting_down', 'Сервер останавливается', { 'retry-after': '5' });
      // Read before anything is decided or written, so nothing below waits between the checks and the writes.
      const head = await options.head();
      if (closed) throw new HttpError(503, 'shutting_down', 'Сервер останавливается', { 'retry-after': '5' });
      // One desk keeps one channel; more for the same session are connections the desk already gave up on (a Wi-Fi
      // drop leaves the old socket open here for minutes). The newest wins: the oldest is ended, never the new one.
      if (sessionCount(sessionKey) >= limits.perSession) {
        const oldest = [...connections].filter((c) => c.sessionKey === sessionKey).sort((a, b) => a.openedAt - b.openedAt)[0];
        if (oldest) {
          log(`live: session of ${oldest.user.id} reconnected; its oldest channel is closed`);
          connections.delete(oldest);
          if (!oldest.res.destroyed) oldest.res.end();
        }
      }
      if (connections.size >= limits.total) {
        throw new HttpError(503, 'live_unavailable',
          'Канал обновлений перегружен; данные обновляются опросом', { 'retry-after': '30' });
      }
      res.writeHead(200, SSE_HEADERS);
      req.socket.setNoDelay(true);
      req.socket.setKeepAlive(true);
      const conn: Connection = { sessionKey, user, openedAt: now(), res, head: 0, teamSignature: '' };
      connections.add(conn);
      res.once('close', () => remove(conn));

      // The query's cursor needs no answer of its own: hello carries the head, and the desk compares.
      const team = options.team(presence());
      conn.head = head;
      conn.teamSignature = visibleSignature(team);
      send(conn, sseEvent({ event: 'hello', data: { head: String(head), leaseMs: options.leaseMs, heartbeatMs, team } }));

      heartbeat ??= setInterval(beatSafely, heartbeatMs);
      heartbeat.unref();
      options.onPresenceChanged?.();
      hub.teamChanged(); // this person may have just come online for the others
    },

    presence,
    sessions,

    /**
     * Appeals changed (committed): live desks are told to pull. Bursts within one tick become one event. `head`, when
     * the caller knows it, saves reading it; unknown (undefined) anywhere in a burst means it is read.
     */
    changesCommitted(head?: number): void {
      if (closed) return;
      if (changesDue === undefined) toldHead = head;
      else if (toldHead !== undefined) toldHead = head === undefined ? undefined : Math.max(toldHead, head);
      changesDue ??= setImmediate(broadcastChangesSafely);
    },

    /** Holds or presence may have changed: desks whose visible team differs get a `team` event, once per tick. */
    teamChanged(): void {
      if (closed) return;
      teamDue ??= setImmediate(broadcastTeamSafely);
    },

    /** The session was revoked: its connections are told so and closed. */
    closeSession(sessionKey: string): void {
      for (const conn of [...connections]) if (conn.sessionKey === sessionKey) bye(conn, 'unauthorized');
    },

    /** Says bye to everyone, ends every stream and stops the timers; resolves once the byes have left. */
    async close(): Promise<void> {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      if (changesDue) clearImmediate(changesDue);
      if (teamDue) clearImmediate(teamDue);
      heartbeat = changesDue = teamDue = undefined;
      const open = [...connections];
      const flushed = open.map((conn) => new Promise<void>((resolve) => {
        if (conn.res.writableFinished || conn.res.destroyed) resolve();
        conn.res.once('finish', resolve);
        conn.res.once('close', resolve);
      }));
      for (const conn of open) bye(conn, 'shutdown');
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(flushed),
        new Promise<void>((resolve) => { deadline = setTimeout(resolve, SHUTDOWN_FLUSH_MS); }),
      ]);
      clearTimeout(deadline);
      connections.clear();
    },
  };
  return hub;
}

export type LiveHub = ReturnType<typeof createLiveHub>;
