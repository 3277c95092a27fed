// `npm run suggest -- --data DIR --in FILE`: routing suggestions for JSON lines {"text","source","channel"?} from
// FILE (`channel`: the page's name, as an appeal's channel.name, when known), one
// JSON line {"suggestions":[{targetId,name,score,reason}…]} per input line (with "reject":{reason,words} when the text
// reads as a thank-you or spam, not-an-appeal.ts), with the model learned from the
// cache in DIR (an app or harness data folder after a sync). The model is brought up to date first. `--all` also
// prints candidates under the suggestion floor (shared/routing/suggestion-confidence.ts), which the desk drops;
// `--raw` prints the ranking's raw shares instead of calibrated scores (to fit the calibration); `--no-channel` ignores
// the lines' pages (the text alone decides).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCache } from '../electron/core/cache/open-cache.js';
import { loadModel, loadTargets, mostRoutedMunicipality, trainFromCache } from '../electron/core/routing/model-store.js';
import { suggestTargets } from '../electron/core/routing/suggest-targets.js';

const USAGE = 'usage: npm run suggest -- --data <dir> --in <file.jsonl> [--all] [--raw] [--no-channel]';
const { values } = parseArgs({ options: { data: { type: 'string' }, in: { type: 'string' }, all: { type: 'boolean' },
  raw: { type: 'boolean' }, 'no-channel': { type: 'boolean' } }, strict: true });
if (!values.data || !values.in) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const db = openCache(join(values.data, 'cache.sqlite'));
const targets = loadTargets(db);
if (targets.length === 0) {
  process.stderr.write(`no targets in ${values.data}: sign in and sync once first\n`);
  process.exit(1);
}
const loaded = loadModel(db);
const learned = trainFromCache(db, loaded, targets);
const defaultLocal = mostRoutedMunicipality(db, targets);
process.stderr.write(`model: ${loaded.model.learnedCount} routed appeals (${learned} new), revision ${loaded.revision}\n`);
db.close();

const lines = readFileSync(values.in, 'utf8').split('\n').filter((line) => line.trim() !== '');
const out: string[] = [];
for (const [i, line] of lines.entries()) {
  let text = '';
  let channelName: string | undefined;
  try {
    const parsed = JSON.parse(line) as { text?: unknown; channel?: unknown };
    if (typeof parsed.channel === 'string' && values['no-channel'] !== true) channelName = parsed.channel;
    if (typeof parsed.text === 'string') text = parsed.text;
    else process.stderr.write(`line ${i + 1}: no "text"\n`);
  } catch {
    process.stderr.write(`line ${i + 1}: not JSON\n`);
  }
  const { suggestions, reject } = suggestTargets(text, { model: loaded.model, places: loaded.places, targets,
    keepBelowFloor: values.all === true,
    rawScores: values.raw === true,
    ...(defaultLocal ? { defaultLocalTargetId: defaultLocal } : {}), ...(channelName ? { channelName } : {}) });
  out.push(JSON.stringify(reject ? { suggestions, reject } : { suggestions }));
}
process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
