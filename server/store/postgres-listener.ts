// One dedicated PostgreSQL connection per API instance that LISTENs on the team channels and hands each NOTIFY to
// its handler. The connection is re-opened with a growing delay when it drops (PostgreSQL restarting, a failover);
// notifications sent meanwhile are lost, so `onReconnected` lets the owner re-read what it mirrors.
import pg from 'pg';

export interface PostgresListenerOptions {
  url: string;
  channels: readonly string[];
  onNotify: (channel: string, payload: string) => void;
  /** After a reconnect (not the first connect): state may have changed unseen. */
  onReconnected?: () => void;
  log?: (line: string) => void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

export interface PostgresListener {
  /** Resolves once the first LISTEN is in place (rejects when the first connect fails). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function startPostgresListener(options: PostgresListenerOptions): PostgresListener {
  const log = options.log ?? (() => {});
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: options.url, application_name: 'triage-desk-listen' });
    next.on('notification', (msg) => options.onNotify(msg.channel, msg.payload ?? ''));
    // 'error' and 'end' both mean the connection is gone; one reconnect is scheduled for either.
    let gone = false;
    const lost = (why: string) => {
      if (gone || closed) return;
      gone = true;
      client = undefined;
      log(`postgres listener: connection lost (${why}); reconnecting`);
      schedule(true);
    };
    next.on('error', (err) => lost(err.message));
    next.on('end', () => lost('closed'));
    await next.connect();
    for (const channel of options.channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    retryMs = RETRY_MIN_MS;
  };

  const schedule = (reconnect: boolean): void => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().then(() => {
        if (reconnect && !closed) options.onReconnected?.();
      }, (err: unknown) => {
        log(`postgres listener: reconnect failed: ${(err as Error).message}`);
        retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
        if (!closed) schedule(true);
      });
    }, retryMs);
    retryTimer.unref();
  };

  return {
    ready: connect(),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
