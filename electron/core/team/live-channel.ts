// The team live channel (#9) on the desk's side: one server-sent-events connection to GET /live while signed in,
// reconnected with backoff, watched for silence (heartbeats), resumed from the cache's change cursor. It only tells
// others what arrived — changes (pull now), team snapshots, the server's goodbye; it never blocks a decision, and
// while it is down the sync engine's polling carries everything as before.
import { LIVE_EVENTS, LIVE_HEARTBEAT_MS, type TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import type { LiveState } from '../../../shared/desk-api/team-contract.js';
import { backoffDelayMs } from '../backoff.js';
import { ApiFailure, type CentralApiClient } from '../central-api-client.js';
import { readServerSentEvents, type SseEvent } from './sse-reader.js';

export interface LiveChannelOptions {
  api: CentralApiClient;
  /** The cache's change cursor, sent on (re)connect so the server can tell at once whether the desk is behind. */
  cursor: () => string | null;
  /** The server's change head moved (hello or changes): pull when it is past the cursor. */
  onHead: (head: string) => void;
  onTeam: (team: TeamSnapshot) => void;
  /** The server refused the session (401 or bye unauthorized): the sync engine's next run signs out properly. */
  onUnauthorized: () => void;
  onState: (state: LiveState) => void;
  log: (line: string) => void;
  random?: () => number;
  /** Silence longer than this (no heartbeat, no event) counts as a dead connection; default 2 heartbeats + 5 s. */
  silenceMs?: number;
}

export class LiveChannel {
  private readonly o: LiveChannelOptions;
  private state: LiveState = 'off';
  private running = false;
  private abort: AbortController | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private failures = 0;
  private silenceMs: number;
  private lastActivity = 0;

  constructor(options: LiveChannelOptions) {
    this.o = options;
    this.silenceMs = options.silenceMs ?? LIVE_HEARTBEAT_MS * 2 + 5_000;
  }

  get current(): LiveState {
    return this.state;
  }

  /** Signed in: connect (no-op when already running). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.connect();
  }

  /**
   * The server was just reached another way (a sync run got through): a pending reconnect runs now, from a fresh
   * backoff. The channel and the sync back off apart, so after an outage one came back up to a minute after the other
   * (trial of 4 December: presence 54 s after the sync; the other desk the other way round).
   */
  retryNow(): void {
    if (!this.running || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.failures = 0;
    this.connect();
  }

  /** Signed out or closing: drop the connection and every timer. */
  stop(): void {
    this.running = false;
    this.clearTimers();
    this.abort?.abort();
    this.abort = null;
    this.setState('off');
  }

  private setState(state: LiveState): void {
    if (state === this.state) return;
    this.state = state;
    this.o.onState(state);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }

  private connect(): void {
    if (!this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    if (this.state !== 'down') this.setState('connecting');
    void this.session(abort).then((outcome) => {
      if (this.abort === abort) this.abort = null;
      if (this.watchdog) clearInterval(this.watchdog);
      this.watchdog = null;
      if (!this.running) return;
      if (outcome === 'unauthorized') {
        this.running = false;
        this.setState('off');
        this.o.onUnauthorized();
        return;
      }
      // Lost or refused: polling carries on meanwhile, and the status bar says so.
      this.failures += 1;
      this.setState('down');
      const delay = backoffDelayMs(this.failures, this.o.random);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
      this.retryTimer.unref();
    });
  }

  /** One connection, from request to end; says why it ended. */
  private async session(abort: AbortController): Promise<'ended' | 'failed' | 'unauthorized'> {
    let byeUnauthorized = false;
    try {
      const stream = await this.o.api.openLive(this.o.cursor(), abort.signal);
      this.lastActivity = Date.now();
      this.watchdog = setInterval(() => {
        if (Date.now() - this.lastActivity > this.silenceMs) {
          this.o.log('live: no heartbeat; reconnecting');
          abort.abort();
        }
      }, Math.min(5_000, Math.max(100, Math.floor(this.silenceMs / 4))));
      this.watchdog.unref();
      await readServerSentEvents(stream, abort.signal, (event) => {
        if (this.handle(event) === 'unauthorized') {
          byeUnauthorized = true;
          abort.abort();
        }
      }, () => {
        this.lastActivity = Date.now();
      });
      return byeUnauthorized ? 'unauthorized' : 'ended';
    } catch (error) {
      if (byeUnauthorized) return 'unauthorized';
      if (error instanceof ApiFailure && error.kind === 'unauthorized') return 'unauthorized';
      if (this.running && !abort.signal.aborted) {
        this.o.log(`live: ${error instanceof Error ? error.message : String(error)}`);
      }
      return 'failed';
    } finally {
      abort.abort();
    }
  }

  /** One event, checked against the contract; anything off it is logged and skipped, never acted on. */
  private handle(raw: SseEvent): 'unauthorized' | void {
    if (!Object.hasOwn(LIVE_EVENTS, raw.event)) return; // a newer server's event: not ours to read
    const name = raw.event as keyof typeof LIVE_EVENTS;
    let json: unknown;
    try {
      json = JSON.parse(raw.data);
    } catch {
      this.o.log(`live: ${name} event is not JSON; skipped`);
      return;
    }
    switch (name) {
      case 'hello': {
        const hello = LIVE_EVENTS.hello.safeParse(json);
        if (!hello.success) return this.o.log('live: hello off-contract; skipped');
        // Heartbeats every heartbeatMs: two missed plus slack is a dead connection.
        this.silenceMs = this.o.silenceMs ?? hello.data.heartbeatMs * 2 + 5_000;
        this.failures = 0;
        this.setState('connected');
        this.o.onTeam(hello.data.team);
        this.o.onHead(hello.data.head);
        return;
      }
      case 'changes': {
        const changes = LIVE_EVENTS.changes.safeParse(json);
        if (changes.success) this.o.onHead(changes.data.head);
        else this.o.log('live: changes off-contract; skipped');
        return;
      }
      case 'team': {
        const team = LIVE_EVENTS.team.safeParse(json);
        if (team.success) this.o.onTeam(team.data);
        else this.o.log('live: team off-contract; skipped');
        return;
      }
      case 'bye': {
        const bye = LIVE_EVENTS.bye.safeParse(json);
        this.o.log(`live: server closed the channel (${bye.success ? bye.data.code : 'unknown'})`);
        return bye.success && bye.data.code === 'unauthorized' ? 'unauthorized' : undefined;
      }
    }
  }
}
