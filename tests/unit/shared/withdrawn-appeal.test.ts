// «Withdrawn by its author» in the shared model (issue 14 item 6): an appeal without the field (older server, older
// cache) parses as not withdrawn; withdrawal and restore are new versions and idempotent; the one-key decision is an
// ordinary rejection with its own reason, kept out of the X picker; and the VK connector's pure plan.
import { describe, expect, it } from 'vitest';
import {
  Appeal, applyDecision, isWithdrawn, PICKABLE_REJECT_REASONS, REJECT_REASON_LABELS, REJECT_REASONS, restoreAppeal,
  withdrawAppeal,
} from '../../../shared/domain/appeal.js';
import { ChangesResponse, Mutation } from '../../../shared/central-api/contract.js';
import { planVkEvent } from '../../../server/connectors/vk/vk-callback.js';

const base = {
  id: 'vk:1:wall:2:3', source: 'vk', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' },
  author: { name: 'Иван Петров', url: 'https://vk.com/id610000017' }, text: 'Не работает запись', attachments: [],
  receivedAt: '2026-12-02T03:00:00.000Z', status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null,
  routedAt: null,
} as const;
const at = '2026-12-02T04:05:00.000Z';
const op = { id: 'u-operator1', name: 'Оператор 1' };

describe('Appeal.withdrawnAt', () => {
  it('parses an appeal without the field (older servers and caches) as not withdrawn, and one with it or null', () => {
    const old = Appeal.parse(base);
    expect(old).not.toHaveProperty('withdrawnAt');
    expect(isWithdrawn(old)).toBe(false);
    expect(isWithdrawn(Appeal.parse({ ...base, withdrawnAt: null }))).toBe(false);
    expect(Appeal.parse({ ...base, withdrawnAt: at }).withdrawnAt).toBe(at);
    expect(ChangesResponse.parse({ appeals: [base, { ...base, id: 'x', withdrawnAt: at }], cursor: '2', hasMore: false })
      .appeals.map(isWithdrawn)).toEqual([false, true]);
    expect(Appeal.safeParse({ ...base, withdrawnAt: 'вчера' }).success).toBe(false);
  });

  it('withdraws as a new version, once; restores as another, once; a decision taken before is kept', () => {
    const appeal = Appeal.parse(base);
    const withdrawn = withdrawAppeal(appeal, at);
    expect(withdrawn).toEqual({ ...appeal, withdrawnAt: at, version: 2 });
    expect(withdrawAppeal(withdrawn!, '2026-12-02T05:00:00.000Z')).toBeUndefined();
    const restored = restoreAppeal(withdrawn!);
    expect(restored).toEqual({ ...appeal, withdrawnAt: null, version: 3 });
    expect(restoreAppeal(restored!)).toBeUndefined();
    expect(restoreAppeal(appeal)).toBeUndefined();

    const routed = applyDecision(appeal, { type: 'route', targetId: 'minzdrav' }, op, at);
    expect(withdrawAppeal(routed, at)).toMatchObject({ status: 'routed', targetId: 'minzdrav', routedBy: op, withdrawnAt: at, version: 3 });
  });

  it('rejects as withdrawn through applyDecision like any reason, the mark kept', () => {
    const withdrawn = withdrawAppeal(Appeal.parse(base), at)!;
    const decided = applyDecision(withdrawn, { type: 'reject', reason: 'withdrawn' }, op, '2026-12-02T04:06:00.000Z');
    expect(decided).toMatchObject({ status: 'rejected', rejectReason: 'withdrawn', targetId: null, version: 3,
      routedBy: op, routedAt: '2026-12-02T04:06:00.000Z', withdrawnAt: at });
    expect(Mutation.safeParse({ id: '01JABCDEFGHJKMNPQRSTVWXYZ0', appealId: base.id, baseVersion: 2,
      createdAt: at, type: 'reject', reason: 'withdrawn' }).success).toBe(true);
  });

  it('labels the reason «Отозвано автором» and keeps it out of the X picker (it has its own key)', () => {
    expect(REJECT_REASON_LABELS.withdrawn).toBe('Отозвано автором');
    expect(REJECT_REASONS).toContain('withdrawn');
    expect(PICKABLE_REJECT_REASONS).toEqual(['spam', 'thanks', 'offtopic', 'duplicate']);
  });
});

describe('planVkEvent: wall_reply_delete and wall_reply_restore', () => {
  const appeal = Appeal.parse(base);
  const subject = { appealId: base.id };
  it('marks the author\'s deletion, records a repeat, one never seen and one by the community', () => {
    expect(planVkEvent('wall_reply_delete', { ...subject, deleterId: 610000017 }, undefined, appeal, at))
      .toEqual({ kind: 'update', appeal: { ...appeal, withdrawnAt: at, version: 2 } });
    expect(planVkEvent('wall_reply_delete', subject, undefined, appeal, at)).toMatchObject({ kind: 'update' });
    expect(planVkEvent('wall_reply_delete', subject, undefined, withdrawAppeal(appeal, at), at))
      .toEqual({ kind: 'record', outcome: 'already_withdrawn' });
    expect(planVkEvent('wall_reply_delete', subject, undefined, undefined, at)).toEqual({ kind: 'record', outcome: 'deleted_unknown' });
    expect(planVkEvent('wall_reply_delete', { ...subject, deleterId: 700000001 }, undefined, appeal, at))
      .toEqual({ kind: 'record', outcome: 'deleted_by_community' });
  });

  it('clears the mark on restore (with the text as it is now), records a restore of an appeal not withdrawn', () => {
    const withdrawn = withdrawAppeal(appeal, at)!;
    expect(planVkEvent('wall_reply_restore', subject, appeal, withdrawn, at))
      .toEqual({ kind: 'update', appeal: { ...appeal, withdrawnAt: null, version: 3 } });
    expect(planVkEvent('wall_reply_restore', subject, { ...appeal, text: 'Исправлено' }, withdrawn, at))
      .toMatchObject({ kind: 'update', appeal: { text: 'Исправлено', withdrawnAt: null, version: 3 } });
    expect(planVkEvent('wall_reply_restore', subject, appeal, appeal, at)).toEqual({ kind: 'record', outcome: 'not_withdrawn' });
    expect(planVkEvent('wall_reply_restore', subject, appeal, undefined, at)).toEqual({ kind: 'insert', appeal });
  });
});
