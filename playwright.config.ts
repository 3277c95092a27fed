import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Debian's Chromium where it exists (no browser download is possible here); Playwright's own elsewhere.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        locale: 'ru-RU',
        timezoneId: 'Asia/Novosibirsk',
        launchOptions: {
          ...(systemChromium ? { executablePath: systemChromium } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
        },
      },
    },
    // npm ci does not fetch the Electron binary (Electron >= 42): this project installs it first, or records why not.
    { name: 'electron-setup', testDir: 'tests/electron', testMatch: /electron-install\.setup\.ts$/ },
    { name: 'electron', testDir: 'tests/electron', dependencies: ['electron-setup'] },
  ],
});
