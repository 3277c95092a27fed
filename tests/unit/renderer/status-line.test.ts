// The status bar line (QA-53): an alert answers one key — it ends after its reading time, when the next action goes
// through (a notice), on a screen change and at once on clearAlert (Esc); a notice ends after its reading time and on a
// screen change; the key hint is the screen's own, made from the live bindings (a remap shows in it).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { DeskState } from '../../../renderer/src/store/state-types.js';
import {
  ALERT_MIN_MS, createUiSlice, MESSAGE_MAX_MS, NOTICE_MIN_MS, readingTimeMs,
} from '../../../renderer/src/store/ui-slice.js';
import { statusHints, statusHintText, VIEW_SCOPES } from '../../../renderer/src/features/sync/status-hints.js';
import { keysFor, primaryKeyFor, setKeyOverrides } from '../../../renderer/src/features/shortcuts/shortcut-table.js';

/** The ui slice alone, with the one call it makes into the inbox slice recorded. */
function uiStore() {
  const held: boolean[] = [];
  const store = create<DeskState>()((set, get, api) => ({
    ...createUiSlice(set, get, api),
    holdSelection: (shown: boolean) => { held.push(shown); },
  }) as unknown as DeskState);
  return { s: store.getState, held };
}

describe('alert and notice lifetimes (fake timers)', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('reading time: 8 s for an alert, 10 s for a notice, longer for long text, never over 20 s', () => {
    expect(readingTimeMs('Нечего отменять', ALERT_MIN_MS)).toBe(8_000);
    expect(readingTimeMs('Направлено: МинЖКХ НСО', NOTICE_MIN_MS)).toBe(10_000);
    expect(readingTimeMs('я'.repeat(150), ALERT_MIN_MS)).toBe(2_000 + 150 * 60);
    expect(readingTimeMs('я'.repeat(1_000), ALERT_MIN_MS)).toBe(MESSAGE_MAX_MS);
  });

  it('an alert ends after its reading time, not before', () => {
    const { s } = uiStore();
    s().showAlert('Нечего отменять');
    vi.advanceTimersByTime(ALERT_MIN_MS - 1);
    expect(s().alert?.text).toBe('Нечего отменять');
    vi.advanceTimersByTime(1);
    expect(s().alert).toBeNull();
  });

  it('a newer alert keeps its own full time (the older one\'s timer does not end it)', () => {
    const { s } = uiStore();
    s().showAlert('Первое');
    vi.advanceTimersByTime(ALERT_MIN_MS - 1_000);
    s().showAlert('Второе');
    vi.advanceTimersByTime(1_000);
    expect(s().alert?.text).toBe('Второе');
    vi.advanceTimersByTime(ALERT_MIN_MS - 1_000);
    expect(s().alert).toBeNull();
  });

  it('a key that did nothing (an info notice) ends no alert, and is told apart from a thing done', () => {
    const { s } = uiStore();
    s().showAlert('Нечего отменять');
    s().showNotice('Второго предложения нет — выбрать адресата: Enter', { tone: 'info' });
    expect(s().alert?.text).toBe('Нечего отменять');
    expect(s().notice?.tone).toBe('info');
    s().showNotice('Направлено: МинЖКХ НСО');
    expect(s().notice?.tone).toBe('done');
    expect(s().alert).toBeNull();
  });

  it('the next action that goes through (its notice) ends the alert at once; the notice stays', () => {
    const { s } = uiStore();
    s().showAlert('Нечего отменять');
    s().showNotice('Направлено: МинЖКХ НСО');
    expect(s().alert).toBeNull();
    expect(s().notice?.text).toBe('Направлено: МинЖКХ НСО');
    // An action with both to say shows its notice, then its alert: both stay.
    s().showAlert('Не перенаправлено: 1 обращение.');
    expect(s().alert?.text).toBe('Не перенаправлено: 1 обращение.');
    expect(s().notice?.text).toBe('Направлено: МинЖКХ НСО');
  });

  it('Esc (clearAlert) ends it at once, and a later timer does not touch the next alert', () => {
    const { s } = uiStore();
    s().showAlert('Решение уже отправлено на сервер — отменить нельзя');
    s().clearAlert();
    expect(s().alert).toBeNull();
    vi.advanceTimersByTime(1_000);
    s().showAlert('Нечего отменять');
    vi.advanceTimersByTime(ALERT_MIN_MS - 1);
    expect(s().alert?.text).toBe('Нечего отменять');
  });

  it('a notice ends after its reading time (QA: «Автор не отзывал…» still there after 30 s)', () => {
    const { s } = uiStore();
    const text = 'Автор не отзывал это обращение — отклонить по другой причине: X';
    s().showNotice(text);
    vi.advanceTimersByTime(readingTimeMs(text, NOTICE_MIN_MS) - 1);
    expect(s().notice?.text).toBe(text);
    vi.advanceTimersByTime(1);
    expect(s().notice).toBeNull();
  });

  it('a screen change ends both; staying on the same screen ends neither', () => {
    const { s, held } = uiStore();
    s().showAlert('Нечего отменять');
    s().showNotice('Решение отменено');
    s().showAlert('Нечего отменять');
    s().setView('inbox');
    expect(s().alert).not.toBeNull();
    expect(s().notice).not.toBeNull();
    s().setView('search');
    expect(s().alert).toBeNull();
    expect(s().notice).toBeNull();
    expect(held).toEqual([false]);
  });
});

describe('the status bar hint is the screen\'s own, from the live bindings', () => {
  afterEach(() => setKeyOverrides([]));

  it('inbox and search: select and route; queues and conflicts: select and re-route', () => {
    expect(statusHintText('inbox', true)).toBe('↑ ↓ выбор · 1–9 направить · ? / F1 — все клавиши');
    expect(statusHintText('search', true)).toBe('↑ ↓ выбор · 1–9 направить · ? / F1 — все клавиши');
    expect(statusHintText('queues', true)).toBe('↑ ↓ выбор · 1–9 перенаправить · ? / F1 — все клавиши');
    expect(statusHintText('conflicts', true)).toBe('↑ ↓ выбор · 1–9 перенаправить · ? / F1 — все клавиши');
  });

  it('conflicts for an operator: no «1–9 перенаправить», which the server takes from a lead only (trial of 4 December)', () => {
    expect(statusHintText('conflicts', false)).toBe('↑ ↓ выбор · ? / F1 — все клавиши');
    expect(statusHintText('inbox', false)).toBe('↑ ↓ выбор · 1–9 направить · ? / F1 — все клавиши');
  });

  it('statistics: 1–4 choose the period (not «1–9 направить»); the sync log: select only', () => {
    expect(statusHintText('stats', true)).toBe('1–4 период · ? / F1 — все клавиши');
    expect(statusHintText('stats', true)).not.toContain('1–9');
    expect(statusHintText('sync-log', true)).toBe('↑ ↓ выбор · ? / F1 — все клавиши');
  });

  it('every key shown is bound in that screen\'s scope (a hint cannot name a key of another screen)', () => {
    for (const view of Object.keys(VIEW_SCOPES) as (keyof typeof VIEW_SCOPES)[]) {
      for (const hint of statusHints(view, true)) {
        for (const key of hint.keys) {
          expect([VIEW_SCOPES[view], 'global'], `${view}: ${key.action}`).toContain(key.scope);
          expect(key.all ? keysFor(key.scope, key.action) : primaryKeyFor(key.scope, key.action)).not.toBe('');
        }
      }
    }
  });

  it('a remap shows in the hint of its screen only', () => {
    setKeyOverrides([{ scope: 'inbox', action: 'move-down', chords: [{ code: 'KeyN' }] }]);
    expect(statusHintText('inbox', true)).toBe('↑ N выбор · 1–9 направить · ? / F1 — все клавиши');
    expect(statusHintText('queues', true)).toBe('↑ ↓ выбор · 1–9 перенаправить · ? / F1 — все клавиши');
    setKeyOverrides([{ scope: 'global', action: 'open-help', chords: [{ code: 'F1' }] }]);
    expect(statusHintText('stats', true)).toBe('1–4 период · F1 — все клавиши');
  });
});
