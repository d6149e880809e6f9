import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeakerDetector } from '../src/app/gallery/speaker-detector.js';

const feed = (d, levels, from, to, step = 250) => {
  let speaker = null;
  for (let t = from; t <= to; t += step) speaker = d.update(new Map(Object.entries(levels)), t);
  return speaker;
};

test('a voice becomes the active speaker only after holding for a second', () => {
  const d = new SpeakerDetector();
  assert.equal(feed(d, { a: 0.3, b: 0 }, 0, 750), null);
  assert.equal(feed(d, { a: 0.3, b: 0 }, 1000, 1500), 'a');
});

test('silence below the floor never makes a speaker', () => {
  const d = new SpeakerDetector();
  assert.equal(feed(d, { a: 0.01, b: 0.005 }, 0, 5000), null);
});

test('a slightly louder voice does not take over (hysteresis)', () => {
  const d = new SpeakerDetector();
  feed(d, { a: 0.3, b: 0 }, 0, 2000);
  assert.equal(feed(d, { a: 0.3, b: 0.35 }, 2250, 6000), 'a');
  assert.equal(feed(d, { a: 0.05, b: 0.4 }, 6250, 9000), 'b');
  assert.deepEqual(d.recent, ['b', 'a']);
});

test('a speaker who leaves is forgotten', () => {
  const d = new SpeakerDetector();
  feed(d, { a: 0.3 }, 0, 2000);
  d.forget('a');
  assert.equal(d.current, null);
  assert.deepEqual(d.recent, []);
});
