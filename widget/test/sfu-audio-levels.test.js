import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SfuAudioLevels } from '../src/app/media/sfu-audio-levels.js';

const audio = (mid, energy, duration, extra = {}) => ({
  type: 'inbound-rtp',
  kind: 'audio',
  mid,
  totalAudioEnergy: energy,
  totalSamplesDuration: duration,
  ...extra
});

test('each subscribed audio receiver gives its participant a level over the poll interval, by the offer tracks list', () => {
  const levels = new SfuAudioLevels();
  const tracks = new Map([
    ['0', { participantId: 'talker', source: 'camera', kind: 'audio' }],
    ['1', { participantId: 'talker', source: 'camera', kind: 'video' }],
    // An off-page tile: subscribed audio-only, still measured.
    ['2', { participantId: 'offPage', source: 'camera', kind: 'audio' }],
    ['3', { participantId: 'quiet', source: 'camera', kind: 'audio' }]
  ]);
  const first = levels.sample([audio('0', 1, 10), audio('2', 1, 10), audio('3', 0, 10)], tracks, new Map(), 0);
  assert.deepEqual([...first.values()], [0, 0, 0], 'the first poll has no interval yet');
  const second = levels.sample(
    [
      audio('0', 1 + 0.25 * 0.25, 10.25), // peaks of 0.5 over 250 ms
      audio('2', 1 + 0.04 * 0.25, 10.25), // 0.2
      audio('3', 0, 10.25),
      { type: 'inbound-rtp', kind: 'video', mid: '1', framesDecoded: 9 },
      audio('9', 5, 20) // a mid the offer does not list carries nothing now
    ],
    tracks,
    new Map(),
    250
  );
  assert.deepEqual(
    [...second].map(([id, l]) => [id, Math.round(l * 100) / 100]),
    [
      ['talker', 0.5],
      ['offPage', 0.2],
      ['quiet', 0]
    ]
  );
});

test('a mid given to another feed counts for nobody while it settles, then from its own counters; stats without a mid are found by track id', () => {
  const levels = new SfuAudioLevels({ settleMs: 1000 });
  const talker = new Map([['0', { participantId: 'a', kind: 'audio' }]]);
  levels.sample([audio('0', 100, 100)], talker, new Map(), 0);
  assert.equal(Math.round(levels.sample([audio('0', 100.25, 100.25)], talker, new Map(), 250).get('a') * 10) / 10, 1);
  // The next offer gives mid 0 to b, silent, while the receiver still plays a's voice from its buffer.
  const moved = new Map([['0', { participantId: 'b', kind: 'audio' }]]);
  assert.deepEqual(levels.sample([audio('0', 100.5, 100.5)], moved, new Map(), 500), new Map([['b', 0]]));
  assert.deepEqual(levels.sample([audio('0', 100.75, 100.75)], moved, new Map(), 750), new Map([['b', 0]]));
  assert.equal(levels.counters.has('0/a'), false, 'counters of a receiver gone are dropped');
  // Settled: b's own (silent) sound from then on.
  assert.deepEqual(levels.sample([audio('0', 100.75, 101.75)], moved, new Map(), 1750), new Map([['b', 0]]));
  const noMid = (energy, duration) => audio(undefined, energy, duration, { trackIdentifier: 'track-b' });
  const byTrack = new Map([['track-b', '0']]);
  levels.sample([noMid(0, 1)], moved, byTrack, 2000);
  const level = levels.sample([noMid(0.01, 2)], moved, byTrack, 2250).get('b');
  assert.equal(Math.round(level * 100) / 100, 0.1);
});
