import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SpeakerDetector } from '../src/app/media/speaker-detector.js';

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
  assert.equal(feed(d, { a: 0.02, b: 0.005 }, 0, 5000), null);
  assert.deepEqual([...d.speaking], []);
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

test('a voice is marked as speaking at once and the mark outlasts short pauses', () => {
  const d = new SpeakerDetector();
  d.update(
    new Map([
      ['a', 0.5],
      ['b', 0.001]
    ]),
    0
  );
  assert.deepEqual([...d.speaking], ['a']);
  // A pause between phrases: one quiet poll keeps the mark.
  d.update(
    new Map([
      ['a', 0.001],
      ['b', 0.001]
    ]),
    250
  );
  d.update(
    new Map([
      ['a', 0.001],
      ['b', 0.001]
    ]),
    500
  );
  assert.deepEqual([...d.speaking], ['a']);
  d.update(
    new Map([
      ['a', 0.001],
      ['b', 0.001]
    ]),
    750
  );
  assert.deepEqual([...d.speaking], []);
});

test('two people talking at once are both marked, while one holds the stage', () => {
  const d = new SpeakerDetector();
  feed(d, { a: 0.6, b: 0 }, 0, 1500);
  assert.equal(feed(d, { a: 0.6, b: 0.5 }, 1750, 4000), 'a');
  assert.deepEqual([...d.speaking].sort(), ['a', 'b']);
});

test('when the speaker falls silent the mark goes but the stage keeps them until someone else talks', () => {
  const d = new SpeakerDetector();
  assert.equal(feed(d, { a: 0.6, b: 0, c: 0 }, 0, 2000), 'a');
  assert.equal(feed(d, { a: 0, b: 0, c: 0 }, 2250, 6000), 'a');
  assert.deepEqual([...d.speaking], []);
  // b starts: outlined at once, on the stage after leading clearly for the hold time.
  assert.equal(
    d.update(
      new Map([
        ['a', 0],
        ['b', 0.6],
        ['c', 0]
      ]),
      6250
    ),
    'a'
  );
  assert.deepEqual([...d.speaking], ['b']);
  assert.equal(feed(d, { a: 0, b: 0.6, c: 0 }, 6500, 7500), 'b');
  assert.deepEqual(d.recent, ['b', 'a']);
});

test('someone who leaves is no longer marked or on the stage', () => {
  const d = new SpeakerDetector();
  feed(d, { a: 0.6, b: 0 }, 0, 2000);
  assert.equal(d.update(new Map([['b', 0]]), 2250), null);
  assert.deepEqual([...d.speaking], []);
  assert.deepEqual(d.recent, []);
});
