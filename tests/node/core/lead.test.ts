// The shift lead's side against the real reference server on 127.0.0.1: queue counts, drill-down, bulk
// re-routing and rejection through the outbox, role enforcement (core and server), statistics, and the XLSX/CSV
// exports read back (the monthly report carries exactly the statistics' numbers). A lead's correction of an
// operator's routing stays the operator's routing in every figure by operator — queues, statistics, the report —
// on the desk that made it and on one that only pulled it, and on a cache an older desk filled (migration 16).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { MutationsResponse } from '../../../shared/central-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { Target } from '../../../shared/domain/target.js';
import type { QueueAppeal, Queues, Stats } from '../../../shared/desk-api/lead-contract.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { AppealStore } from '../../../electron/core/cache/appeal-store.js';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { openCache } from '../../../electron/core/cache/open-cache.js';
import { centralCall, incomingAppeal, serverAppeal, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];
const nowMs = Date.now();
const receivedAt = new Date(nowMs - 60_000).toISOString();

const api = <T>(path: string, init: Parameters<typeof centralCall>[2] = {}): Promise<T> => centralCall<T>(server.url, path, init);
const tokenFor = async (login: string) =>
  (await api<{ token: string }>('/session', { method: 'POST', body: { login, password: login } })).token;

beforeEach(async () => {
  serverDir = tempDir('lead-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const token = await tokenFor('connector');
  const appeals = Array.from({ length: 6 }, (_, i) => ({ ...incomingAppeal(i + 1), receivedAt, ...(i === 5 ? { source: 'pos' as const } : {}) }));
  await api('/appeals', { method: 'POST', token, body: { appeals } });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function signedInCore(login: string): Promise<{ core: DeskCore; dir: string }> {
  const temp = tempDir(login);
  const core = await createDeskCore({ dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000 });
  cleanups.push(temp.remove, () => core.close());
  await value(core, 'session.login', { login, password: login });
  await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
  await value(core, 'sync.now', {});
  return { core, dir: temp.dir };
}
const settled = (core: DeskCore) => statusMatching(core, (s: SyncStatus) => s.pending === 0 && s.state === 'online');
const id = (n: number) => incomingAppeal(n).id;

describe('shift lead: queues, re-routing, statistics, reports', () => {
  it('counts queues, re-routes in bulk through the outbox and exports the same numbers as the statistics', async () => {
    const op = await signedInCore('operator1');
    const { targets } = await value<{ targets: Target[] }>(op.core, 'targets.list', {});
    const [t1, t2] = [targets[0]!.id, targets[1]!.id];
    await value(op.core, 'appeals.route', { appealId: id(1), targetId: t1 });
    await value(op.core, 'appeals.route', { appealId: id(2), targetId: t1 });
    await value(op.core, 'appeals.reject', { appealId: id(3), reason: 'spam' });
    await settled(op.core);

    // An operator has no queues and cannot re-decide in bulk: the core refuses before the server is asked.
    expect(await op.core.call('queues.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await op.core.call('appeals.redecide', { appealIds: [id(1)], decision: { type: 'route', targetId: t2 } }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const lead = await signedInCore('lead');
    const queues = await value<Queues>(lead.core, 'queues.get', {});
    expect(queues.unrouted.waiting).toBe(3);
    expect(queues.byTarget).toEqual([expect.objectContaining({ key: t1, routedToday: 2, overdue: 0 })]);
    expect(queues.byOperator).toEqual([expect.objectContaining({ key: 'u-operator1', routedToday: 2 })]);
    expect(queues.byTarget[0]!.medianRouteMinutes).not.toBeNull();
    const drill = await value<{ rows: QueueAppeal[] }>(lead.core, 'queues.appeals', { by: 'target', key: t1 });
    expect(drill.rows.map((r) => r.id).sort()).toEqual([id(1), id(2)]);
    const waiting = await value<{ rows: QueueAppeal[] }>(lead.core, 'queues.appeals', { by: 'unrouted', key: '' });
    expect(waiting.rows.map((r) => r.id).sort()).toEqual([id(4), id(5), id(6)]);
    expect(waiting.rows.every((r) => r.routeDueAt !== null && r.answerDueAt !== null)).toBe(true);
    expect(drill.rows.map((r) => r.decidedOnServer)).toEqual([true, true]);
    expect(waiting.rows.map((r) => r.decidedOnServer)).toEqual([false, false, false]);

    const bulk = await value<{ acks: unknown[]; failed: unknown[] }>(lead.core, 'appeals.redecide',
      { appealIds: [id(1), id(2)], decision: { type: 'route', targetId: t2 } });
    expect(bulk.acks).toHaveLength(2);
    expect(bulk.failed).toEqual([]);
    await settled(lead.core);
    const leadToken = await tokenFor('lead');
    const onServer = (await api<{ appeals: Appeal[] }>('/changes?limit=1000', { token: leadToken })).appeals;
    for (const n of [1, 2]) {
      expect(onServer.find((a) => a.id === id(n))).toMatchObject({ targetId: t2, routedBy: { id: 'u-lead' } });
    }

    const month = new Date(nowMs + 7 * 3_600_000).toISOString().slice(0, 7);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const stats = await value<Stats>(lead.core, 'stats.get', { from: `${month}-01`, to: `${month}-${lastDay}` });
    expect(stats.totals).toMatchObject({ received: 6, routed: 2, rejected: 1, waiting: 3 });
    expect(stats.bySource).toEqual({ vk: 5, ok: 0, telegram: 0, pos: 1 });
    expect(stats.byTarget).toEqual([expect.objectContaining({ targetId: t2, count: 2 })]);
    // The lead's re-route corrected operator 1's routings: still theirs, counted as corrected (trial: they went to
    // the lead's «направлено» and out of the operator's).
    expect(stats.operators.map((o) => [o.id, o.routed, o.rejected, o.corrected, o.corrections])).toEqual(
      expect.arrayContaining([['u-lead', 0, 0, 0, 2], ['u-operator1', 2, 1, 2, 0]]));
    expect(stats.perDay.reduce((n, d) => n + d.counts.vk + d.counts.ok + d.counts.telegram + d.counts.pos, 0)).toBe(6);

    const progress: { done: number; total: number }[] = [];
    const off = lead.core.on('reports.progress', (p) => progress.push(p as { done: number; total: number }));
    const xlsx = await value<{ path: string; rows: number }>(lead.core, 'reports.export', { kind: 'monthly', month, format: 'xlsx' });
    off();
    expect(xlsx.path.startsWith(lead.dir)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: xlsx.rows, total: xlsx.rows });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const summary = new Map<string, unknown>();
    book.getWorksheet('Сводка')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('Поступило сообщений')).toBe(stats.totals.received);
    expect(summary.get('  в т. ч. ВКонтакте')).toBe(stats.bySource.vk);
    expect(summary.get('Направлено адресатам')).toBe(stats.totals.routed);
    expect(summary.get('Отклонено')).toBe(stats.totals.rejected);
    const byTarget: [unknown, unknown][] = [];
    book.getWorksheet('По адресатам')!.eachRow((row, n) => {
      if (n > 1) byTarget.push([row.getCell(1).value, row.getCell(2).value]);
    });
    expect(byTarget).toEqual(stats.byTarget.map((t) => [t.label, t.count]));
    expect(book.getWorksheet('По дням')!.rowCount).toBe(stats.perDay.length + 1);

    const csv = await value<{ path: string }>(lead.core, 'reports.export', { kind: 'monthly', month, format: 'csv' });
    const text = readFileSync(csv.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`Поступило сообщений;${stats.totals.received}\r\n`);
    expect(text).toContain('Дата;ВКонтакте;Одноклассники;Telegram;Госуслуги · Решаем вместе;Всего\r\n');

    const list = await value<{ path: string; rows: number }>(lead.core, 'reports.export',
      { kind: 'list', format: 'csv', group: { by: 'target', key: t2 } });
    expect(list.rows).toBe(2);
    const lines = readFileSync(list.path, 'utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Номер;Источник;Получено (НСК);Статус;Адресат;Решение принял;Решение (НСК);'
      + 'Исправлено, первым решил;Срок разбора;Срок ответа;Текст');
    expect(lines.slice(1).map((l) => l.split(';')[0]).sort()).toEqual([id(1), id(2)]);
    expect(lines.slice(1).map((l) => l.split(';')[7])).toEqual(['Оператор 1 — Анна Петрова', 'Оператор 1 — Анна Петрова']);
  });

  it('a lead\'s correction stays the operator\'s routing: operator routes 3, the lead corrects 1 (then rejects 1 with X\'s path)', async () => {
    const op = await signedInCore('operator1');
    const { targets } = await value<{ targets: Target[] }>(op.core, 'targets.list', {});
    const [t1, t2] = [targets[0]!.id, targets[1]!.id];
    for (const n of [1, 2, 3]) await value(op.core, 'appeals.route', { appealId: id(n), targetId: t1 });
    await settled(op.core);
    const lead = await signedInCore('lead');
    const corrected = await value<{ acks: unknown[]; failed: unknown[] }>(lead.core, 'appeals.redecide',
      { appealIds: [id(3)], decision: { type: 'route', targetId: t2 } });
    expect(corrected).toMatchObject({ acks: [expect.anything()], failed: [] });
    await settled(lead.core);
    expect(await serverAppeal(server.url, id(3))).toMatchObject({ targetId: t2, routedBy: { id: 'u-lead' },
      firstDecision: { by: { id: 'u-operator1' }, status: 'routed' } });

    const month = new Date(nowMs + 7 * 3_600_000).toISOString().slice(0, 7);
    const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const period = { from: `${month}-01`, to: `${month}-${lastDay}` };
    /** Every figure by operator, as the queues, the statistics and the monthly report give them on `core`. */
    const byOperator = async (core: DeskCore) => {
      const queues = await value<Queues>(core, 'queues.get', {});
      const stats = await value<Stats>(core, 'stats.get', period);
      const report = await value<{ path: string }>(core, 'reports.export', { kind: 'monthly', month, format: 'xlsx' });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(report.path);
      const sheet = book.getWorksheet('Операторы')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const reported = new Map<unknown, Record<string, unknown>>();
      sheet.eachRow((row, n) => {
        if (n > 1) reported.set(row.getCell(1).value, Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
      });
      return {
        queues: Object.fromEntries(queues.byOperator.map((r) => [r.key, [r.routedToday, r.corrected, r.corrections]])),
        stats: Object.fromEntries(stats.operators.map((o) => [o.id, [o.routed, o.corrected, o.corrections]])),
        report: Object.fromEntries(stats.operators.map((o) => {
          const row = reported.get(o.name);
          return [o.id, [row?.['Направлено'], row?.['Исправлено старшим'], row?.['Исправил чужих решений']]];
        })),
        targets: Object.fromEntries(queues.byTarget.map((r) => [r.key, r.routedToday])),
      };
    };
    // Operator 1 keeps the three, one corrected; the lead routed none, corrected one. Where the appeals are now is
    // the targets' business: two at the first, one at the second.
    const expected = {
      queues: { 'u-operator1': [3, 1, 0], 'u-lead': [0, 0, 1] },
      stats: { 'u-operator1': [3, 1, 0], 'u-lead': [0, 0, 1] },
      report: { 'u-operator1': [3, 1, 0], 'u-lead': [0, 0, 1] },
      targets: { [t1]: 2, [t2]: 1 },
    };
    expect(await byOperator(lead.core)).toEqual(expected);
    // A desk that only pulled it counts the same: the first decision travels with the appeal from the server.
    const other = await signedInCore('lead');
    expect(await byOperator(other.core)).toEqual(expected);
    // The lead's row lists the correction, naming whose routing it was.
    const listed = await value<{ rows: QueueAppeal[] }>(lead.core, 'queues.appeals', { by: 'operator', key: 'u-lead' });
    expect(listed.rows.map((r) => [r.id, r.decidedBy, r.firstDecidedBy]))
      .toEqual([[id(3), 'Старший смены — Ольга Смирнова', 'Оператор 1 — Анна Петрова']]);
    // The operator's list exported is named after the operator, not after the lead who corrected one of its appeals.
    const list = await value<{ fileName: string }>(lead.core, 'reports.export',
      { kind: 'list', format: 'csv', group: { by: 'operator', key: 'u-operator1' } });
    expect(list.fileName).toMatch(/^spisok-operator-1-anna-petrova-\d{8}-\d{4}\.csv$/);

    // X in «Очереди» goes the same bulk path with a rejection: the server takes it from the lead, on an operator's
    // routing, and it is one more correction, not the lead's decision.
    const rejected = await value<{ acks: unknown[]; failed: unknown[] }>(lead.core, 'appeals.redecide',
      { appealIds: [id(2)], decision: { type: 'reject', reason: 'spam' } });
    expect(rejected).toMatchObject({ acks: [expect.anything()], failed: [] });
    await settled(lead.core);
    expect(await serverAppeal(server.url, id(2))).toMatchObject({ status: 'rejected', rejectReason: 'spam', targetId: null,
      routedBy: { id: 'u-lead' }, firstDecision: { by: { id: 'u-operator1' }, status: 'routed' } });
    const afterReject = await byOperator(lead.core);
    expect(afterReject.queues).toEqual({ 'u-operator1': [3, 2, 0], 'u-lead': [0, 0, 2] });
    expect(afterReject.stats).toEqual({ 'u-operator1': [3, 2, 0], 'u-lead': [0, 0, 2] });
    // An operator cannot reject another's routing in bulk: the core refuses before the server is asked.
    expect(await op.core.call('appeals.redecide', { appealIds: [id(1)], decision: { type: 'reject', reason: 'spam' } }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a decision of the lead\'s own not yet sent is no re-decision: the queue row and the undo toast say the same', async () => {
    const temp = tempDir('lead-unsent');
    const core = await createDeskCore({ dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 600_000, syncIntervalMs: 60_000 });
    cleanups.push(temp.remove, () => core.close());
    await value(core, 'session.login', { login: 'lead', password: 'lead' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
    const { targets } = await value<{ targets: Target[] }>(core, 'targets.list', {});
    await value(core, 'appeals.route', { appealId: id(4), targetId: targets[0]!.id });
    // The local view has it routed (it is in the target's queue), the server still waiting: the question the lead is
    // asked on re-routing it reads this row, the undo toast the server state — both «Направить», not «Перенаправить».
    const row = (await value<{ rows: QueueAppeal[] }>(core, 'queues.appeals', { by: 'target', key: targets[0]!.id }))
      .rows.find((r) => r.id === id(4));
    expect(row).toMatchObject({ status: 'routed', pending: true, decidedOnServer: false });
    const status = await value<SyncStatus>(core, 'sync.status', {});
    expect(status.undoable).toMatchObject({ appealIds: [id(4)], redecision: row?.decidedOnServer });
  });

  it('an export that cannot be written says why in Russian, naming the file and the folder, the code kept for IT', async () => {
    const lead = await signedInCore('lead');
    // A regular file where the exports folder goes: a real failed write, even as root (which chmod would not stop).
    const exports = join(lead.dir, 'exports');
    writeFileSync(exports, 'not a folder');
    for (const format of ['csv', 'xlsx'] as const) {
      const failed = await lead.core.call('reports.export', { kind: 'list', format });
      expect(failed).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(
        new RegExp(`^Файл «spisok-[a-z-]+-\\d{8}-\\d{4}\\.${format}» не записан: вместо папки на этом месте лежит файл \\(EEXIST\\)\\. Папка: `)) } });
      expect((failed as { error: { message: string } }).error.message.endsWith(`Папка: ${exports}`)).toBe(true);
    }
  });

  it('the server refuses an operator re-routing another operator\'s decision and lets the lead do it', async () => {
    const [op1, op2, lead] = [await tokenFor('operator1'), await tokenFor('operator2'), await tokenFor('lead')];
    const targets = (await api<{ targets: Target[] }>('/targets', { token: op1 })).targets;
    const mutation = (mid: string, baseVersion: number, targetId: string) =>
      ({ id: mid, appealId: id(1), baseVersion, createdAt: new Date().toISOString(), type: 'route', targetId });
    const send = async (token: string, m: ReturnType<typeof mutation>) =>
      (await api<MutationsResponse>('/mutations', { method: 'POST', token, body: { mutations: [m] } })).results[0];
    expect(await send(op1, mutation('01MUTATIONOP1AAAAAAAA', 1, targets[0]!.id))).toMatchObject({ status: 'applied' });
    expect(await send(op2, mutation('01MUTATIONOP2AAAAAAAA', 2, targets[1]!.id)))
      .toMatchObject({ status: 'invalid', error: { code: 'forbidden' } });
    // A rejection is a re-decision like a re-route: refused from another operator, the lead's applies.
    const reject = (mid: string, baseVersion: number) =>
      ({ id: mid, appealId: id(1), baseVersion, createdAt: new Date().toISOString(), type: 'reject', reason: 'duplicate' });
    expect((await api<MutationsResponse>('/mutations', { method: 'POST', token: op2, body: { mutations: [reject('01MUTATIONOP2REJECTAA', 2)] } })).results[0])
      .toMatchObject({ status: 'invalid', error: { code: 'forbidden' } });
    expect(await send(lead, mutation('01MUTATIONLEADAAAAAAA', 2, targets[1]!.id)))
      .toMatchObject({ status: 'applied', appeal: { targetId: targets[1]!.id, routedBy: { id: 'u-lead' } } });
    expect((await api<MutationsResponse>('/mutations', { method: 'POST', token: lead, body: { mutations: [reject('01MUTATIONLEADREJECT', 3)] } })).results[0])
      .toMatchObject({ status: 'applied', appeal: { status: 'rejected', rejectReason: 'duplicate', routedBy: { id: 'u-lead' },
        firstDecision: { by: { id: 'u-operator1' }, status: 'routed' } } });
  });

  it('a cache an older desk filled (the first decision dropped) is pulled again on upgrade, and counts the operator', async () => {
    const [op1, lead] = [await tokenFor('operator1'), await tokenFor('lead')];
    const targets = (await api<{ targets: Target[] }>('/targets', { token: op1 })).targets;
    const decide = async (token: string, mid: string, n: number, baseVersion: number, targetId: string) =>
      (await api<MutationsResponse>('/mutations', { method: 'POST', token, body: { mutations: [
        { id: mid, appealId: id(n), baseVersion, createdAt: new Date().toISOString(), type: 'route', targetId }] } })).results[0];
    for (const n of [1, 2, 3]) {
      expect(await decide(op1, `01MUTATIONOPFIRST0000${n}`, n, 1, targets[0]!.id)).toMatchObject({ status: 'applied' });
    }
    expect(await decide(lead, '01MUTATIONLEADFIX0003', 3, 2, targets[1]!.id)).toMatchObject({ status: 'applied' });
    const page = await api<{ appeals: Appeal[]; cursor: string }>('/changes?limit=1000', { token: lead });

    // The cache as a desk before schema 16 left it: every appeal stored without `firstDecision` (its schema dropped the
    // unknown key), the cursor past them — the correction reads as the lead's routing.
    const older = tempDir('lead-older');
    cleanups.push(older.remove);
    const db = openCache(join(older.dir, CACHE_FILE_NAME), { upToVersion: 15 });
    const appeals = new AppealStore(db);
    for (const { firstDecision: _dropped, ...asPulled } of page.appeals) appeals.storeServer(asPulled);
    db.prepare("INSERT INTO meta (key, value) VALUES ('cursor', ?)").run(JSON.stringify(page.cursor));
    db.close();

    const core = await createDeskCore({ dataDir: older.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000 });
    cleanups.push(() => core.close());
    await value(core, 'session.login', { login: 'lead', password: 'lead' });
    await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
    await value(core, 'sync.now', {});
    const queues = await value<Queues>(core, 'queues.get', {});
    expect(Object.fromEntries(queues.byOperator.map((r) => [r.key, [r.routedToday, r.corrected, r.corrections]])))
      .toEqual({ 'u-operator1': [3, 1, 0], 'u-lead': [0, 0, 1] });
  });
});

