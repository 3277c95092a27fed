// Keeps each cached appeal's routing and answer deadlines (migration 006 columns) filled: rows without them
// (new from a pull) get them after every change, and all are recomputed when the policy or calendar changes.
import calendarFile from '../../../resources/production-calendar-ru.json' with { type: 'json' };
import type { Source } from '../../../shared/domain/appeal.js';
import {
  DEFAULT_DEADLINE_POLICY, deadlineFingerprint, deadlinesOf, type DeadlinePolicy,
} from '../../../shared/deadlines/deadline-policy.js';
import {
  NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar, createWorkingCalendar, type CalendarSettings,
  type WorkingCalendar,
} from '../../../shared/deadlines/working-calendar.js';
import type { CacheDb } from '../cache/open-cache.js';

const FINGERPRINT_KEY = 'deadlineFingerprint';

export interface DeadlineConfig {
  policy?: DeadlinePolicy;
  calendar?: CalendarSettings;
}

export interface DeadlineKeeper {
  calendar: WorkingCalendar;
  policy: DeadlinePolicy;
  /** Computes deadlines for rows that have none; returns how many were filled. */
  fillMissing(): number;
}

export function createDeadlineKeeper(db: CacheDb, config: DeadlineConfig = {}): DeadlineKeeper {
  const data = ProductionCalendar.parse(calendarFile);
  const calendar = createWorkingCalendar(config.calendar ?? NOVOSIBIRSK_CALENDAR_SETTINGS, data);
  const policy = config.policy ?? DEFAULT_DEADLINE_POLICY;
  const fingerprint = deadlineFingerprint(policy, calendar, JSON.stringify(data.years));

  const missing = db.prepare<[], { id: string; source: Source; received_ms: number }>(
    'SELECT id, source, received_ms FROM appeals WHERE route_due_ms IS NULL');
  const update = db.prepare('UPDATE appeals SET route_due_ms = ?, answer_due_ms = ? WHERE id = ?');
  const fillMissing = (): number => db.transaction(() => {
    const rows = missing.all();
    for (const row of rows) {
      const due = deadlinesOf(row.source, row.received_ms, policy, calendar);
      update.run(due.routeDueMs, due.answerDueMs, row.id);
    }
    return rows.length;
  })();

  const stored = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(FINGERPRINT_KEY);
  if (stored?.value !== JSON.stringify(fingerprint)) {
    db.transaction(() => {
      db.prepare('UPDATE appeals SET route_due_ms = NULL, answer_due_ms = NULL WHERE route_due_ms IS NOT NULL').run();
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(FINGERPRINT_KEY, JSON.stringify(fingerprint));
    })();
  }
  fillMissing();
  return { calendar, policy, fillMissing };
}
