// Change feed paging: strictly increasing cursors, hasMore, limit, and decided appeals re-appearing at the end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { mutationId, startFixture, type Fixture } from './server-fixture.js';

let fx: Fixture;
let token: string;
beforeEach(async () => {
  fx = await startFixture({ demo: 25 });
  token = await fx.signIn('operator1');
});
afterEach(async () => {
  await fx.dispose();
});

const pull = async (query: string) => ChangesResponse.parse((await fx.call('GET', `/changes${query}`, { token })).body);

describe('GET /changes', () => {
  it('pages through everything with a strictly increasing cursor', async () => {
    const pages = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await pull(`?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages.map((p) => p.appeals.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    // Progress of a long pull: what is still to come after each page, and the server's newest sequence.
    expect(pages.map((p) => p.remaining)).toEqual([15, 5, 0]);
    expect(new Set(pages.map((p) => p.head))).toEqual(new Set(['25']));
    const cursors = pages.map((p) => Number(p.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    const ids = pages.flatMap((p) => p.appeals.map((a) => a.id));
    expect(new Set(ids).size).toBe(25);

    const after = await pull(`?cursor=${cursor}`);
    expect(after).toEqual({ appeals: [], cursor, hasMore: false, remaining: 0, head: '25' });
  });

  it('starts from the beginning without a cursor and answers cursor "0" on an empty feed past the end', async () => {
    const all = await pull('');
    expect(all.appeals).toHaveLength(25);
    expect(all.hasMore).toBe(false);
    expect(await pull('?cursor=0&limit=1')).toMatchObject({ cursor: '1', hasMore: true });
    // head below the cursor is how a client sees the server was restored from an older backup.
    expect(await pull('?cursor=999999999999999999')).toEqual(
      { appeals: [], cursor: '999999999999999999', hasMore: false, remaining: 0, head: '25' });
  });

  it('moves a decided appeal past the previous cursor so pulls see the change', async () => {
    const all = await pull('');
    const target = all.appeals[3]!;
    const res = await fx.call('POST', '/mutations', {
      token,
      body: { mutations: [{ id: mutationId(), appealId: target.id, baseVersion: 1, createdAt: new Date().toISOString(), type: 'reject', reason: 'spam' }] },
    });
    expect(res.status).toBe(200);
    const next = await pull(`?cursor=${all.cursor}`);
    expect(next.appeals.map((a) => a.id)).toEqual([target.id]);
    expect(next.appeals[0]).toMatchObject({ status: 'rejected', rejectReason: 'spam', version: 2 });
    expect(Number(next.cursor)).toBeGreaterThan(Number(all.cursor));
  });

  it('rejects a malformed cursor or limit with 400', async () => {
    for (const q of ['?cursor=-1', '?cursor=abc', '?limit=0', '?limit=1001', '?limit=2.5', '?cursor=1234567890123456789']) {
      const res = await fx.call('GET', `/changes${q}`, { token });
      expect(res.status, q).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_request' } });
      // Said in Russian after «Некорректный запрос:» too: zod's own English («Too big: expected…») was appended.
      const message = (res.body as { error: { message: string } }).error.message;
      expect(message, q).toMatch(/^Некорректный запрос: /);
      expect(message, q).not.toMatch(/\b(?:Too|Invalid|expected|received|must)\b/u);
      expect(message, q).toMatch(/^Некорректный запрос: (?:cursor|limit): [А-Я]/u);
    }
  });
});
