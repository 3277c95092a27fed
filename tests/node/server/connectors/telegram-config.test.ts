// The `telegram` section of the connectors file: webhook mode needs the secretToken, polling mode the botToken; secrets
// resolved from the environment; mistakes named by file and key; what the start says it serves.
import { describe, expect, it } from 'vitest';
import { describeConnectors } from '../../../../server/connectors/connector-routes.js';
import { loadConnectorsConfig } from '../../../../server/connectors/connectors-config.js';
import { useConnectorsFiles } from './connectors-file.js';

const files = useConnectorsFiles();
const { writeConfig } = files;

const channel = { name: 'Минздрав НСО', url: 'https://t.me/minzdrav_nso' };

/** The message `content`, written as the connectors file, is refused with. */
const errorOf = (content: unknown, env: NodeJS.ProcessEnv = {}): string => files.errorOf(writeConfig(content), env);

describe('connectors file: telegram', () => {
  it('resolves a webhook bot and a polling bot, secrets from the environment', () => {
    const file = writeConfig({ telegram: [
      { bot: 'nso_minzdrav_bot', secretToken: { env: 'TG_SECRET' }, botToken: 'inline:token', channel },
      { bot: 'nso_minobr_bot', mode: 'polling', botToken: { env: 'TG_TOKEN' }, channel: { name: 'Минобр НСО', url: 'https://t.me/minobr_nso' } },
    ] });
    const config = loadConnectorsConfig(file, { env: { TG_SECRET: 's3cret', TG_TOKEN: '123:abc' }, platform: 'linux' });
    expect(config.telegram).toEqual([
      { bot: 'nso_minzdrav_bot', secretToken: 's3cret', botToken: 'inline:token', mode: 'webhook', channel },
      { bot: 'nso_minobr_bot', botToken: '123:abc', mode: 'polling', channel: { name: 'Минобр НСО', url: 'https://t.me/minobr_nso' } },
    ]);
    const lines = describeConnectors(config).join('\n');
    expect(lines).toContain('connectors: telegram: nso_minzdrav_bot (Минздрав НСО, webhook), nso_minobr_bot (Минобр НСО, polling getUpdates) at /api/v1/connectors/telegram/{bot}');
    expect(lines).not.toContain('not served yet');
    expect(lines).not.toMatch(/s3cret|123:abc/);
  });

  it('names the key of each mistake', () => {
    const cases: [unknown, RegExp][] = [
      [{ telegram: [{ bot: 'nso_minzdrav_bot', channel }] }, /connectors\.json: telegram\[0\]\.secretToken: missing/],
      [{ telegram: [{ bot: 'nso_minzdrav_bot', mode: 'polling', secretToken: 's', channel }] }, /connectors\.json: telegram\[0\]\.botToken: missing: "mode": "polling"/],
      [{ telegram: [{ bot: 'nso_minzdrav_bot', mode: 'poll', botToken: 't', channel }] }, /connectors\.json: telegram\[0\]\.mode: /],
      [{ telegram: [{ bot: 'nso_minzdrav_bot', secretToken: 's', channel }, { bot: 'NSO_Minzdrav_Bot', secretToken: 's', channel }] },
        /connectors\.json: telegram\[1\]\.bot: nso_minzdrav_bot is listed twice/],
    ];
    for (const [content, expected] of cases) expect(errorOf(content), JSON.stringify(content)).toMatch(expected);
    expect(errorOf({ telegram: [{ bot: 'nso_minzdrav_bot', mode: 'polling', botToken: { env: 'TG_TOKEN' }, channel }] }))
      .toMatch(/telegram\[0\]\.botToken: environment variable TG_TOKEN is not set/);
    // Telegram's setWebhook takes only A-Z a-z 0-9 _ - (inline, and from the environment alike).
    expect(errorOf({ telegram: [{ bot: 'nso_minzdrav_bot', secretToken: 'bad secret!', channel }] }))
      .toMatch(/connectors\.json: telegram\[0\]\.secretToken: 1–256 characters, only A-Z a-z 0-9 _ -/);
    expect(errorOf({ telegram: [{ bot: 'nso_minzdrav_bot', secretToken: { env: 'TG_SECRET' }, channel }] }, { TG_SECRET: 'секрет' }))
      .toMatch(/telegram\[0\]\.secretToken: 1–256 characters/);
    expect(errorOf({ telegram: [{ bot: 'nso_minzdrav_bot', secretToken: 'a'.repeat(257), channel }] })).toMatch(/secretToken: 1–256/);
  });
});
