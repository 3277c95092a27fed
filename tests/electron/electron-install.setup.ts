// Runs before the _electron specs (the `electron-setup` project they depend on): installs the Electron binary when it
// is missing, since `npm ci` does not fetch it (Electron ≥ 42), so `npm test` on a machine that can reach GitHub (or an
// ELECTRON_MIRROR) runs the specs. Where the download fails it passes and records the reason the specs then skip with.
import { test } from '@playwright/test';
import { DEFAULT_INSTALL_TIMEOUT_MS, ensureElectronBinary } from '../../scripts/electron-binary.js';

test('install the Electron binary if it is missing', async () => {
  test.setTimeout(DEFAULT_INSTALL_TIMEOUT_MS + 30_000);
  const outcome = await ensureElectronBinary({ onSlow: (line) => console.log(`electron-setup: ${line}`) });
  test.info().annotations.push({
    type: 'electron',
    description: outcome.ok ? `binary ${outcome.downloaded ? 'downloaded' : 'present'}: ${outcome.binary}`
      : `Electron binary could not be downloaded (${outcome.reason}): the _electron specs skip`,
  });
  if (!outcome.ok) console.log(`electron-setup: Electron binary could not be downloaded (${outcome.reason}): the _electron specs skip`);
});
