import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeConfigError, loadAppConfig, parseAppConfig } from '../../../electron/main/app-config.js';

const configPath = '/home/op/.config/Triage Desk/config.json';
const parse = (configText: string | null, envApiUrl?: string) => parseAppConfig({ envApiUrl, configPath, configText });

describe('parseAppConfig', () => {
  it('takes the URL from the environment first, even over a broken file', () => {
    expect(parse('{broken', 'https://api.cur-nso.ru/')).toEqual({ ok: true, apiUrl: 'https://api.cur-nso.ru', source: 'env' });
  });

  it('reads apiUrl from config.json', () => {
    expect(parse('{"apiUrl": "https://api.cur-nso.ru/desk"}')).toEqual({
      ok: true, apiUrl: 'https://api.cur-nso.ru/desk', source: 'file',
    });
  });

  it('accepts a byte-order mark from Windows editors', () => {
    expect(parse('\uFEFF{"apiUrl": "https://10.0.0.5:8443"}')).toMatchObject({ ok: true, apiUrl: 'https://10.0.0.5:8443' });
  });

  it('allows plain http only for a server on 127.0.0.1', () => {
    expect(parse('{"apiUrl": "http://127.0.0.1:4010"}')).toMatchObject({ ok: true, apiUrl: 'http://127.0.0.1:4010' });
    expect(parse('{"apiUrl": "http://10.0.0.5:8080"}')).toMatchObject({ ok: false, problem: expect.stringContaining('https://') });
    expect(parse(null, 'http://cur.example.ru')).toMatchObject({ ok: false, kind: 'env' });
  });

  it('means demo mode when neither env nor file is present', () => {
    expect(parse(null)).toEqual({ ok: true, apiUrl: null, source: 'demo' });
    expect(parse(null, '  ')).toEqual({ ok: true, apiUrl: null, source: 'demo' });
  });

  it.each([
    ['not JSON', '{"apiUrl": '],
    ['an array', '["https://x"]'],
    ['a misspelt key', '{"apiURL": "https://x.ru"}'],
    ['an extra key', '{"apiUrl": "https://x.ru", "demo": true}'],
    ['an empty object', '{}'],
    ['a non-string URL', '{"apiUrl": 5}'],
    ['a non-URL', '{"apiUrl": "api.cur-nso.ru"}'],
    ['a foreign scheme', '{"apiUrl": "ftp://api.cur-nso.ru"}'],
    ['credentials in the URL', '{"apiUrl": "https://u:p@api.cur-nso.ru"}'],
  ])('refuses a config file with %s, naming the file', (_label, text) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe('file');
    expect(result.where).toBe(configPath);
    expect(result.problem.length).toBeGreaterThan(0);
    expect(describeConfigError(result)).toContain(configPath);
  });

  it('refuses a bad environment value and names the variable', () => {
    const result = parse(null, 'not a url');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(describeConfigError(result)).toContain('TRIAGE_DESK_API_URL');
  });
});

describe('loadAppConfig', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'desk-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file from the user data folder', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), '{"apiUrl":"https://api.example.ru"}');
    expect(loadAppConfig(dir, {})).toMatchObject({ ok: true, apiUrl: 'https://api.example.ru', source: 'file' });
  });

  it('means demo mode when the file is missing', () => {
    expect(loadAppConfig(tempDir(), {})).toEqual({ ok: true, apiUrl: null, source: 'demo' });
  });

  it('reports an unreadable config path instead of falling back to demo', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'config.json'));
    const result = loadAppConfig(dir, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.where).toBe(path.join(dir, 'config.json'));
  });

  it('lets the environment win over the file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'config.json'), 'garbage');
    expect(loadAppConfig(dir, { TRIAGE_DESK_API_URL: 'https://env.example.ru' }))
      .toMatchObject({ ok: true, apiUrl: 'https://env.example.ru', source: 'env' });
  });
});
