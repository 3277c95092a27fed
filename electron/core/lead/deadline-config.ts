// The desk's deadline rules and working calendar as IT may set them in `deadlines.json` in the data folder. Read once
// at start (desk-core.ts): the lead's deadlines and the whole desk's day bounds (the calendar's utcOffsetMinutes) come
// from this one reading.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DeadlinePolicy } from '../../../shared/deadlines/deadline-policy.js';
import { CalendarSettings, NOVOSIBIRSK_CALENDAR_SETTINGS } from '../../../shared/deadlines/working-calendar.js';
import type { DeadlineConfig } from './deadline-keeper.js';

export type { DeadlineConfig } from './deadline-keeper.js';

/** Optional `deadlines.json` in the data folder: `{policy?: {vk: {routeWithinHours, answerWithinHours}, …}, calendar?}`. */
const DeadlineFile = z.object({ policy: DeadlinePolicy.optional(), calendar: CalendarSettings.optional() }).strict();

/** A hand-edited file must never stop the desk from starting: anything wrong with it falls back to the defaults. */
export function readDeadlineConfig(dataDir: string, log: (line: string) => void): DeadlineConfig {
  const file = join(dataDir, 'deadlines.json');
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    // Notepad saves UTF-8 with a BOM, which JSON.parse refuses.
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    log(`deadlines: ${file} ignored, default rules used: not readable as JSON: ${error instanceof Error ? error.message : String(error)}`);
    return {};
  }
  const parsed = DeadlineFile.safeParse(json);
  if (!parsed.success) {
    log(`deadlines: ${file} ignored, default rules used: ${parsed.error.issues[0]?.message ?? ''}`);
    return {};
  }
  const config: DeadlineConfig = {};
  if (parsed.data.policy) config.policy = { ...parsed.data.policy } as DeadlineConfig['policy'] & object;
  if (parsed.data.calendar) config.calendar = parsed.data.calendar;
  return config;
}

/** The centre's clock for this configuration: the calendar's offset, Novosibirsk UTC+7 unless deadlines.json says. */
export const utcOffsetOf = (config: DeadlineConfig): number =>
  (config.calendar ?? NOVOSIBIRSK_CALENDAR_SETTINGS).utcOffsetMinutes;
