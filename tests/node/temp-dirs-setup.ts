// Each node test file removes the temp folders it made (a desk's cache, citizen text among it): checked after the
// file's last test, so a cleanup left running past its end (an un-awaited close) fails here, not silently in /tmp.
import { afterAll, expect } from 'vitest';
import { tempDirsLeft } from './core/core-test-kit.js';

afterAll(() => {
  expect(tempDirsLeft(), 'temp folders this file made and left').toEqual([]);
});
