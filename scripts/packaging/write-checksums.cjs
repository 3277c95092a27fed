// electron-builder afterAllArtifactBuild hook: writes SHA256SUMS (sha256sum format) next to the artifacts and
// returns it so electron-builder publishes it with them. CommonJS: electron-builder require()s hooks.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require(): CommonJS on purpose */
const { createHash } = require('node:crypto');
const { createReadStream, writeFileSync } = require('node:fs');
const path = require('node:path');

function sha256(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex')));
  });
}

async function writeChecksums(buildResult) {
  const files = buildResult.artifactPaths.filter((file) => !file.endsWith('SHA256SUMS')).sort();
  if (files.length === 0) return [];
  const lines = [];
  for (const file of files) lines.push(`${await sha256(file)}  ${path.basename(file)}`);
  const out = path.join(buildResult.outDir, 'SHA256SUMS');
  writeFileSync(out, `${lines.join('\n')}\n`);
  return [out];
}

module.exports = writeChecksums;
module.exports.default = writeChecksums;
