// The connectors file (issue 14 item 1): validated with every error naming the file and the key path, secrets from the
// environment, a world-readable file with inline secrets refused; and `npm run server -- --connectors FILE` stopping
// with that line instead of starting.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConnectorsConfig } from '../../../../server/connectors/connectors-config.js';
import { useConnectorsFiles } from './connectors-file.js';

const { folder, writeConfig, errorOf } = useConnectorsFiles();

const vkPage = (overrides: Record<string, unknown> = {}) => ({
  groupId: 123456, secret: 'inline-secret', confirmation: 'a1b2c3d4',
  channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' }, ...overrides,
});

describe('connectors file', () => {
  it('loads the issue\'s shape: vk with secrets inline and from the environment; telegram and ok validated', () => {
    const file = writeConfig({
      vk: [vkPage(), vkPage({ groupId: 654321, secret: { env: 'VK_SECRET_MINOBR' }, accessToken: { env: 'VK_TOKEN_MINOBR' } })],
      telegram: [{ bot: 'nso_minzdrav_bot', secretToken: { env: 'TG_SECRET' }, channel: { name: 'Минздрав НСО', url: 'https://t.me/minzdrav_nso' } }],
      ok: [{ groupId: '70000001234567', pathSecret: 'p4th', channel: { name: 'Минздрав НСО', url: 'https://ok.ru/group/70000001234567' } }],
    });
    const config = loadConnectorsConfig(file, { env: { VK_SECRET_MINOBR: 's3cret', VK_TOKEN_MINOBR: 'vk1.a.token', TG_SECRET: 't' }, platform: 'linux' });
    expect(config.vk).toEqual([
      { groupId: 123456, secret: 'inline-secret', confirmation: 'a1b2c3d4', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' } },
      { groupId: 654321, secret: 's3cret', confirmation: 'a1b2c3d4', accessToken: 'vk1.a.token',
        channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' } },
    ]);
    expect(config.telegram).toHaveLength(1);
    expect(config.ok).toHaveLength(1);
  });

  it('names the file and the key path of each mistake', () => {
    const cases: [unknown, RegExp][] = [
      [{ vk: [vkPage({ secret: undefined })] }, /^.*connectors\.json: vk\[0\]\.secret: /],
      [{ vk: [vkPage(), vkPage({ groupId: '654321' })] }, /connectors\.json: vk\[1\]\.groupId: /],
      [{ vk: [vkPage({ groupId: -5 })] }, /connectors\.json: vk\[0\]\.groupId: /],
      [{ vk: [vkPage({ secert: 'typo' })] }, /connectors\.json: vk\[0\]: .*secert/],
      // Misspelt, the right key is missing too: the unknown key is named, which shows the typo.
      [{ vk: [vkPage({ channel: undefined, chanel: { name: 'a', url: 'https://vk.com/a' } })] }, /connectors\.json: vk\[0\]: Unrecognized key: "chanel" \(and 1 more\)/],
      [{ vk: [vkPage(), vkPage()] }, /connectors\.json: vk\[1\]\.groupId: 123456 is listed twice/],
      [{ vk: [vkPage({ channel: { name: 'Минздрав', url: 'javascript:alert(1)' } })] }, /connectors\.json: vk\[0\]\.channel\.url: /],
      [{ vk: [vkPage({ secret: { env: 'NOT A NAME' } })] }, /connectors\.json: vk\[0\]\.secret/],
      [{ telegram: [{ bot: 'x', secretToken: 't', channel: { name: 'a', url: 'https://t.me/a' } }] }, /connectors\.json: telegram\[0\]\.bot: /],
      [{ ok: [{ groupId: 70000001234567, pathSecret: 'p', channel: { name: 'a', url: 'https://ok.ru/group/1' } }] }, /connectors\.json: ok\[0\]\.groupId: /],
      [{ vkontakte: [] }, /connectors\.json: \(file\): .*vkontakte/],
      ['{"vk": [', /connectors\.json: not valid JSON/],
    ];
    for (const [content, expected] of cases) expect(errorOf(writeConfig(content)), JSON.stringify(content)).toMatch(expected);
    expect(errorOf(join(folder(), 'absent.json'))).toMatch(/absent\.json: cannot read/);
    // A mistake next to an inline secret: the error says where, never quotes the text around it.
    const broken = errorOf(writeConfig('{"vk": [{"secret": "s3cr3t-Value" x}]}'));
    expect(broken).toMatch(/connectors\.json: not valid JSON at line 1, column \d+$/);
    expect(broken).not.toContain('s3cr3t');
  });

  it('says which environment variable is missing (or empty)', () => {
    const file = writeConfig({ vk: [vkPage({ accessToken: { env: 'VK_TOKEN_MINZDRAV' } })] });
    expect(errorOf(file)).toMatch(/connectors\.json: vk\[0\]\.accessToken: environment variable VK_TOKEN_MINZDRAV is not set$/);
    expect(errorOf(file, { VK_TOKEN_MINZDRAV: '' })).toMatch(/vk\[0\]\.accessToken: environment variable VK_TOKEN_MINZDRAV is not set/);
    expect(loadConnectorsConfig(file, { env: { VK_TOKEN_MINZDRAV: 'vk1.a.x' }, platform: 'linux' }).vk[0]?.accessToken).toBe('vk1.a.x');
  });

  it('refuses a world-readable file with inline secrets, warns for a group-readable one, accepts either with env secrets only', () => {
    const inline = writeConfig({ vk: [vkPage()] }, 0o644);
    expect(errorOf(inline)).toMatch(/connectors\.json: readable by every user of this machine \(mode 0644\).*chmod 600/);
    const log: string[] = [];
    loadConnectorsConfig(writeConfig({ vk: [vkPage()] }, 0o640), { platform: 'linux', log: (line) => log.push(line) });
    expect(log).toEqual([expect.stringMatching(/readable by its group \(mode 0640\)/)]);
    const envOnly = writeConfig({ vk: [vkPage({ secret: { env: 'S' }, confirmation: 'c' })] }, 0o644);
    expect(loadConnectorsConfig(envOnly, { env: { S: 'x' }, platform: 'linux' }).vk[0]?.secret).toBe('x');
  });
});

describe('npm run server -- --connectors FILE', () => {
  const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

  function run(args: string[], env: NodeJS.ProcessEnv = {}) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, out: () => ({ stdout, stderr }) };
  }

  it('stops the start with the file and key named, and starts serving the VK address with a good file', async () => {
    const bad = writeConfig({ vk: [vkPage({ secret: { env: 'VK_SECRET_NOWHERE' } })] });
    const failed = run(['--port', '0', '--data', join(folder(), 'data'), '--connectors', bad]);
    expect(await failed.exited).toBe(1);
    expect(failed.out().stderr).toContain(`cannot start: ${bad}: vk[0].secret: environment variable VK_SECRET_NOWHERE is not set`);
    expect(failed.out().stdout).toBe('');

    const good = writeConfig({ vk: [vkPage({ secret: { env: 'VK_SECRET_HERE' } })] });
    const dataDir = join(folder(), 'data');
    const served = run(['--port', '0', '--data', dataDir, '--connectors', good], { VK_SECRET_HERE: 'from-env' });
    const url = await new Promise<string>((resolve, reject) => {
      served.child.stdout.on('data', () => {
        const line = served.out().stdout.split('\n')[0] ?? '';
        if (served.out().stdout.includes('\n')) resolve(line.replace('listening on ', ''));
      });
      served.child.on('exit', () => reject(new Error(served.out().stderr)));
    });
    const res = await fetch(`${url}/api/v1/connectors/vk/123456`, { method: 'POST', body: JSON.stringify({ type: 'confirmation', group_id: 123456, secret: 'from-env' }) });
    expect(await res.text()).toBe('a1b2c3d4');
    expect(served.out().stderr).toContain('connectors: vk: 123456 (Минздрав НСО)');
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
  });
});
