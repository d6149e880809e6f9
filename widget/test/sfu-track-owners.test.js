import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileTracks } from '../src/app/media/sfu-track-owners.js';

const stream = (...tracks) => ({ getTracks: () => tracks });
const owners = (entries) => new Map(entries.map(([mid, participantId]) => [mid, { participantId }]));
const names = ({ add, remove }) => ({
  add: add.map((a) => `${a.id}<-${a.receiver.track.name}`),
  remove: remove.map((r) => `${r.id}-x-${r.track.name}`)
});

test('a page turn: recycled mids move their tracks from the old page to the new one', () => {
  const v0 = { name: 'v0' },
    v1 = { name: 'v1' };
  // Page one was a and b on mids 0 and 1; the offer of page two puts c and d on the same mids.
  const moves = reconcileTracks({
    receivers: [
      { mid: '0', track: v0, active: true },
      { mid: '1', track: v1, active: true }
    ],
    owners: owners([
      ['0', 'c'],
      ['1', 'd']
    ]),
    streams: new Map([
      ['a', stream(v0)],
      ['b', stream(v1)]
    ])
  });
  assert.deepEqual(names(moves), { add: ['c<-v0', 'd<-v1'], remove: ['a-x-v0', 'b-x-v1'] });
});

test('nothing moves when every track is where its mid says', () => {
  const a = { name: 'a-audio' },
    v = { name: 'a-video' };
  const moves = reconcileTracks({
    receivers: [
      { mid: '0', track: a, active: true },
      { mid: '1', track: v, active: true }
    ],
    owners: owners([
      ['0', 'a'],
      ['1', 'a']
    ]),
    streams: new Map([['a', stream(a, v)]])
  });
  assert.deepEqual(names(moves), { add: [], remove: [] });
});

test('an inactive m-line (a feed we stopped receiving) leaves its tile; unknown tracks stay put', () => {
  const v0 = { name: 'v0' },
    audio = { name: 'audio' },
    stranger = { name: 'not ours' };
  const moves = reconcileTracks({
    receivers: [
      { mid: '0', track: v0, active: false },
      { mid: '1', track: audio, active: true },
      { mid: null, track: { name: 'unnegotiated' }, active: false }
    ],
    owners: owners([
      ['0', 'a'],
      ['1', 'a']
    ]),
    streams: new Map([['a', stream(v0, stranger)]])
  });
  assert.deepEqual(names(moves), { add: ['a<-audio'], remove: ['a-x-v0'] });
});
