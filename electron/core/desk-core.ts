// The core's entry point: opens the cache, wires the API client, sync engine and handler map, and exposes the
// ONE dispatcher (call) and the event subscription (on) that Electron IPC and the test harness both carry.
import { join } from 'node:path';
import { DESK_METHODS, isDeskMethod, type DeskMethod, type DeskResult, type SyncStatus } from '../../shared/desk-api/contract.js';
import type { LiveState } from '../../shared/desk-api/team-contract.js';
import { CACHE_FILE_NAME, openLocalCache, type LocalCache } from './cache/local-cache.js';
import { createCentralApiClient } from './central-api-client.js';
import { AfterChangePipeline } from './after-change.js';
import { DEFAULT_UNDO_SECONDS } from '../../shared/domain/undo-window.js';
import { DeskEventHub } from './desk-events.js';
import { resultJson } from './result-json.js';
import { DeskFailure } from './desk-failure.js';
import { diskFullFailure, isDiskFull } from './disk-full.js';
import { cachedUser, createDeskHandlers, type DeskHandlers } from './desk-handlers.js';
import { startSuggestionService, type SuggestionService } from './routing/suggestion-service.js';
import type { Clock } from './clock.js';
import { HandoverSessions } from './handover.js';
import { readDeadlineConfig, utcOffsetOf } from './lead/deadline-config.js';
import { startSearchIndexKeeper } from './search/search-index-keeper.js';
import { SyncEngine } from './sync-engine.js';
import { SyncLog } from './sync-log.js';
import { createFileTokenStore, type TokenStore } from './token-store.js';
import { createTeamService, type TeamService } from './team/team-service.js';
import { describeIssues, RUSSIAN_ISSUES } from '../../shared/text/issue-text.js';

export type { TokenStore } from './token-store.js';
export { CacheOpenError } from './cache/cache-open-error.js';
export { START_FRESH_FLAG } from './cache/open-cache.js';

export interface DeskCoreOptions {
  dataDir: string;
  apiUrl: string;
  tokenStore?: TokenStore;
  pushDelayMs?: number;
  syncIntervalMs?: number;
  requestTimeoutMs?: number;
  demo?: boolean;
  log?: (line: string) => void;
  /** HTTP for the central API; default Node's fetch (Electron passes net.fetch for policy proxy and CA). */
  fetch?: typeof fetch;
  /** Check every handler's output against the contract; default on unless NODE_ENV=production. */
  validateOutputs?: boolean;
  /** The operator confirmed starting over with an empty cache (the shell's --start-fresh-cache): a missing, empty
   * or corrupt cache is set aside (renamed with a timestamp) instead of refusing the start. */
  startFreshCache?: boolean;
  /** Team mode timings for tests: the live channel's silence watchdog and the hold lease (default 90 s). */
  liveSilenceMs?: number;
  holdLeaseMs?: number;
  /** The sync engine's timers and "now" (tests drive them by hand); the system clock by default. */
  clock?: Clock;
}

export interface DeskCore {
  call(method: string, input: unknown): Promise<DeskResult<unknown>>;
  /**
   * The same answer as JSON text, made where the core runs: a relay that only forwards it (the harness's HTTP, the
   * core host's message port) then never copies the answer's objects on its own thread — a 100,000-id inbox list
   * would otherwise be cloned out of the core's thread and serialised again on the relay's.
   */
  callJson(method: string, input: unknown): Promise<string>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  close(): Promise<void>;
}

/** What start-up has opened so far, closed again if a later step throws. */
interface StartedParts {
  engine?: SyncEngine;
  team?: TeamService;
  suggestions?: SuggestionService;
}

/** Rejects with CacheOpenError when the cache file is corrupt, from a newer program, or missing or empty although a
 * session token is stored (the desk was used: unsent decisions may be lost). */
export async function createDeskCore(options: DeskCoreOptions): Promise<DeskCore> {
  const tokenStore = options.tokenStore ?? createFileTokenStore(options.dataDir);
  const cache = openLocalCache(options.dataDir, {
    sessionExists: tokenStore.load() !== null,
    startFresh: options.startFreshCache ?? false,
    ...(options.log ? { log: options.log } : {}),
  });
  const started: StartedParts = {};
  try {
    return await wireDeskCore({ ...options, tokenStore }, cache, started);
  } catch (error) {
    // A caller that retries (or a harness that reports and exits) must not keep a worker and a connection open.
    await started.team?.close();
    await started.engine?.close();
    await started.suggestions?.close();
    cache.db.close();
    throw error;
  }
}

async function wireDeskCore(options: DeskCoreOptions, cache: LocalCache, started: StartedParts): Promise<DeskCore> {
  const log = options.log ?? (() => undefined);
  const validateOutputs = options.validateOutputs ?? process.env.NODE_ENV !== 'production';
  const tokenStore = options.tokenStore ?? createFileTokenStore(options.dataDir);
  // What a change needs before anyone hears of it (deadlines, clusters, suggestions), in one declared order.
  const afterChange = new AfterChangePipeline(log);
  const events = new DeskEventHub(log, () => afterChange.run());
  const syncLog = new SyncLog(options.dataDir);
  const api = createCentralApiClient({
    apiUrl: options.apiUrl,
    timeoutMs: options.requestTimeoutMs ?? 10_000,
    token: () => tokenStore.load(),
    log,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const demo = options.demo ?? false;
  // deadlines.json, read once: the lead's deadlines and the one offset every day bound of the desk uses.
  const deadlines = readDeadlineConfig(options.dataDir, log);
  const utcOffsetMinutes = utcOffsetOf(deadlines);
  // Created right after the engine (each needs the other): the engine shows the channel's state, the channel pulls.
  let team: TeamService | null = null;
  const handover = new HandoverSessions();
  const engine: SyncEngine = new SyncEngine({
    cache,
    api,
    events,
    hasToken: () => tokenStore.load() !== null,
    onUnauthorized: () => {
      tokenStore.clear();
      events.emit('session.changed', { user: null, apiUrl: options.apiUrl, demo, utcOffsetMinutes });
    },
    pushDelayMs: options.pushDelayMs ?? DEFAULT_UNDO_SECONDS * 1_000,
    syncIntervalMs: options.syncIntervalMs ?? 15_000,
    log,
    journal: syncLog,
    liveState: () => team?.live() ?? 'off',
    currentUser: () => cachedUser(cache),
    handover,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let liveWas: LiveState = 'off';
  const teamService = createTeamService({
    cache, api, events, log,
    user: () => (tokenStore.load() !== null ? cachedUser(cache) : null),
    triggerSync: () => engine.nudge(),
    onLiveState: (state) => {
      engine.publishStatus();
      if (state === 'connected') engine.serverReachable();
      // The channel dropped: a sync run now tells whether the server is gone. Until the next poll the bar said
      // «В сети» beside «Связь со сменой прервана» for about 8 s after the API was stopped (a trial of 6 December).
      else if (state === 'down' && liveWas === 'connected') void engine.nudge(); // lost, not stopped on purpose ('off')
      liveWas = state;
    },
    ...(options.liveSilenceMs !== undefined ? { silenceMs: options.liveSilenceMs } : {}),
    ...(options.holdLeaseMs !== undefined ? { holdLeaseMs: options.holdLeaseMs } : {}),
  });
  team = teamService;
  started.team = teamService;
  events.on('session.changed', () => teamService.sessionChanged());
  // Every decision stored, sent or undone republishes the status with its pending count: the held set follows. A
  // sync back online after an outage tells the live channel the server answers (each backs off on its own) — only
  // then: a channel a proxy refuses while sync gets through must keep its backoff, not retry at every run.
  let wasOffline = false;
  events.on('sync.status', (status) => {
    teamService.pendingChanged();
    const { state } = status as SyncStatus;
    if (state === 'offline') wasOffline = true;
    else if (state === 'online' && wasOffline) {
      wasOffline = false;
      teamService.serverReachable();
    }
  });
  // Routing suggestions: a worker learns from routed history and scores waiting appeals after every change.
  const suggestions = startSuggestionService({
    db: cache.db, dbFile: join(options.dataDir, CACHE_FILE_NAME), log,
    onChanged: (ids) => events.emit('suggestions.changed', { ids }),
  });
  started.suggestions = suggestions;
  afterChange.set('suggestions', () => suggestions.poke());
  suggestions.poke();
  // Before the engine starts: it resumes a pass a kill left pending, and holds back while a long pull runs.
  const searchIndex = startSearchIndexKeeper({ cache, events, log });
  const handlers: DeskHandlers = createDeskHandlers({
    cache, api, engine, events, tokenStore, apiUrl: options.apiUrl, demo, log, syncLog, suggestions, team: teamService,
    handover, deadlines, utcOffsetMinutes, afterChange, searchIndex,
  });
  let closed = false;
  let closing: Promise<void> | null = null;

  async function dispatch<M extends DeskMethod>(method: M, input: unknown): Promise<DeskResult<unknown>> {
    const spec = DESK_METHODS[method];
    const parsed = spec.input.safeParse(input ?? {}, RUSSIAN_ISSUES);
    if (!parsed.success) {
      return { ok: false, error: { code: 'bad_request', message: `Неверные параметры ${method}: ${describeIssues(parsed.error)}` } };
    }
    const handler = handlers[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    if (validateOutputs) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        log(`core: ${method} output off-contract: ${describeIssues(checked.error)}`);
        return { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка: ответ не по протоколу' } };
      }
    }
    return { ok: true, value };
  }

  started.engine = engine;
  engine.start();
  log(`core: started (api ${options.apiUrl})`);

  async function call(method: string, input: unknown): Promise<DeskResult<unknown>> {
    if (closed) return { ok: false, error: { code: 'internal', message: 'Программа завершает работу' } };
    if (!isDeskMethod(method)) {
      return { ok: false, error: { code: 'bad_request', message: `Неизвестный метод: ${String(method).slice(0, 100)}` } };
    }
    try {
      return await dispatch(method, input);
    } catch (error) {
      if (error instanceof DeskFailure) return { ok: false, error: { code: error.code, message: error.message } };
      if (isDiskFull(error)) {
        log(`core: ${method} failed: disk full (${(error as { code: string }).code})`);
        const failure = diskFullFailure(options.dataDir);
        return { ok: false, error: { code: failure.code, message: failure.message } };
      }
      log(`core: ${method} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
      return { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка программы' } };
    }
  }

  return {
    call,
    async callJson(method, input) {
      return resultJson(await call(method, input), (line) => log(`core: ${method}: ${line}`));
    },
    on: (event, listener) => events.on(event, listener),
    close() {
      closing ??= (async () => {
        closed = true;
        await teamService.close();
        await engine.close();
        searchIndex.close();
        await suggestions.close();
        events.clear();
        cache.db.close();
        log('core: closed');
      })();
      return closing;
    },
  };
}
