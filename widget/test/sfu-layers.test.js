import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerForTile, sameWants, wantList } from '../src/app/media/sfu-layers.js';

const tile = (height, visible = 9, onStage = false) => ({ height, visible, onStage });

test('a tile gets the layer of its size; the stage gets the high layer; off the page only sound', () => {
  assert.equal(layerForTile(tile(120, 25)), 'low');
  assert.equal(layerForTile(tile(300, 4)), 'medium');
  assert.equal(layerForTile(tile(600, 2)), 'high');
  assert.equal(
    layerForTile(tile(600, 9)),
    'medium',
    'more than two tiles on screen cap everyone at 360p, as in the mesh'
  );
  assert.equal(layerForTile(tile(200, 9, true)), 'high');
  assert.equal(layerForTile(null), 'audio-only');
});

test('a page of 25 in a room of 49: 24 small videos, the rest heard only, never ourselves', () => {
  const ids = Array.from({ length: 49 }, (_, i) => `p${String(i).padStart(2, '0')}`);
  const feeds = ids.map((participantId) => ({
    participantId,
    source: 'camera',
    video: true,
    audio: true,
    simulcast: true
  }));
  // We are p00; the gallery shows us and 24 others on page one, 5x5 tiles of 140 device pixels.
  const sizes = new Map(ids.slice(1).map((id, i) => [id, i < 24 ? tile(140, 25) : null]));
  const want = wantList({ feeds, sizes, selfId: 'p00' });
  assert.equal(want.length, 48);
  assert.ok(!want.some((w) => w.participantId === 'p00'));
  const count = (layer) => want.filter((w) => w.layer === layer).length;
  assert.equal(count('low'), 24);
  assert.equal(count('audio-only'), 24);
});

test('a camera-less feed is audio-only; a screen share on the page is high, off the page dropped, its sharer only heard', () => {
  const feeds = [
    { participantId: 'a', source: 'camera', video: false, audio: true },
    { participantId: 'b', source: 'camera', video: true, audio: true },
    { participantId: 'b', source: 'screen', video: true, audio: false },
    { participantId: 'c', source: 'screen', video: true, audio: false }
  ];
  const sizes = new Map([
    ['a', tile(400, 2)],
    ['b', tile(700, 2, true)],
    ['c', null]
  ]);
  assert.deepEqual(wantList({ feeds, sizes, selfId: 'me' }), [
    { participantId: 'a', source: 'camera', layer: 'audio-only' },
    // b's tile shows the screen, as in the mesh: b's camera picture would go unseen.
    { participantId: 'b', source: 'camera', layer: 'audio-only' },
    { participantId: 'b', source: 'screen', layer: 'high' }
  ]);
});

test('want lists are sorted, so the same wish compares equal whatever the order of the feeds', () => {
  const feeds = [
    { participantId: 'b', source: 'camera' },
    { participantId: 'a', source: 'camera' }
  ];
  const sizes = new Map([
    ['a', tile(100)],
    ['b', tile(100)]
  ]);
  const one = wantList({ feeds, sizes, selfId: null });
  const two = wantList({ feeds: [...feeds].reverse(), sizes, selfId: null });
  assert.deepEqual(
    one.map((w) => w.participantId),
    ['a', 'b']
  );
  assert.ok(sameWants(one, two));
  assert.ok(
    !sameWants(
      one,
      wantList({
        feeds,
        sizes: new Map([
          ['a', tile(600, 2)],
          ['b', tile(100)]
        ]),
        selfId: null
      })
    )
  );
});
