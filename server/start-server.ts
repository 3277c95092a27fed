// Starts the reference central API: opens the store (SQLite folder or PostgreSQL), loads reference data, seeds a
// fresh database with demo data when asked, serves HTTP.
// Tests and the dev launcher import startServer; server/main.ts is only its command-line face.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { API_PREFIX } from '../shared/central-api/contract.js';
import { Target } from '../shared/domain/target.js';
import { createAuth, PASSWORD_COST, publicPasswordHash, type PasswordCost } from './auth.js';
import { createConnectorRoutes, describeConnectors } from './connectors/connector-routes.js';
import { loadConnectorsConfig } from './connectors/connectors-config.js';
import { generateDemoAppeals } from './demo/generate-appeals.js';
import { openLivePublic, type LivePublicOptions } from './demo/live-public.js';
import { DEMO_USERS } from './demo/demo-users.js';
import { generateRoutedHistory } from './demo/routed-history.js';
import { createLoginRateLimit, DEFAULT_LOGIN_LIMITS, type LoginLimits } from './login-rate-limit.js';
import { buildOpenApiDocument } from './openapi.js';
import { createRouter } from './route-table.js';
import { changesRoute } from './routes/changes.js';
import { holdsRoute } from './routes/holds.js';
import { ingestRoute } from './routes/ingest.js';
import { mutationsRoute } from './routes/mutations.js';
import { preferencesRoute, savePreferencesRoute } from './routes/preferences.js';
import { sessionRoute, signOutRoute } from './routes/session.js';
import { targetsRoute } from './routes/targets.js';
import { teamRoute } from './routes/team.js';
import type { CentralStore } from './store/central-store.js';
import { startDatabaseClock } from './store/database-clock.js';
import { openCentralStore, type StoreLocation } from './store/open-store.js';
import type { PostgresStore } from './store/postgres-store.js';
import type { LiveLimits } from './team/live-hub.js';
import { createTeamMode } from './team/team-mode.js';
import type { TokenBucketLimits } from './token-bucket.js';

export interface StartServerOptions {
  /** 0 = an ephemeral port. */
  port: number;
  /** The SQLite folder (`--data DIR`): the embedded engine, used unless `databaseUrl` is given. */
  dataDir?: string;
  /** A PostgreSQL database (`--database postgres://…`); several instances may serve one at once. */
  databaseUrl?: string;
  /** Connections each instance keeps to PostgreSQL at most; default 10. */
  databasePoolSize?: number;
  /** Number of demo appeals to generate; honoured only when the store is fresh (empty folder, empty database). */
  demo?: number;
  /**
   * Whether a store without users gets the demo accounts (password = login). Default: yes for a SQLite folder (the
   * reference server and pilots) and with `demo`; no for PostgreSQL otherwise — a production database must not
   * start with guessable accounts (IT adds people with `npm run server:add-user`).
   */
  demoUsers?: boolean;
  /** Default 127.0.0.1. */
  host?: string;
  log?: (line: string) => void;
  /** Reference data file; default resources/targets.json of this checkout. */
  targetsFile?: string;
  /** Older, already routed demo appeals to seed with `demo` (the suggestions learn from them); default 0. */
  demoHistory?: number;
  /**
   * The `demo` appeals as the demo shift left them by now (server/demo/demo-shift.ts): decided but for the last
   * working hours' and a few hard cases, so the leads' queues and statistics have a month to show. The desktop app's
   * embedded demo; tests and benches keep them all new.
   */
  demoWorked?: boolean;
  /** Sign-in delays per (login, address), login and address (DEFAULT_LOGIN_LIMITS); tests pass small ones and a clock. */
  loginLimits?: LoginLimits;
  clock?: () => number;
  /** Session lifetime from sign-in; default 12 h (DEFAULT_SESSION_TTL_MS). */
  sessionTtlMs?: number;
  /**
   * The scrypt cost of the passwords this server hashes (the demo accounts') and of the dummy an unknown login is
   * checked against; default PASSWORD_COST. Tests only, lower (tests/harness/test-server.ts): the test servers'
   * scrypt runs were most of their CPU. No command-line flag or variable sets it: people's passwords always get the
   * default, and `npm run server:add-user` hashes with it.
   */
  passwordCost?: PasswordCost;
  /** Team mode: how long a hold lasts unless renewed; default HOLD_LEASE_MS (90 s). */
  holdLeaseMs?: number;
  /** Team mode: heartbeat (and session re-check) interval of the live channel; default LIVE_HEARTBEAT_MS (15 s). */
  liveHeartbeatMs?: number;
  /** Team mode: open live connections per session and in all; default 4 and 500. */
  liveLimits?: LiveLimits;
  /** Team mode: PUT /holds per session (token bucket); default burst 20, 10 per second. */
  holdLimits?: TokenBucketLimits;
  /**
   * Platform connectors (`--connectors FILE`, server/connectors/): the file; where its `{"env": …}` secrets are read
   * (process.env by default); tests only: a fake VK API's address and its time limit, a fake Telegram Bot API's address
   * and the polling loop's waits.
   */
  connectors?: { file: string; env?: NodeJS.ProcessEnv; vkApiUrl?: string; vkLookupTimeoutMs?: number;
    telegramApiUrl?: string; telegramPoll?: { timeoutS?: number; backoffMinMs?: number; backoffMaxMs?: number } };
  /**
   * The embedded demo's simulated public (server/demo/live-public.ts): demo VK, Telegram and OK pages configured in
   * memory, and "citizens" posting to them through the connectors every few seconds. Off unless given; not with
   * `connectors`.
   */
  demoLivePublic?: LivePublicOptions;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_TARGETS_FILE = new URL('../resources/targets.json', import.meta.url);

function loadTargets(file: string | URL): Target[] {
  return z.array(Target).parse(JSON.parse(readFileSync(file, 'utf8')));
}

async function seedUsers(store: CentralStore, cost: PasswordCost, log: (line: string) => void): Promise<void> {
  const hashes = await Promise.all(DEMO_USERS.map((u) => publicPasswordHash(u.password, cost)));
  try {
    await store.insertUsers(DEMO_USERS.map((u, i) =>
      ({ id: u.id, login: u.login, name: u.name, role: u.role, passwordHash: hashes[i] ?? '' })));
  } catch (err) {
    // Several instances started together on one fresh PostgreSQL database all found it without users; one insert
    // wins (PostgreSQL's unique_violation, 23505), the others find the users there.
    if ((err as { code?: unknown }).code !== '23505') throw err;
    log('demo users: already created by another instance');
    return;
  }
  log('demo users (password = login):');
  for (const u of DEMO_USERS) log(`  ${u.login.padEnd(10)} ${u.role.padEnd(9)} ${u.name}`);
}

async function seedDemoAppeals(
  store: CentralStore, count: number, worked: boolean, log: (line: string) => void,
): Promise<void> {
  const appeals = generateDemoAppeals(count, { now: new Date(), worked });
  await store.insertNewAppeals(appeals);
  const waiting = appeals.filter((a) => a.status === 'new').length;
  log(worked ? `demo: ${appeals.length} appeals of the last 30 days, ${waiting} still waiting (the rest decided by the demo shift)`
    : `demo: ${appeals.length} appeals generated`);
}

async function seedRoutedHistory(store: CentralStore, count: number, log: (line: string) => void): Promise<void> {
  const appeals = generateRoutedHistory(count, { now: new Date() });
  await store.insertNewAppeals(appeals);
  log(`demo: ${appeals.length} older appeals already routed (history for suggestions)`);
}

function storeLocation(opts: StartServerOptions): StoreLocation {
  if (opts.databaseUrl !== undefined) {
    return { engine: 'postgres', url: opts.databaseUrl,
      ...(opts.databasePoolSize !== undefined ? { poolSize: opts.databasePoolSize } : {}) };
  }
  if (opts.dataDir === undefined) throw new Error('startServer needs dataDir (SQLite) or databaseUrl (PostgreSQL)');
  return { engine: 'sqlite', dataDir: opts.dataDir };
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  // Decided before the store creates its file: demo data goes only into a folder that had nothing in it.
  const location = storeLocation(opts);
  // Before anything is opened: a mistake in the connectors file stops the start with its file and key named.
  const connectorsConfig = opts.connectors === undefined ? undefined
    : loadConnectorsConfig(opts.connectors.file, { log, ...(opts.connectors.env ? { env: opts.connectors.env } : {}) });
  if (opts.demoLivePublic !== undefined && opts.connectors !== undefined) {
    throw new Error('demoLivePublic brings its own demo communities: it is not given together with connectors');
  }
  const dirWasEmpty = location.engine !== 'sqlite'
    || !existsSync(location.dataDir) || readdirSync(location.dataDir).length === 0;

  const store = await openCentralStore(location, log);
  try {
    await store.replaceTargets(loadTargets(opts.targetsFile ?? DEFAULT_TARGETS_FILE));
    const demoUsers = opts.demoUsers ?? (location.engine === 'sqlite' || (opts.demo ?? 0) > 0);
    if (await store.countUsers() === 0) {
      if (demoUsers) await seedUsers(store, opts.passwordCost ?? PASSWORD_COST, log);
      else log('no users yet: add them with `npm run server:add-user` (see docs/IT.md)');
    }
    if (opts.demo !== undefined && opts.demo > 0) {
      const fresh = dirWasEmpty && store.created;
      if (fresh) await seedDemoAppeals(store, opts.demo, opts.demoWorked ?? false, log);
      if (fresh && opts.demoHistory) await seedRoutedHistory(store, opts.demoHistory, log);
      else if (!fresh) log(`note: the store already has data; --demo ${opts.demo} ignored (${await store.countAppeals()} appeals kept)`);
    }
  } catch (err) {
    await store.close();
    throw err;
  }

  // Instances on one PostgreSQL database compare times across machines: they all follow the database's clock.
  const databaseClock = store.engine === 'postgres' && opts.clock === undefined
    ? await startDatabaseClock((store as PostgresStore).pool, { log }).catch(async (err: unknown) => {
      await store.close();
      throw err;
    })
    : undefined;
  const clock = opts.clock ?? databaseClock?.now ?? Date.now;
  const auth = createAuth(store, {
    ...(opts.sessionTtlMs !== undefined ? { sessionTtlMs: opts.sessionTtlMs } : {}),
    ...(opts.passwordCost !== undefined ? { passwordCost: opts.passwordCost } : {}),
    now: clock,
  });
  const team = await createTeamMode({
    store, auth, log, now: clock,
    ...(opts.holdLeaseMs !== undefined ? { leaseMs: opts.holdLeaseMs } : {}),
    ...(opts.liveHeartbeatMs !== undefined ? { heartbeatMs: opts.liveHeartbeatMs } : {}),
    ...(opts.liveLimits !== undefined ? { liveLimits: opts.liveLimits } : {}),
    ...(opts.holdLimits !== undefined ? { holdLimits: opts.holdLimits } : {}),
  }).catch(async (err: unknown) => {
    databaseClock?.close();
    await store.close();
    throw err;
  });
  const openApi = buildOpenApiDocument();
  const route = createRouter({
    auth,
    log,
    handlers: {
      session: sessionRoute(auth, createLoginRateLimit(opts.loginLimits ?? DEFAULT_LOGIN_LIMITS, clock)),
      targets: targetsRoute(store),
      changes: changesRoute(store),
      mutations: mutationsRoute(store, { onApplied: (appealIds) => team.decisionsApplied(appealIds) }),
      ingest: ingestRoute(store, { onAccepted: (head) => team.appealsChanged(head), now: clock, log }),
      holds: holdsRoute(store, team),
      team: teamRoute(team),
      preferences: preferencesRoute(store),
      savePreferences: savePreferencesRoute(store),
      signOut: signOutRoute(auth, (sessionKey) => team.sessionEnded(sessionKey)),
    },
    streams: {
      live: (query, user, meta, req, res) => team.hub.open(query, user, meta.sessionKey, req, res),
    },
    plain: {
      [`${API_PREFIX}/health`]: () => ({ ok: true }),
      [`${API_PREFIX}/openapi.json`]: () => openApi,
    },
  });

  const livePublic = opts.demoLivePublic === undefined ? undefined
    : await openLivePublic({ ...opts.demoLivePublic, log }).catch(async (err: unknown) => {
      await team.close();
      databaseClock?.close();
      await store.close();
      throw err;
    });
  const connectorsInUse = livePublic?.config ?? connectorsConfig;
  const vkApiUrl = livePublic?.vkApiUrl ?? opts.connectors?.vkApiUrl;
  // Always served: the ПОС import upload needs no connectors file (only a lead's or connector account's token).
  const connectors = createConnectorRoutes({
    config: connectorsInUse ?? { file: '', vk: [], telegram: [], ok: [] }, auth, store, log, onChanged: (head) => team.appealsChanged(head),
    now: clock,
    ...(vkApiUrl !== undefined ? { vkApiUrl } : {}),
    ...(opts.connectors?.vkLookupTimeoutMs !== undefined ? { vkLookupTimeoutMs: opts.connectors.vkLookupTimeoutMs } : {}),
    ...(opts.connectors?.telegramApiUrl !== undefined ? { telegramApiUrl: opts.connectors.telegramApiUrl } : {}),
    ...(opts.connectors?.telegramPoll !== undefined ? { telegramPoll: opts.connectors.telegramPoll } : {}),
  });
  if (connectorsInUse) for (const line of describeConnectors(connectorsInUse)) log(line);

  const server = createServer({ requestTimeout: 60_000 }, (req, res) => {
    if (connectors?.handles(req.url)) void connectors.route(req, res);
    else void route(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await livePublic?.close();
    await team.close();
    databaseClock?.close();
    await store.close();
    throw err;
  });

  // Telegram bots in polling mode start asking getUpdates once the server is up (and stop first on close, below).
  connectors?.start();
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  livePublic?.start(`http://${urlHost}:${port}`);
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      // The demo public stops first (nothing is posted to a closing server); live desks are told `bye shutdown` and
      // their streams end before the sockets are cut.
      closing ??= (livePublic?.close() ?? Promise.resolve()).then(() => connectors?.close()).then(() => team.close()).then(() => new Promise<void>((resolve) => {
        server.close(() => {
          databaseClock?.close();
          void store.close().then(resolve, resolve);
        });
        server.closeAllConnections();
      }));
      return closing;
    },
  };
}
