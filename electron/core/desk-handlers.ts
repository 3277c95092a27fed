// The desk API handler map: one function per DESK_METHODS entry, taking the zod-parsed input and returning the
// output (or throwing DeskFailure). The dispatcher in desk-core.ts is the only caller.
import type { z } from 'zod';
import type { DESK_METHODS, DeskMethod, DeskOutput, Session } from '../../shared/desk-api/contract.js';
import { User, type User as UserType } from '../../shared/domain/user.js';
import type { Decision } from '../../shared/domain/appeal.js';
import type { LocalCache } from './cache/local-cache.js';
import { ApiFailure, type CentralApiClient } from './central-api-client.js';
import { decideAppeal, rerouteAfterConflict } from './decide-appeal.js';
import type { DeskEventHub } from './desk-events.js';
import { DeskFailure } from './desk-failure.js';
import { getFavorites, setFavorites } from './favorites.js';
import { handOverAtSignIn, type HandoverSessions } from './handover.js';
import { signOut } from './sign-out.js';
import { createSearchHandlers } from './search-handlers.js';
import { createLeadHandlers } from './lead/lead-handlers.js';
import { appealDeadlines } from './lead/appeal-deadlines.js';
import { createRoutingHandlers } from './routing/routing-handlers.js';
import { createClusterService } from './clusters/cluster-handlers.js';
import type { SuggestionService } from './routing/suggestion-service.js';
import type { SyncEngine } from './sync-engine.js';
import type { SyncLog } from './sync-log.js';
import type { TokenStore } from './token-store.js';
import type { TeamService } from './team/team-service.js';

export type DeskHandlers = {
  [M in DeskMethod]: (input: z.output<(typeof DESK_METHODS)[M]['input']>) => DeskOutput<M> | Promise<DeskOutput<M>>;
};

export interface HandlerContext {
  cache: LocalCache;
  api: CentralApiClient;
  engine: SyncEngine;
  events: DeskEventHub;
  tokenStore: TokenStore;
  apiUrl: string;
  demo: boolean;
  log: (line: string) => void;
  /** Sync log for the «Журнал синхронизации» section; absent = an empty log. */
  syncLog?: SyncLog;
  /** Routing suggestions computed by the training worker; absent = none. */
  suggestions?: SuggestionService;
  /** Team mode (#9): holds, presence, the live channel. */
  team: TeamService;
  /** Previous operators' sessions kept for their own queued decisions (shift handover, #12). */
  handover: HandoverSessions;
}

export function cachedUser(cache: LocalCache): UserType | null {
  const parsed = User.safeParse(cache.meta.get('user'));
  return parsed.success ? parsed.data : null;
}

/** Signed in = a stored token and a cached user; works offline. */
export function currentSession(ctx: HandlerContext): Session {
  const user = ctx.tokenStore.load() !== null ? cachedUser(ctx.cache) : null;
  return { user, apiUrl: ctx.apiUrl, demo: ctx.demo };
}

function loginFailure(error: unknown): DeskFailure {
  if (!(error instanceof ApiFailure)) throw error;
  switch (error.kind) {
    case 'unauthorized':
      return new DeskFailure('auth_failed', 'Неверный логин или пароль');
    case 'unreachable':
      return new DeskFailure('unreachable', error.message);
    case 'rejected':
      return error.status === 403
        ? new DeskFailure('auth_failed', 'Для этой учётной записи вход запрещён')
        : new DeskFailure('server_error', error.message);
    case 'server_error':
      // The server slows down repeated wrong passwords: say how long to wait, not «server overloaded».
      if (error.status === 429) {
        const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1_000) / 1_000));
        return new DeskFailure('auth_failed', `Слишком много неудачных попыток входа. Повторите через ${seconds} с.`);
      }
      return new DeskFailure('server_error', error.message);
    case 'bad_response':
      return new DeskFailure('server_error', error.message);
  }
}

export function createDeskHandlers(ctx: HandlerContext): DeskHandlers {
  const { cache, engine, events } = ctx;

  const announceSession = (): Session => {
    const session = currentSession(ctx);
    events.emit('session.changed', session);
    return session;
  };

  const decide = (appealId: string, decision: Decision) => {
    const session = currentSession(ctx);
    if (!session.user) throw new DeskFailure('not_signed_in', 'Войдите в систему, чтобы разбирать обращения');
    if (decision.type === 'route') {
      const targets = cache.targets.list();
      if (targets.length > 0 && !targets.some((target) => target.id === decision.targetId)) {
        throw new DeskFailure('bad_request', 'Неизвестный адресат');
      }
    }
    const nowMs = Date.now();
    const ack = decideAppeal(cache, appealId, decision, { id: session.user.id, name: session.user.name }, nowMs);
    events.emit('appeals.changed', { ids: [appealId] });
    engine.decisionMade(nowMs);
    return ack;
  };

  // Surge clusters (#6): the inbox's ids one row per cluster, a cluster decided with one key and undone whole.
  const clusters = createClusterService({
    cache, events, log: ctx.log, decided: (nowMs) => engine.decisionMade(nowMs),
    user: () => {
      const user = currentSession(ctx).user;
      if (!user) throw new DeskFailure('not_signed_in', 'Войдите в систему, чтобы разбирать обращения');
      return { id: user.id, name: user.name };
    },
  });

  return {
    ...createSearchHandlers(cache),
    ...clusters.handlers,
    ...createRoutingHandlers(ctx.suggestions),
    ...ctx.team.handlers,
    ...createLeadHandlers({ cache, events, log: ctx.log, decided: (nowMs) => engine.decisionMade(nowMs),
      user: () => currentSession(ctx).user }),
    'session.get': () => currentSession(ctx),

    'session.login': async ({ login, password }) => {
      let response;
      try {
        response = await ctx.api.login({ login, password });
      } catch (error) {
        throw loginFailure(error);
      }
      if (response.user.role === 'connector') {
        throw new DeskFailure('auth_failed', 'Эта учётная запись не предназначена для разбора обращений');
      }
      // Shift handover (#12): the previous operator's queued decisions stay theirs, sent under their own session.
      const previous = cachedUser(cache);
      handOverAtSignIn(ctx.handover, cache.outbox.countsByAuthor().map((author) => author.user.id),
        previous === null ? null : { user: previous, token: ctx.tokenStore.load() }, response.user);
      ctx.tokenStore.save(response.token);
      cache.meta.set('user', response.user);
      ctx.log(`session: signed in as ${response.user.id}`);
      const session = announceSession();
      engine.sessionChanged();
      return session;
    },

    'session.signOut': ({ unsent }) => signOut({
      cache,
      clearToken: () => ctx.tokenStore.clear(),
      parkSession: () => {
        const user = cachedUser(cache);
        if (user !== null) ctx.handover.park(user, ctx.tokenStore.load());
      },
      revokeToken: () => ctx.api.signOut(),
      syncNow: () => engine.flushNow(),
      syncIdle: () => engine.trigger(),
      session: () => currentSession(ctx),
      announce: () => {
        announceSession();
        events.emit('appeals.changed', { ids: [] });
        engine.sessionChanged();
      },
      log: ctx.log,
    }, unsent),

    'targets.list': () => ({ targets: cache.targets.list() }),

    'favorites.get': () => ({ targetIds: getFavorites(cache) }),
    'favorites.set': ({ targetIds }) => ({ targetIds: setFavorites(cache, targetIds) }),

    'inbox.list': ({ offset, limit }) => ({ rows: cache.appeals.inbox(offset, limit), total: cache.appeals.inboxCount() }),

    'appeals.get': ({ id }) => {
      const appeal = cache.appeals.local(id);
      if (!appeal) throw new DeskFailure('not_found', 'Обращение не найдено');
      return { appeal, pending: cache.outbox.forAppeal(id).length > 0, ...appealDeadlines(cache.db, id),
        clusterId: clusters.store.clusterIdOf(id) };
    },

    'appeals.route': ({ appealId, targetId }) => decide(appealId, { type: 'route', targetId }),
    'appeals.reject': ({ appealId, reason }) => decide(appealId, { type: 'reject', reason }),

    'appeals.undo': () => {
      const result = clusters.undo(); // a cluster's decision is taken back whole (#6)
      events.emit('appeals.changed', { ids: result.appealIds ?? [result.appealId] });
      engine.publishStatus();
      return result;
    },

    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),

    'conflicts.list': () => ({ conflicts: cache.conflicts.list() }),
    'conflicts.dismiss': ({ id }) => {
      // Idempotent: dismissing twice (a double click) is not an error.
      cache.conflicts.delete(id);
      return {};
    },
    'conflicts.reroute': ({ id, targetId }) => {
      const session = currentSession(ctx);
      if (!session.user) throw new DeskFailure('not_signed_in', 'Войдите в систему, чтобы разбирать обращения');
      const targets = cache.targets.list();
      if (targets.length > 0 && !targets.some((target) => target.id === targetId)) {
        throw new DeskFailure('bad_request', 'Неизвестный адресат');
      }
      const nowMs = Date.now();
      const by = { id: session.user.id, name: session.user.name };
      const ack = rerouteAfterConflict(cache, id, { type: 'route', targetId }, by, nowMs);
      events.emit('appeals.changed', { ids: [ack.appealId] });
      engine.decisionMade(nowMs);
      return ack;
    },
    'sync.log': ({ limit }) => ({ entries: ctx.syncLog?.tail(limit) ?? [], file: ctx.syncLog?.path ?? '' }),
  };
}
