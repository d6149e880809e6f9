import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockPeakLevel, intervalLevel } from '../src/app/media/audio-level.js';

test('the interval level is the root mean square over the time played since the last poll', () => {
  // 0.25 s at a peak level of 0.5 adds 0.5² × 0.25 to the energy.
  assert.equal(intervalLevel({ energy: 1, duration: 10 }, { energy: 1 + 0.25 * 0.25, duration: 10.25 }), 0.5);
  // Half the interval silent: the mean square halves.
  assert.ok(
    Math.abs(intervalLevel({ energy: 0, duration: 0 }, { energy: 0.25 * 0.125, duration: 0.25 }) - Math.sqrt(0.125)) <
      1e-12
  );
});

test('no previous reading, nothing played, or counters that went back (a new receiver) give 0', () => {
  assert.equal(intervalLevel(null, { energy: 5, duration: 5 }), 0);
  assert.equal(intervalLevel({ energy: 5, duration: 5 }, { energy: 5, duration: 5 }), 0);
  assert.equal(intervalLevel({ energy: 5, duration: 5 }, { energy: 0.01, duration: 0.2 }), 0);
  assert.equal(intervalLevel({ energy: 0, duration: 1 }, { energy: 0, duration: 1.25 }), 0);
});

test("the block peak level takes each block's peak, so gaps between syllables lower it but do not zero it", () => {
  const block = 480;
  const loud = Array.from({ length: block }, (_, i) => (i === 7 ? -0.6 : 0.1));
  const silent = new Array(block).fill(0);
  assert.ok(Math.abs(blockPeakLevel([...loud, ...loud], block) - 0.6) < 1e-12);
  assert.ok(Math.abs(blockPeakLevel([...loud, ...silent], block) - Math.sqrt(0.18)) < 1e-12);
  assert.equal(blockPeakLevel(new Float32Array(4 * block), block), 0);
});

test('a partial last block is left out and too few samples give 0', () => {
  assert.equal(blockPeakLevel([0.5, 0.5, 0.9], 2), 0.5);
  assert.equal(blockPeakLevel([0.5], 2), 0);
});
