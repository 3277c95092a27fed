// The appeal: one citizen message as the central API knows it, and the pure rules that change it.
import { z } from 'zod';
import { Identifier } from './identifier.js';
import type { User } from './user.js';

export const SOURCES = ['vk', 'ok', 'telegram', 'pos'] as const;
export const Source = z.enum(SOURCES);
export type Source = z.infer<typeof Source>;

export const SOURCE_LABELS: Record<Source, string> = {
  vk: 'ВКонтакте',
  ok: 'Одноклассники',
  telegram: 'Telegram',
  pos: 'Госуслуги · Решаем вместе',
};

/** The same as a row's badge and a short line say them («ВК · просрочено» where room is short). */
export const SOURCE_SHORT: Record<Source, string> = { vk: 'ВК', ok: 'ОК', telegram: 'TG', pos: 'ПОС' };

export const APPEAL_STATUSES = ['new', 'routed', 'rejected'] as const;
export const AppealStatus = z.enum(APPEAL_STATUSES);
export type AppealStatus = z.infer<typeof AppealStatus>;

export const REJECT_REASONS = ['spam', 'thanks', 'offtopic', 'duplicate', 'withdrawn'] as const;
export const RejectReason = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReason>;

/**
 * The reasons an operator picks from (X, then 1–4). «withdrawn» is not among them: it is only for an appeal its author
 * withdrew and has its own key, which does nothing on any other appeal (issue 14 item 6).
 */
export const PICKABLE_REJECT_REASONS = ['spam', 'thanks', 'offtopic', 'duplicate'] as const satisfies readonly RejectReason[];

export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  spam: 'Спам, реклама',
  thanks: 'Благодарность',
  offtopic: 'Не по теме',
  duplicate: 'Дубликат',
  withdrawn: 'Отозвано автором',
};

/** Citizen texts are capped so one hostile post cannot blow up the cache or the UI. */
export const MAX_TEXT_LENGTH = 200_000;

const isoInstant = z.iso.datetime({ offset: true });

export const Attachment = z.object({
  kind: z.enum(['photo', 'video', 'link']),
  url: z.string().max(2048),
});
export type Attachment = z.infer<typeof Attachment>;

export const UserRef = z.object({ id: Identifier, name: z.string().max(200) });
export type UserRef = z.infer<typeof UserRef>;

export const Appeal = z.object({
  id: Identifier,
  source: Source,
  channel: z.object({ name: z.string().max(500), url: z.string().max(2048) }),
  author: z.object({
    name: z.string().max(500),
    url: z.string().max(2048).optional(),
    /**
     * The place the author's own profile names, as the platform gives it (VK: the profile's city, «Бердск»); absent
     * when the platform gives none. Where the author lives, not necessarily where the matter is: routing reads it only
     * when neither the text nor the page names a place. Absent in older servers' appeals, which parse unchanged.
     */
    place: z.string().max(200).optional(),
  }),
  text: z.string().max(MAX_TEXT_LENGTH),
  attachments: z.array(Attachment).max(100),
  receivedAt: isoInstant,
  status: AppealStatus,
  targetId: z.string().max(100).nullable(),
  rejectReason: RejectReason.nullable(),
  version: z.number().int().positive(),
  routedBy: UserRef.nullable(),
  routedAt: isoInstant.nullable(),
  /**
   * When the author deleted the post on the platform (issue 14 item 6): the appeal is withdrawn by its author, shown
   * so and decidable with one key, never removed. Absent = null = not withdrawn, so an older server's appeals and a
   * cache written before the field parse unchanged. Set and cleared (the post restored) only by a connector, each time
   * as a new version; a decision taken before is kept.
   */
  withdrawnAt: isoInstant.nullable().optional(),
  /**
   * Whose work the decision is: its first decider, with what they decided and when, as they last left it before
   * anyone else changed it. `routedBy` is whoever decided last, so a shift lead's correction of an operator's routing
   * would otherwise read as the lead's routing and vanish from the operator's figures. Set by applyDecision on the
   * server and the desk alike; null while undecided. Absent in an older server's appeals (and in those decided before
   * the field): firstDecisionOf then takes the standing decision for the first.
   */
  firstDecision: z.object({
    by: UserRef, at: isoInstant, status: z.enum(['routed', 'rejected']),
  }).nullable().optional(),
});
export type Appeal = z.infer<typeof Appeal>;
export type FirstDecision = NonNullable<Appeal['firstDecision']>;

/**
 * The first decision of an appeal (see `firstDecision`): as stored, or — for an appeal decided before the field
 * existed — the standing decision, the best knowledge there is. Null while the appeal waits.
 */
export function firstDecisionOf(
  appeal: Pick<Appeal, 'status' | 'routedBy' | 'routedAt' | 'firstDecision'>,
): FirstDecision | null {
  if (appeal.status === 'new') return null;
  if (appeal.firstDecision) return appeal.firstDecision;
  return appeal.routedBy && appeal.routedAt ? { by: appeal.routedBy, at: appeal.routedAt, status: appeal.status } : null;
}

export const isWithdrawn = (appeal: Pick<Appeal, 'withdrawnAt'>): boolean =>
  appeal.withdrawnAt !== undefined && appeal.withdrawnAt !== null;

/** The author deleted the post: a new version marked withdrawn at `at`; undefined when it already is. */
export function withdrawAppeal(appeal: Appeal, at: string): Appeal | undefined {
  return isWithdrawn(appeal) ? undefined : { ...appeal, withdrawnAt: at, version: appeal.version + 1 };
}

/** The post is back on the platform: a new version without the mark; undefined when it is not withdrawn. */
export function restoreAppeal(appeal: Appeal): Appeal | undefined {
  return isWithdrawn(appeal) ? { ...appeal, withdrawnAt: null, version: appeal.version + 1 } : undefined;
}

/** A decision an operator makes about one appeal; the server and the local cache apply it the same way. */
export const Decision = z.discriminatedUnion('type', [
  z.object({ type: z.literal('route'), targetId: Identifier }),
  z.object({ type: z.literal('reject'), reason: RejectReason }),
]);
export type Decision = z.infer<typeof Decision>;

/**
 * Who changes a decision once made: the one wording of every refusal of an operator's re-decision — the server's,
 * the core's, the search's route panel and keys, the conflicts' footer (they said it four ways).
 */
export const LEAD_REDECIDES = 'изменить решение может старший смены';

/** Why a desk refuses an operator's re-decision (search, queues): on a desk only a shift lead changes a decision made. */
export const ONLY_LEAD_REDECIDES = `${LEAD_REDECIDES.charAt(0).toUpperCase()}${LEAD_REDECIDES.slice(1)}`;

/**
 * Why an operator may not change this decision: said by the server, and by the desk before the key is even sent. It
 * names who decided (a lead as often as an operator: «другой оператор» was untrue of a lead's decision).
 */
export function decidedByAnother(routedBy: Pick<UserRef, 'name'> | null | undefined): string {
  const who = routedBy?.name.trim();
  return `Обращение уже разобрано${who ? ` (${who})` : ''}; ${LEAD_REDECIDES}`;
}

/**
 * Who may decide an appeal as it stands: operators a new one and their own decisions again; a shift lead anything.
 * The server enforces it; the desk asks it first, so a key it would refuse is refused on the spot, with the reason.
 */
export function mayDecide(user: Pick<User, 'id' | 'role'>, appeal: Pick<Appeal, 'status' | 'routedBy'>): boolean {
  if (user.role === 'lead') return true;
  return appeal.status === 'new' || appeal.routedBy?.id === user.id;
}

/**
 * The first decision once `by` decides at `at`: this decision when nobody had decided, or when the first decider
 * revises their own standing decision (still their work); otherwise the first one stays (a correction by another).
 */
function firstDecisionAfter(appeal: Appeal, by: UserRef, at: string, status: FirstDecision['status']): FirstDecision {
  const first = firstDecisionOf(appeal);
  if (first === null || (first.by.id === by.id && appeal.routedBy?.id === by.id)) return { by, at, status };
  return first;
}

export function applyDecision(appeal: Appeal, decision: Decision, by: UserRef, at: string): Appeal {
  const status = decision.type === 'route' ? 'routed' : 'rejected';
  const decided = {
    ...appeal, routedBy: by, routedAt: at, version: appeal.version + 1,
    firstDecision: firstDecisionAfter(appeal, by, at, status),
  };
  return decision.type === 'route'
    ? { ...decided, status: 'routed', targetId: decision.targetId, rejectReason: null }
    : { ...decided, status: 'rejected', targetId: null, rejectReason: decision.reason };
}
