// `tsx scripts/install-electron.ts`: installs the Electron binary if it is missing (the package's install-electron,
// bounded in time) and says in one line what happened. Exits 0 either way: where the download is impossible (a closed
// CI network) the _electron specs skip with the reason recorded here; `--require` makes a missing binary an error.
import { ensureElectronBinary } from './electron-binary.js';

const required = process.argv.includes('--require');
const outcome = await ensureElectronBinary({ onSlow: (message) => console.log(`install-electron: ${message}`) });
if (outcome.ok) {
  console.log(`install-electron: Electron binary ${outcome.downloaded ? 'downloaded' : 'already installed'}: ${outcome.binary}`);
} else {
  console.log(`install-electron: Electron binary could not be downloaded (${outcome.reason}): the _electron specs will skip`);
  if (required) process.exitCode = 1;
}
