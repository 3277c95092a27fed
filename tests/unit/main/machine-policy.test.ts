// The machine policy file: valid, missing, malformed and conflicting files, per-OS paths, and how a policy
// combines with the user's own settings (locked keys win, unlocked ones are defaults).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../../electron/main/app-config.js';
import { policyRefusal, resolveApiUrl } from '../../../electron/main/effective-settings.js';
import { allowedExternalUrl } from '../../../electron/main/external-links.js';
import {
  describePolicyError, EMPTY_POLICY, loadPolicy, parsePolicy, policyFilePath, type MachinePolicy, type PolicyFileReader,
} from '../../../electron/main/machine-policy.js';

const FILE = '/etc/triage-desk/policy.json';
const CA_FILE = '/etc/triage-desk/russian-trusted-root-ca.pem';
// A real certificate (self-signed for the tests, its key not kept): the policy reads every block as X.509.
const PEM = readFileSync(new URL('../../fixtures/policy-test-root-ca.pem', import.meta.url), 'utf8');
const DAMAGED_CA_FILE = '/etc/triage-desk/damaged.pem';
const DAMAGED = `${PEM}-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUS0kERHicfi\n-----END CERTIFICATE-----\n`;
const files: PolicyFileReader = {
  readText: (file) => (file === CA_FILE ? `# Минцифры\n${PEM}` : file === DAMAGED_CA_FILE ? DAMAGED : null),
};
const parse = (value: unknown) => parsePolicy(typeof value === 'string' ? value : JSON.stringify(value), FILE, files);
const ok = (value: unknown): MachinePolicy => {
  const load = parse(value);
  if (!load.ok) throw new Error(load.problem);
  return load.policy;
};
const problemOf = (value: unknown): string => {
  const load = parse(value);
  if (load.ok) throw new Error('expected a problem');
  expect(load.file).toBe(FILE);
  return load.problem;
};

describe('a valid policy', () => {
  it('reads every key', () => {
    expect(ok({
      apiUrl: 'https://cur.nso.ru/api/', updateUrl: 'https://updates.cur.nso.ru/desk', caBundle: CA_FILE,
      proxy: { rules: 'http://proxy.nso.local:3128', bypass: '*.nso.local,10.0.0.0/8' }, linkAllowlist: ['max.ru', 'Dzen.ru'],
      favoriteTargets: ['minzdrav', 'mingkh'], updateInstall: { mode: 'when-idle', idleMinutes: 30 }, locked: ['apiUrl', 'favoriteTargets'],
    })).toEqual({
      apiUrl: 'https://cur.nso.ru/api', updateUrl: 'https://updates.cur.nso.ru/desk', caBundle: { file: CA_FILE, pems: [PEM.trim()] },
      proxy: { mode: 'fixed', rules: 'http://proxy.nso.local:3128', bypass: '*.nso.local,10.0.0.0/8' },
      linkAllowlist: ['max.ru', 'dzen.ru'], favoriteTargets: ['minzdrav', 'mingkh'],
      updateInstall: { mode: 'when-idle', idleMinutes: 30 }, locked: ['apiUrl', 'favoriteTargets'],
    });
  });

  it('defaults what it does not say: install on quit, nothing locked, default link hosts only', () => {
    expect(ok({})).toEqual(EMPTY_POLICY);
    expect(ok('\uFEFF{"proxy": "system"}')).toMatchObject({ proxy: { mode: 'system' } });
  });

  it('extends the external-link allowlist, still https only and by parsed host', () => {
    const extra = ok({ linkAllowlist: ['max.ru'] }).linkAllowlist;
    expect(allowedExternalUrl('https://web.max.ru/chat', extra)).toBe('https://web.max.ru/chat');
    expect(allowedExternalUrl('https://web.max.ru/chat')).toBeNull();
    expect(allowedExternalUrl('http://max.ru/', extra)).toBeNull();
    expect(allowedExternalUrl('https://max.ru.evil.example/', extra)).toBeNull();
    expect(allowedExternalUrl('https://evilmax.ru/', extra)).toBeNull();
  });
});

describe('a missing policy', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('means an unmanaged machine; a present file is read from disk', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
    const file = path.join(dir, 'policy.json');
    expect(loadPolicy(file)).toEqual({ ok: true, policy: EMPTY_POLICY, file, present: false });
    writeFileSync(file, '{"apiUrl": "https://cur.nso.ru"}');
    expect(loadPolicy(file)).toMatchObject({ ok: true, present: true, policy: { apiUrl: 'https://cur.nso.ru' } });
  });

  it('but an unreadable one is an error naming the file', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-'));
    expect(loadPolicy(dir)).toMatchObject({ ok: false, file: dir, problem: expect.stringContaining('EISDIR') });
  });

  it('lives where IT expects it on each OS', () => {
    expect(policyFilePath('linux')).toBe('/etc/triage-desk/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\TriageDesk\\policy.json');
    expect(policyFilePath('darwin')).toBe('/Library/Application Support/TriageDesk/policy.json');
  });
});

describe('a malformed policy is an error naming the file and the problem', () => {
  it.each([
    ['not JSON', '{"apiUrl": ', 'корректным JSON'],
    ['an array', '[]', 'объект'],
    ['a misspelt key', { apiURL: 'https://x.ru' }, 'неизвестные поля: apiURL'],
    ['plain http to a remote API', { apiUrl: 'http://cur.nso.ru' }, 'https://'],
    ['a foreign scheme for updates', { updateUrl: 'ftp://updates.nso.ru' }, 'updateUrl'],
    ['a URL in the link allowlist', { linkAllowlist: ['https://max.ru/'] }, 'https://max.ru/'],
    ['a non-list allowlist', { linkAllowlist: 'max.ru' }, 'списком'],
    ['too many favourites', { favoriteTargets: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] }, 'не больше 9'],
    ['a relative CA path', { caBundle: 'ca.pem' }, 'абсолютным'],
    ['a missing CA file', { caBundle: '/etc/triage-desk/none.pem' }, 'не найден'],
    // Cut short: the PEM block is there, the certificate is not (would stop the start later with OpenSSL's «ASN1 lib»).
    ['a damaged certificate in the CA file', { caBundle: DAMAGED_CA_FILE }, `${DAMAGED_CA_FILE} (поле "caBundle") сертификат №2 из 2 повреждён`],
    ['a proxy without a scheme', { proxy: { rules: 'proxy:3128' } }, 'proxy.rules'],
    ['an unknown install mode', { updateInstall: 'now' }, 'updateInstall'],
    ['an idle time too short', { updateInstall: { mode: 'when-idle', idleMinutes: 1 } }, 'updateInstall'],
  ])('%s', (_label, value, fragment) => {
    expect(problemOf(value)).toContain(fragment);
  });

  it('and the error window says where and what', () => {
    const text = describePolicyError({ file: FILE, problem: 'поле "apiUrl": …' });
    expect(text).toContain(`Файл: ${FILE}`);
    expect(text).toContain('Проблема: поле "apiUrl": …');
  });
});

describe('a conflicting policy', () => {
  it('cannot lock a key it does not set, nor a key that is not lockable', () => {
    expect(problemOf({ locked: ['apiUrl'] })).toContain('не задано');
    expect(problemOf({ proxy: 'direct', locked: ['proxy'] })).toContain('нельзя закрепить');
    expect(problemOf({ linkAllowlist: ['max.ru', 'max.ru'] })).toContain('повторяется');
  });

  it('wins over the user when it locks the API URL (env and config.json), and says what it ignored', () => {
    const policy = ok({ apiUrl: 'https://cur.nso.ru', locked: ['apiUrl'] });
    const fromFile = parseAppConfig({ envApiUrl: undefined, configPath: '/u/config.json', configText: '{"apiUrl": "https://other.ru"}' });
    expect(resolveApiUrl(policy, fromFile)).toEqual({
      ok: true, apiUrl: 'https://cur.nso.ru', source: 'policy',
      notices: [expect.stringContaining('https://other.ru is ignored')],
    });
    const fromEnv = parseAppConfig({ envApiUrl: 'https://env.ru', configPath: '/u/config.json', configText: null });
    expect(resolveApiUrl(policy, fromEnv)).toMatchObject({ apiUrl: 'https://cur.nso.ru', source: 'policy' });
    // A broken user file cannot block a machine whose policy fixes the URL anyway.
    const broken = parseAppConfig({ envApiUrl: undefined, configPath: '/u/config.json', configText: '{' });
    expect(resolveApiUrl(policy, broken)).toMatchObject({ ok: true, apiUrl: 'https://cur.nso.ru' });
  });

  it('is only a default when not locked: the user setting wins, then the policy, then demo mode', () => {
    const policy = ok({ apiUrl: 'https://cur.nso.ru' });
    const user = parseAppConfig({ envApiUrl: undefined, configPath: '/u/config.json', configText: '{"apiUrl": "https://test.cur.nso.ru"}' });
    expect(resolveApiUrl(policy, user)).toMatchObject({ apiUrl: 'https://test.cur.nso.ru', source: 'file' });
    const none = parseAppConfig({ envApiUrl: undefined, configPath: '/u/config.json', configText: null });
    expect(resolveApiUrl(policy, none)).toMatchObject({ apiUrl: 'https://cur.nso.ru', source: 'policy' });
    expect(resolveApiUrl(EMPTY_POLICY, none)).toMatchObject({ apiUrl: null, source: 'demo' });
  });

  it('locks favourites: the desk call to change them is refused (the core refuses it too: favorites.test.ts)', () => {
    const locked = ok({ favoriteTargets: ['minzdrav'], locked: ['favoriteTargets'] });
    expect(policyRefusal(locked, 'favorites.set')).toContain('администратор');
    expect(policyRefusal(locked, 'favorites.get')).toBeNull();
    const loose = ok({ favoriteTargets: ['minzdrav'] });
    expect(policyRefusal(loose, 'favorites.set')).toBeNull();
  });
});
