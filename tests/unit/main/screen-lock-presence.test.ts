import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { followScreenLock, type PowerEvents } from '../../../electron/main/screen-lock-presence.js';

function follow() {
  const power = new EventEmitter();
  const said: boolean[] = [];
  const stop = followScreenLock(power as unknown as PowerEvents, (present) => said.push(present));
  return { power, said, stop };
}

describe('followScreenLock', () => {
  it('leaves the shift on lock and joins on unlock, each change once', () => {
    const { power, said } = follow();
    power.emit('lock-screen');
    power.emit('lock-screen');
    power.emit('unlock-screen');
    expect(said).toEqual([false, true]);
  });

  it('a machine resumed to a locked screen stays away until it is unlocked', () => {
    const { power, said } = follow();
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('resume');
    expect(said).toEqual([false]);
    power.emit('unlock-screen');
    expect(said).toEqual([false, true]);
  });

  it('sleep without a lock (Linux has no lock events) is away too', () => {
    const { power, said } = follow();
    power.emit('suspend');
    power.emit('resume');
    expect(said).toEqual([false, true]);
  });

  it('says nothing once unsubscribed', () => {
    const { power, said, stop } = follow();
    stop();
    power.emit('lock-screen');
    expect(said).toEqual([]);
    expect(power.eventNames()).toEqual([]);
  });
});
