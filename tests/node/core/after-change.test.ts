// The after-change pipeline (#12): whoever announces `appeals.changed`, deadlines are filled, then clusters, then the
// suggestion worker woken — in that order whatever order the features were created in — and only then do listeners
// (the renderer's bridge, the team service) hear of it. Before, the order was the order of event subscriptions.
import { expect, it } from 'vitest';
import { AFTER_CHANGE_ORDER, AfterChangePipeline } from '../../../electron/core/after-change.js';
import { DeskEventHub } from '../../../electron/core/desk-events.js';

it('runs the steps in the declared order before any listener, even when set and subscribed the other way round', () => {
  const calls: string[] = [];
  const logged: string[] = [];
  const pipeline = new AfterChangePipeline((line) => logged.push(line));
  const events = new DeskEventHub(() => undefined, () => pipeline.run());
  events.on('appeals.changed', () => calls.push('listener'));
  pipeline.set('suggestions', () => calls.push('suggestions'));
  pipeline.set('clusters', () => {
    calls.push('clusters');
    throw new Error('cache closing');
  });
  pipeline.set('deadlines', () => calls.push('deadlines'));

  events.emit('appeals.changed', { ids: ['a-1'] });
  expect(calls).toEqual([...AFTER_CHANGE_ORDER, 'listener']);
  // A failing step is logged; the others and the listeners still run.
  expect(logged).toEqual(['after-change: clusters failed: cache closing']);

  calls.length = 0;
  events.emit('sync.status', { state: 'online', pending: 0, lastSyncAt: null, offlineSince: null, lastError: null });
  expect(calls).toEqual([]);
});
