import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderTiles, pageOf, stageParticipant } from '../src/app/ui/gallery/tile-order.js';

const ids = (n) => Array.from({ length: n }, (_, i) => `p${i}`);

test('self first, then join order', () => {
  assert.deepEqual(orderTiles({ previous: [], present: ['a', 'me', 'b'], selfId: 'me', pageSize: 25 }), [
    'me',
    'a',
    'b'
  ]);
});

test('pinned participant and screen sharer lead after self', () => {
  const order = orderTiles({
    previous: [],
    present: ['me', 'a', 'b', 'c'],
    selfId: 'me',
    pinnedId: 'c',
    sharerId: 'b',
    pageSize: 25
  });
  assert.deepEqual(order, ['me', 'c', 'b', 'a']);
});

test('a speaker from page two swaps with the last ordinary tile of page one', () => {
  const present = ['me', ...ids(6)];
  const order = orderTiles({ previous: [], present, selfId: 'me', speakers: ['p5'], pageSize: 4 });
  assert.deepEqual(pageOf(order, 0, 4), ['me', 'p0', 'p1', 'p5']);
  assert.deepEqual(order, ['me', 'p0', 'p1', 'p5', 'p3', 'p4', 'p2']);
});

test('a speaker already on page one does not move (visual stability)', () => {
  const present = ['me', ...ids(6)];
  const order = orderTiles({ previous: [], present, selfId: 'me', speakers: ['p1'], pageSize: 4 });
  assert.deepEqual(order, ['me', ...ids(6)]);
});

test('keeps the previous order and appends newcomers; leavers vanish', () => {
  const order = orderTiles({
    previous: ['me', 'c', 'a', 'b'],
    present: ['me', 'a', 'c', 'd'],
    selfId: 'me',
    pageSize: 25
  });
  assert.deepEqual(order, ['me', 'c', 'a', 'd']);
});

test('two recent speakers both reach page one without displacing each other', () => {
  const present = ['me', ...ids(8)];
  const order = orderTiles({ previous: [], present, selfId: 'me', speakers: ['p7', 'p6'], pageSize: 4 });
  assert.deepEqual(new Set(pageOf(order, 0, 4)), new Set(['me', 'p0', 'p7', 'p6']));
});

test('pages slice the order', () => {
  assert.deepEqual(pageOf(ids(5), 1, 2), ['p2', 'p3']);
  assert.deepEqual(pageOf(ids(5), 2, 2), ['p4']);
});

test('the stage: pinned, then screen sharer, then the latest speaker, then the first other', () => {
  const present = ['a', 'me', 'b', 'c'];
  assert.equal(stageParticipant({ present, selfId: 'me', pinnedId: 'c', sharerId: 'b', speakers: ['a'] }), 'c');
  assert.equal(stageParticipant({ present, selfId: 'me', sharerId: 'b', speakers: ['a'] }), 'b');
  assert.equal(stageParticipant({ present, selfId: 'me', speakers: ['c', 'b'] }), 'c');
  assert.equal(stageParticipant({ present, selfId: 'me' }), 'a');
});

test('while you talk the stage keeps the last other speaker, never you', () => {
  const present = ['me', 'a', 'b'];
  assert.equal(stageParticipant({ present, selfId: 'me', speakers: ['me', 'b', 'a'] }), 'b');
  assert.equal(stageParticipant({ present, selfId: 'me', speakers: ['me'] }), 'a');
  assert.equal(stageParticipant({ present: ['me'], selfId: 'me', speakers: ['me'] }), 'me');
  assert.equal(stageParticipant({ present: [], selfId: null }), null);
});

test('a speaker or pinned participant who left does not hold the stage', () => {
  assert.equal(
    stageParticipant({ present: ['me', 'a', 'b'], selfId: 'me', pinnedId: 'gone', speakers: ['gone', 'b'] }),
    'b'
  );
});
