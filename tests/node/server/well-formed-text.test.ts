// Strings that are not well-formed Unicode (lone UTF-16 surrogates) are refused in every request of the contract with
// a 400 naming the field: SQLite would store them as U+FFFD in a key column, so two different ids would collide.
// Identifiers with U+0000 are refused too (PostgreSQL's text cannot hold it), while citizen text keeps it — and an
// appeal whose text has it can be held and decided like any other, on both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { illFormedStringPaths, isWellFormedText } from '../../../shared/central-api/well-formed-text.js';
import { incoming, mutationId, startFixture, type Fixture } from './server-fixture.js';

type Path = (string | number)[];

/** Every path to a string leaf in `value`. */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  }
  return [];
}

function withString(value: unknown, path: Path, replace: (s: string) => string): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = replace(node[last] as string);
  return copy;
}

const fieldName = (path: Path): string =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');

describe('well-formed text check', () => {
  it('tells lone surrogates from pairs and finds each one by path', () => {
    expect(['ok', 'ёж 😡', '\uFFFD', ''].every(isWellFormedText)).toBe(true);
    expect(['\uD800', 'a\uDC00', '\uDE00\uD83D', '😡'.slice(0, 1)].some(isWellFormedText)).toBe(false);
    expect(illFormedStringPaths({ a: ['x', 'y\uD800'], b: { c: '\uDC00' }, d: 1 })).toEqual([['a', 1], ['b', 'c']]);
  });
});

describe('requests with strings that are not well-formed Unicode', () => {
  let fx: Fixture;
  let connector: string;
  let lead: string;
  beforeEach(async () => {
    fx = await startFixture();
    connector = await fx.signIn('connector');
    lead = await fx.signIn('lead');
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('refuses ingested ids with lone surrogates (400 naming the field), so two different ids can no longer collide', async () => {
    for (const id of ['vk-\uD800', 'vk-\uDC00']) {
      const res = await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming(id)] } });
      expect(res.status, JSON.stringify(id)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('appeals[0].id') } });
      expect((res.body as { error: { message: string } }).error.message).toContain('одиночный суррогат');
    }
    // Real characters, U+FFFD itself and surrogate pairs are text like any other.
    const ok = await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-\uFFFD'), incoming('vk-😡')] } });
    expect(ok.body).toEqual({ accepted: 2, duplicates: 0 });
    const stored = ChangesResponse.parse((await fx.call('GET', '/changes', { token: lead })).body).appeals;
    expect(stored.map((a) => a.id)).toEqual(['vk-\uFFFD', 'vk-😡']);
  });

  it('refuses a lone surrogate in every string of every request body, naming the field', async () => {
    const samples: { path: string; method: string; token?: string; body: unknown }[] = [
      { method: 'POST', path: '/session', body: { login: 'operator1', password: 'operator1' } },
      { method: 'POST', path: '/appeals', token: connector, body: { appeals: [incoming('vk-1', {
        attachments: [{ kind: 'photo', url: 'https://vk.com/photo1' }] })] } },
      { method: 'POST', path: '/mutations', token: lead, body: { mutations: [
        { id: mutationId(), appealId: 'vk-1', baseVersion: 1, createdAt: '2025-03-01T03:00:00.000Z', type: 'route', targetId: 'gov' },
        { id: mutationId(), appealId: 'vk-1', baseVersion: 1, createdAt: '2025-03-01T03:00:00.000Z', type: 'reject', reason: 'spam' },
      ] } },
      { method: 'PUT', path: '/holds', token: lead, body: { appealIds: ['vk-1', 'vk-2'] } },
    ];
    let checked = 0;
    for (const sample of samples) {
      for (const path of stringPaths(sample.body)) {
        // Lone high surrogate at the end, lone low one at the start: both halves of a pair, each alone.
        for (const replace of [(s: string) => `${s}\uD83D`, (s: string) => `\uDE21${s}`]) {
          const body = withString(sample.body, path, replace);
          const res = await fx.call(sample.method, sample.path, { body, ...(sample.token ? { token: sample.token } : {}) });
          const where = `${sample.method} ${sample.path} ${fieldName(path)}`;
          expect(res.status, where).toBe(400);
          expect((res.body as { error: { code: string } }).error.code, where).toMatch(/^invalid_/);
          // Enumerations (source, type, reason, kind) fail as unknown values; free strings name the Unicode problem.
          expect((res.body as { error: { message: string } }).error.message, where).toContain(fieldName(path));
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(ChangesResponse.parse((await fx.call('GET', '/changes', { token: lead })).body).appeals).toEqual([]);
  });

  it('refuses U+0000 in ids, logins and targets (400 naming the field) but keeps it in citizen text, which can be held and decided', async () => {
    const refused: { path: string; method: string; token?: string; body: unknown; field: string }[] = [
      { method: 'POST', path: '/session', body: { login: 'operator1\u0000', password: 'operator1' }, field: 'login' },
      { method: 'POST', path: '/appeals', token: connector, body: { appeals: [incoming('vk-\u0000')] }, field: 'appeals[0].id' },
      { method: 'PUT', path: '/holds', token: lead, body: { appealIds: ['vk-\u0000'] }, field: 'appealIds[0]' },
      { method: 'POST', path: '/mutations', token: lead, body: { mutations: [{ id: mutationId(), appealId: 'vk-\u0000', baseVersion: 1,
        createdAt: '2025-03-01T03:00:00.000Z', type: 'route', targetId: 'gov' }] }, field: 'mutations[0].appealId' },
      { method: 'POST', path: '/mutations', token: lead, body: { mutations: [{ id: mutationId(), appealId: 'vk-1', baseVersion: 1,
        createdAt: '2025-03-01T03:00:00.000Z', type: 'route', targetId: 'g\u0000ov' }] }, field: 'mutations[0].targetId' },
    ];
    for (const r of refused) {
      const res = await fx.call(r.method, r.path, { ...(r.token ? { token: r.token } : {}), body: r.body });
      expect(res.status, `${r.method} ${r.path}`).toBe(400);
      expect((res.body as { error: { message: string } }).error.message).toContain(r.field);
    }
    const text = 'до\u0000после <script>alert(1)</script>';
    expect((await fx.call('POST', '/appeals', { token: connector, body: { appeals: [incoming('vk-nul', { text, author: { name: 'И\u0000мя' } })] } })).body)
      .toEqual({ accepted: 1, duplicates: 0 });
    const held = await fx.call('PUT', '/holds', { token: lead, body: { appealIds: ['vk-nul'] } });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body).toMatchObject({ granted: ['vk-nul'] });
    const decided = await fx.call('POST', '/mutations', { token: lead, body: { mutations: [{ id: mutationId(), appealId: 'vk-nul', baseVersion: 1,
      createdAt: '2025-03-01T03:00:00.000Z', type: 'route', targetId: 'gov' }] } });
    expect(decided.body).toMatchObject({ results: [{ status: 'applied', appeal: { text, version: 2 } }] });
    const stored = ChangesResponse.parse((await fx.call('GET', '/changes', { token: lead })).body).appeals;
    expect(stored.find((a) => a.id === 'vk-nul')).toMatchObject({ text, author: { name: 'И\u0000мя' }, status: 'routed' });
  });
});
