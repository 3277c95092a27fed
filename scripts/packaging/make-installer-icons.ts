// `npm run make:installer-icons [-- --check]`: renders resources/installer/icon.svg into the committed installer
// icons (see installer-icons.ts). --check renders into memory and fails when a committed file differs, which is how
// to confirm the committed icons come from the committed SVG (same librsvg version: Debian 12's librsvg2-bin).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderInstallerIcons } from './installer-icons.js';

const dir = path.resolve(import.meta.dirname, '..', '..', 'resources', 'installer');
const check = process.argv.includes('--check');

try {
  const files = renderInstallerIcons(path.join(dir, 'icon.svg'));
  let differs = 0;
  for (const [name, bytes] of files) {
    const file = path.join(dir, name);
    if (check) {
      let committed: Buffer | null = null;
      try { committed = readFileSync(file); } catch { /* missing counts as different */ }
      if (committed === null || !committed.equals(bytes)) { differs++; console.error(`differs: resources/installer/${name}`); }
    } else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      console.log(`resources/installer/${name}  ${bytes.length} bytes`);
    }
  }
  if (check) console.log(differs === 0 ? `installer icons: all ${files.size} match icon.svg` : `installer icons: ${differs} differ from icon.svg`);
  process.exit(differs === 0 ? 0 : 1);
} catch (error) {
  console.error(`installer icons: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
