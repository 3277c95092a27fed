// One dedicated PostgreSQL connection per API instance that LISTENs on the team channels and hands each NOTIFY to
// its handler (postgres-backplane.ts). This module owns that connection's whole life: connecting, noticing that it
// is gone, reconnecting, and closing. Notifications sent while it is down are lost, so `onReconnected` lets the owner
// re-read what it mirrors.
//
// It is one state machine with at most one live client and at most one timer at any moment:
//   connecting --LISTENs in place--> listening --lost (error, end, ping unanswered)--> waiting --delay--> connecting
//   connecting --failed / timed out--> waiting (or, before the first LISTEN ever, closed: `ready` rejects)
//   any state --close()--> closed
// Every event of a client is checked against `current`: a client that was replaced or given up on can still emit
// 'error'/'end' or settle its connect promise later, and must not schedule anything (that is how reconnect loops
// used to multiply: pg emits 'end' even for a failed connect, and both that and the rejection scheduled a retry).
//
// A connection can also die without anyone saying so (a NAT or firewall dropping packets, no FIN/RST): then no
// 'error' ever comes and notifications just stop. So the client asks for TCP keepalive, and the listener pings
// itself: every `pingMs` it NOTIFYs a private channel it also LISTENs on, through its own connection, and treats the
// connection as lost when that notification is not back within `pingTimeoutMs`. The round trip goes through the
// database's notification queue, the very path the team's news takes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PostgresListenerOptions {
  url: string;
  channels: readonly string[];
  onNotify: (channel: string, payload: string) => void;
  /** After a reconnect (not the first connect): state may have changed unseen. */
  onReconnected?: () => void;
  log?: (line: string) => void;
  /** How long the connection may stay silent before it is pinged (default 10 s). */
  pingMs?: number;
  /** How long a ping may take to come back before the connection counts as lost (default 5 s). */
  pingTimeoutMs?: number;
  /** How long connecting plus the LISTENs may take before the attempt counts as failed (default 10 s). */
  connectTimeoutMs?: number;
  /** First delay before a reconnect; doubled after every failed attempt up to `retryMaxMs` (defaults 250 ms, 5 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export interface PostgresListener {
  /**
   * Resolves once the first LISTEN is in place. Rejects when the first connect fails, and then the listener has
   * stopped for good: the caller (startServer) fails its own start, nothing retries behind its back.
   */
  ready: Promise<void>;
  /** Ends every connection this listener opened and stops every timer; resolves once the sockets are closed. */
  close(): Promise<void>;
}

/** Seen in pg_stat_activity: lets IT (and the tests) count the listening connections. */
const APPLICATION_NAME = 'triage-desk-listen';
/** On close, a healthy connection gets this long to say goodbye (Terminate) before its socket is destroyed. */
const CLOSE_GRACE_MS = 1_000;
/** Idle time before the kernel starts TCP keepalive probes (its default, 2 h, would be no help). */
const KEEPALIVE_IDLE_MS = 10_000;

type State = 'connecting' | 'listening' | 'waiting' | 'closed';

export function startPostgresListener(options: PostgresListenerOptions): PostgresListener {
  const log = options.log ?? (() => {});
  const pingMs = options.pingMs ?? 10_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const retryMinMs = options.retryMinMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  // Private to this listener: other instances' pings on the same database never reach it.
  const pingChannel = `triage_ping_${randomBytes(8).toString('hex')}`;

  let state: State = 'connecting';
  /** The client of the current attempt or connection; every other client is being (or has been) retired. */
  let current: pg.Client | undefined;
  /** The one timer of the current state: connect deadline, retry delay, next ping or ping deadline. */
  let timer: NodeJS.Timeout | undefined;
  let retryMs = retryMinMs;
  let everListened = false;
  let pingSeq = 0;
  let pingAwaited: string | undefined;
  let closing: Promise<void> | undefined;

  /** Every client not yet ended, with the promise of its end: close() ends them all, not just the current one. */
  const clients = new Map<pg.Client, { ended: Promise<void>; retired: boolean }>();

  let resolveReady!: () => void;
  let rejectReady!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // The owner awaits `ready`; this only keeps a rejection nobody waits for (closed before ready) from crashing Node.
  ready.catch(() => {});

  const setTimer = (ms: number, run: () => void): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, ms);
  };
  const stopTimer = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };

  /** Ends a client that is no longer wanted. A dead one is destroyed at once: a graceful end would wait forever. */
  const retire = (client: pg.Client, graceful: boolean): void => {
    const entry = clients.get(client);
    if (!entry || entry.retired) return;
    entry.retired = true;
    // end() first: it marks the client as ending, so pg reports no further error for it.
    client.end().catch(() => {});
    if (!graceful) {
      client.connection.stream.destroy();
      return;
    }
    const fallback = setTimeout(() => client.connection.stream.destroy(), CLOSE_GRACE_MS);
    void entry.ended.then(() => clearTimeout(fallback));
  };

  const lost = (client: pg.Client, why: string): void => {
    // A replaced or retired client (or one after close) has no say any more.
    if (client !== current || state === 'closed') return;
    const was = state;
    current = undefined;
    pingAwaited = undefined;
    stopTimer();
    retire(client, false);
    if (!everListened) {
      // The first connect failed: the owner's start fails with it, and nothing keeps retrying behind its back.
      state = 'closed';
      log(`postgres listener: first connect failed (${why}); not retrying`);
      rejectReady(new Error(`postgres listener: first connect failed: ${why}`));
      return;
    }
    state = 'waiting';
    log(was === 'listening'
      ? `postgres listener: connection lost (${why}); reconnecting in ${retryMs} ms`
      : `postgres listener: reconnect failed (${why}); next attempt in ${retryMs} ms`);
    setTimer(retryMs, connect);
    retryMs = Math.min(retryMaxMs, retryMs * 2);
  };

  const schedulePing = (client: pg.Client): void => {
    setTimer(pingMs, () => {
      if (client !== current || state !== 'listening') return;
      pingSeq += 1;
      const token = String(pingSeq);
      pingAwaited = token;
      setTimer(pingTimeoutMs, () => lost(client, `ping not answered within ${pingTimeoutMs} ms`));
      client.query('SELECT pg_notify($1, $2)', [pingChannel, token]).catch((err: unknown) => lost(client, (err as Error).message));
    });
  };

  const listening = (client: pg.Client): void => {
    stopTimer();
    state = 'listening';
    retryMs = retryMinMs;
    schedulePing(client);
    if (!everListened) {
      everListened = true;
      resolveReady();
      return;
    }
    log('postgres listener: reconnected');
    try {
      options.onReconnected?.();
    } catch (err) {
      log(`postgres listener: onReconnected failed: ${(err as Error).message}`);
    }
  };

  const onNotification = (client: pg.Client, msg: pg.Notification): void => {
    if (client !== current) return;
    if (msg.channel === pingChannel) {
      if (state === 'listening' && msg.payload === pingAwaited) {
        pingAwaited = undefined;
        schedulePing(client);
      }
      return;
    }
    // A throwing handler must not reach pg's socket parsing (it would take the connection down with it).
    try {
      options.onNotify(msg.channel, msg.payload ?? '');
    } catch (err) {
      log(`postgres listener: handler for ${msg.channel} failed: ${(err as Error).message}`);
    }
  };

  function connect(): void {
    state = 'connecting';
    const client = new pg.Client({
      connectionString: options.url,
      application_name: APPLICATION_NAME,
      // TCP keepalive lets the kernel notice a dead peer too; the ping below is what bounds the time to notice.
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_IDLE_MS,
    });
    current = client;
    const ended = new Promise<void>((resolve) => {
      // 'error' and 'end' both mean the connection is gone; lost() acts on the first and ignores the rest. The
      // 'error' listener stays for the client's whole life: an 'error' without one would crash the process.
      client.on('error', (err) => lost(client, err.message));
      client.once('end', () => {
        clients.delete(client);
        lost(client, 'connection closed');
        resolve();
      });
    });
    clients.set(client, { ended, retired: false });
    client.on('notification', (msg) => onNotification(client, msg));
    // Bounds connect and LISTENs together: an attempt into a black hole would otherwise stay 'connecting' forever.
    setTimer(connectTimeoutMs, () => lost(client, `no LISTEN within ${connectTimeoutMs} ms`));
    void (async () => {
      await client.connect();
      for (const channel of [...options.channels, pingChannel]) {
        if (client !== current) return;
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      if (client === current && state === 'connecting') listening(client);
    })().catch((err: unknown) => lost(client, (err as Error).message));
  }

  connect();

  return {
    ready,
    close() {
      closing ??= (async () => {
        const wasListening = state === 'listening';
        const last = current;
        state = 'closed';
        current = undefined;
        stopTimer();
        if (!everListened) rejectReady(new Error('postgres listener: closed before its first LISTEN'));
        for (const client of clients.keys()) retire(client, wasListening && client === last);
        await Promise.all([...clients.values()].map((entry) => entry.ended));
      })();
      return closing;
    },
  };
}
