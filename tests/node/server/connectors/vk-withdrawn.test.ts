// A VK comment deleted by its author marks its appeal withdrawn (issue 14 item 6), end to end on the real server: the
// mark is a new version in /changes (once, however often VK retries or sends another deletion), a desk deciding on the
// version before gets the usual conflict, a decision taken before is kept under the mark, a restore clears it (and
// reopens an appeal rejected as withdrawn meanwhile), and a deletion by the community's own managers or of a comment
// never seen changes no appeal. SQLite (project node) and PostgreSQL (project node-postgres).
import { afterEach, describe, expect, it } from 'vitest';
import { Appeal } from '../../../../shared/domain/appeal.js';
import { mutationId } from '../server-fixture.js';
import { GROUP_ID, SECRET, startVkFixture, vkEvent, type VkFixture } from './vk-fixture.js';

let vk: VkFixture;
afterEach(async () => {
  await vk.dispose();
});

const COMMENT_ID = `vk:${GROUP_ID}:wall:3301:4512`;
const withSecret = <T extends object>(event: T): T & { secret: string } => ({ ...event, secret: SECRET });
const ok = { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' };

async function changesAfter(token: string, cursor: string): Promise<{ appeals: Appeal[]; cursor: string }> {
  return (await vk.fx.call('GET', `/changes?cursor=${cursor}&limit=1000`, { token })).body as { appeals: Appeal[]; cursor: string };
}

const decide = (token: string, baseVersion: number, decision: Record<string, unknown>) =>
  vk.fx.call('POST', '/mutations', { token, body: { mutations: [
    { id: mutationId(), appealId: COMMENT_ID, baseVersion, createdAt: new Date().toISOString(), ...decision }] } });

describe('VK wall_reply_delete / wall_reply_restore: withdrawn by its author', () => {
  it('marks the appeal withdrawn as a new version in /changes, once; a decision on the version before is a conflict', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const operator = await vk.fx.signIn('operator1');
    const first = await changesAfter(operator, '0');
    expect(first.appeals).toHaveLength(1);
    expect(first.appeals[0]).not.toHaveProperty('withdrawnAt');

    const before = Date.now();
    expect(await vk.post(withSecret(vkEvent('wall_reply_delete')))).toEqual(ok);
    const pulled = await changesAfter(operator, first.cursor);
    expect(pulled.appeals).toHaveLength(1);
    const withdrawn = Appeal.parse(pulled.appeals[0]);
    expect(withdrawn).toMatchObject({ id: COMMENT_ID, version: 2, status: 'new' });
    expect(Date.parse(withdrawn.withdrawnAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(vk.log.some((line) => line.includes('wall_reply_delete') && line.includes(`update ${COMMENT_ID}`))).toBe(true);

    // VK retries the event, then sends the deletion again under another id: no new version either time.
    expect(await vk.post(withSecret(vkEvent('wall_reply_delete')))).toEqual(ok);
    expect(await vk.post({ ...withSecret(vkEvent('wall_reply_delete')), event_id: 'delete-again' })).toEqual(ok);
    expect((await changesAfter(operator, pulled.cursor)).appeals).toEqual([]);
    expect((await vk.appeals())[0]).toMatchObject({ version: 2, withdrawnAt: withdrawn.withdrawnAt });

    // A desk that decided on version 1 gets the usual conflict with the withdrawn version.
    expect((await decide(operator, 1, { type: 'route', targetId: 'minzdrav' })).body)
      .toMatchObject({ results: [{ status: 'conflict', appeal: { version: 2, withdrawnAt: withdrawn.withdrawnAt } }] });
    // On the withdrawn version the one-key decision applies.
    expect((await decide(operator, 2, { type: 'reject', reason: 'withdrawn' })).body)
      .toMatchObject({ results: [{ status: 'applied', appeal: { version: 3, status: 'rejected', rejectReason: 'withdrawn' } }] });
  });

  it('refuses «withdrawn» as the reason for an appeal its author did not withdraw', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const operator = await vk.fx.signIn('operator1');
    expect((await decide(operator, 1, { type: 'reject', reason: 'withdrawn' })).body)
      .toMatchObject({ results: [{ status: 'invalid', error: { code: 'not_withdrawn' } }] });
    expect((await vk.appeals())[0]).toMatchObject({ version: 1, status: 'new' });
  });

  it('clears the mark on wall_reply_restore (another version), once', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    await vk.post(withSecret(vkEvent('wall_reply_delete')));
    const lead = await vk.fx.signIn('lead');
    const { cursor } = await changesAfter(lead, '0');
    expect(await vk.post(withSecret(vkEvent('wall_reply_restore')))).toEqual(ok);
    const restored = (await changesAfter(lead, cursor)).appeals;
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({ id: COMMENT_ID, version: 3, withdrawnAt: null, status: 'new',
      text: vkEvent('wall_reply_new').object.text });
    // A restore of an appeal that is not withdrawn (VK retried under a new id) changes nothing.
    expect(await vk.post({ ...withSecret(vkEvent('wall_reply_restore')), event_id: 'restore-again' })).toEqual(ok);
    expect((await vk.appeals())[0]?.version).toBe(3);
    // Deleted once more: withdrawn again.
    expect(await vk.post({ ...withSecret(vkEvent('wall_reply_delete')), event_id: 'delete-2' })).toEqual(ok);
    expect((await vk.appeals())[0]).toMatchObject({ version: 4, withdrawnAt: expect.any(String) });
  });

  it('reopens an appeal rejected as withdrawn when its comment is restored (the reason is no longer true)', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    await vk.post(withSecret(vkEvent('wall_reply_delete')));
    const operator = await vk.fx.signIn('operator1');
    expect((await decide(operator, 2, { type: 'reject', reason: 'withdrawn' })).body)
      .toMatchObject({ results: [{ status: 'applied', appeal: { version: 3, status: 'rejected', rejectReason: 'withdrawn' } }] });
    const { cursor } = await changesAfter(operator, '0');
    expect(await vk.post(withSecret(vkEvent('wall_reply_restore')))).toEqual(ok);
    // One new version, pulled by every desk: waiting again, no reason, no one's decision.
    const pulled = (await changesAfter(operator, cursor)).appeals;
    expect(pulled).toHaveLength(1);
    expect(Appeal.parse(pulled[0])).toMatchObject({ id: COMMENT_ID, version: 4, withdrawnAt: null, status: 'new',
      targetId: null, rejectReason: null, routedBy: null, routedAt: null, firstDecision: null });
    // It is decided like any waiting appeal; «withdrawn» no longer applies to it.
    expect((await decide(operator, 4, { type: 'reject', reason: 'withdrawn' })).body)
      .toMatchObject({ results: [{ status: 'invalid', error: { code: 'not_withdrawn' } }] });
    expect((await decide(operator, 4, { type: 'route', targetId: 'minzdrav' })).body)
      .toMatchObject({ results: [{ status: 'applied', appeal: { version: 5, status: 'routed', targetId: 'minzdrav' } }] });
  });

  it('keeps any other decision over a restore: routed stays routed, rejected as spam stays so', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const operator = await vk.fx.signIn('operator1');
    expect((await decide(operator, 1, { type: 'reject', reason: 'spam' })).body).toMatchObject({ results: [{ status: 'applied' }] });
    await vk.post(withSecret(vkEvent('wall_reply_delete')));
    expect(await vk.post(withSecret(vkEvent('wall_reply_restore')))).toEqual(ok);
    expect((await vk.appeals())[0]).toMatchObject({ version: 4, withdrawnAt: null, status: 'rejected', rejectReason: 'spam',
      routedBy: { id: expect.any(String) } });
  });

  it('keeps a decision taken before the withdrawal, marked withdrawn over it (the lead sees it)', async () => {
    vk = await startVkFixture();
    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const operator = await vk.fx.signIn('operator1');
    expect((await decide(operator, 1, { type: 'route', targetId: 'minzdrav' })).body).toMatchObject({ results: [{ status: 'applied' }] });
    expect(await vk.post(withSecret(vkEvent('wall_reply_delete')))).toEqual(ok);
    expect((await vk.appeals())[0]).toMatchObject({ version: 3, status: 'routed', targetId: 'minzdrav',
      routedBy: { id: expect.any(String) }, withdrawnAt: expect.any(String) });
  });

  it('records a deletion of a comment never seen, and one by the community\'s managers, changing no appeal', async () => {
    vk = await startVkFixture();
    const unknown = withSecret(vkEvent('wall_reply_delete'));
    unknown.object = { ...unknown.object, id: 9999 };
    expect(await vk.post(unknown)).toEqual(ok);
    expect(vk.log.some((line) => line.includes('deleted_unknown'))).toBe(true);
    expect(await vk.appeals()).toEqual([]);

    await vk.post(withSecret(vkEvent('wall_reply_new')));
    const moderated = { ...withSecret(vkEvent('wall_reply_delete')), event_id: 'moderated' };
    moderated.object = { ...moderated.object, deleter_id: 700000001 };
    expect(await vk.post(moderated)).toEqual(ok);
    expect(vk.log.some((line) => line.includes('deleted_by_community'))).toBe(true);
    expect((await vk.appeals())[0]).toMatchObject({ version: 1 });
    expect((await vk.appeals())[0]).not.toHaveProperty('withdrawnAt');
  });

  it('takes a restored comment it never saw as a new appeal', async () => {
    vk = await startVkFixture();
    expect(await vk.post(withSecret(vkEvent('wall_reply_restore')))).toEqual(ok);
    expect(await vk.appeals()).toMatchObject([{ id: COMMENT_ID, version: 1, status: 'new' }]);
  });
});
