import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RoomModel } from '../src/app/room/room-model.js';

/** Records every event the model emits, in order, as [name, detail]. */
function recorded(model) {
  const events = [];
  for (const name of [
    'participantJoined',
    'participantUpdated',
    'participantLeft',
    'handChanged',
    'selfUpdated',
    'roleChanged',
    'lockChanged',
    'unmuteLockedChanged',
    'unmuteAllowedChanged',
    'waitingAdded',
    'waitingRemoved'
  ]) {
    model.on(name, (detail) => events.push([name, detail]));
  }
  return events;
}

const person = (id, extra = {}) => ({
  id,
  name: id.toUpperCase(),
  role: 'participant',
  media: { audio: true, video: true },
  ...extra
});
const joined = (you, participants, extra = {}) => ({ type: 'joined', you, participants, ...extra });

test('the first joined fills the room without announcing those already there', () => {
  const model = new RoomModel();
  const events = recorded(model);
  const { first, previousSelfId } = model.applyJoined(
    joined(person('me', { role: 'host' }), [person('a'), person('b')]),
    { audio: true }
  );
  assert.equal(first, true);
  assert.equal(previousSelfId, null);
  assert.deepEqual(
    model.everyone().map((p) => p.id),
    ['me', 'a', 'b']
  );
  assert.equal(model.role, 'host');
  assert.deepEqual(model.self.media, { audio: true }, 'our media is ours, not what the server echoed');
  const joins = events.filter(([n]) => n === 'participantJoined');
  assert.deepEqual(
    joins.map(([, d]) => [d.participant.id, d.announce]),
    [
      ['a', false],
      ['b', false]
    ]
  );
  assert.deepEqual(events.find(([n]) => n === 'roleChanged')[1], { role: 'host', before: null });
});

test('a later joined (a rejoin) removes who is gone, announces who is new and updates the rest', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), [person('a'), person('b')]), {});
  const events = recorded(model);
  const { first, previousSelfId } = model.applyJoined(
    joined(person('me2'), [person('b', { name: 'Bea' }), person('c')]),
    {}
  );
  assert.equal(first, false);
  assert.equal(previousSelfId, 'me');
  assert.deepEqual([...model.participants.keys()], ['b', 'c']);
  assert.deepEqual(
    events
      .filter(([n]) => n.startsWith('participant'))
      .map(([n, d]) => [n, d.participant?.id ?? d.id, d.announce ?? d.reason ?? null]),
    [
      ['participantLeft', 'a', 'left'],
      ['participantUpdated', 'b', null],
      ['participantJoined', 'c', true]
    ]
  );
  assert.equal(model.participant('b').name, 'Bea');
});

test('hands: participantUpdated, then handChanged only when the hand moved', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), [person('a')]), {});
  const events = recorded(model);
  model.update(person('a', { media: { hand: true } }));
  model.update(person('a', { name: 'Ann', media: { hand: true } }));
  model.update(person('a', { media: { hand: false } }));
  assert.deepEqual(
    events.map(([n, d]) => (n === 'handChanged' ? `${n}:${d.raised}` : n)),
    ['participantUpdated', 'handChanged:true', 'participantUpdated', 'participantUpdated', 'handChanged:false']
  );
});

test('our own participantUpdated keeps our media and reports a new role once', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me', { role: 'viewer' }), []), { audio: false });
  model.setSelfMedia({ audio: true, hand: true });
  const events = recorded(model);
  model.update({ id: 'me', name: 'ME', role: 'participant', media: { audio: false } });
  assert.deepEqual(model.self.media, { audio: true, hand: true });
  assert.deepEqual(
    events.filter(([n]) => n === 'roleChanged').map(([, d]) => d),
    [{ role: 'participant', before: 'viewer' }]
  );
  model.update({ id: 'me', name: 'ME', role: 'participant' });
  assert.equal(events.filter(([n]) => n === 'roleChanged').length, 1);
});

test('lock: only a change of the lock state is an event', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), []), {});
  const events = recorded(model);
  model.applyRoomUpdated({ locked: false, e2eeLeader: 'x' });
  model.applyRoomUpdated({ locked: true });
  model.applyRoomUpdated({ locked: true, e2ee: true });
  assert.deepEqual(
    events.filter(([n]) => n === 'lockChanged').map(([, d]) => d.locked),
    [true]
  );
  assert.equal(model.locked, true);
  assert.equal(model.e2ee, true);
});

test('unmute lock: participants need a host to let them; hosts may always; a lifted lock drops the permission', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), [person('h', { role: 'host' })]), {});
  const events = recorded(model);
  model.applyRoomUpdated({ unmuteLocked: ['audio'] });
  assert.deepEqual(
    events.map(([n, d]) => [n, [...d.locked], d.announce]),
    [['unmuteLockedChanged', ['audio'], true]]
  );
  assert.equal(model.mayTurnOn('audio'), false);
  assert.equal(model.mayTurnOn('video'), true);
  model.setUnmuteAllowed('audio', true);
  assert.equal(model.mayTurnOn('audio'), true);
  model.applyRoomUpdated({ unmuteLocked: ['audio'] }); // unchanged: no event, permission kept
  assert.equal(events.filter(([n]) => n === 'unmuteLockedChanged').length, 1);
  assert.equal(model.mayTurnOn('audio'), true);
  model.applyRoomUpdated({ unmuteLocked: [] });
  model.applyRoomUpdated({ unmuteLocked: ['audio'] });
  assert.equal(model.mayTurnOn('audio'), false, 'a new lock needs a new permission');
  model.update(person('me', { role: 'host' }));
  assert.equal(model.mayTurnOn('audio'), true);
});

test('who is heard: never viewers; under an audio lock only hosts and those the server shows unmuted', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), []), {});
  const silent = person('a', { media: { audio: false } });
  assert.equal(model.isAudible(silent), true, 'no lock: the sound plays as it comes');
  assert.equal(model.isAudible(person('v', { role: 'viewer' })), false);
  model.applyRoomUpdated({ unmuteLocked: ['audio'] });
  assert.equal(model.isAudible(silent), false);
  assert.equal(model.isAudible(person('a')), true);
  assert.equal(model.isAudible(person('h', { role: 'host', media: { audio: false } })), true);
});

test('the waiting list belongs to hosts and empties silently when we stop being one', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me', { role: 'host' }), []), {});
  const events = recorded(model);
  model.addWaiting(person('w1'));
  model.addWaiting(person('w1'));
  model.addWaiting(person('w2'));
  model.removeWaiting('w1', 'admitted');
  model.removeWaiting('nobody', 'left');
  model.update(person('me', { role: 'participant' }));
  assert.deepEqual(
    events.filter(([n]) => n.startsWith('waiting')).map(([n, d]) => [n, d.participant?.id ?? d.id, d.reason ?? null]),
    [
      ['waitingAdded', 'w1', null],
      ['waitingAdded', 'w2', null],
      ['waitingRemoved', 'w1', 'admitted'],
      ['waitingRemoved', 'w2', null]
    ]
  );
  assert.equal(model.waiting.size, 0);
});

test('clear drops everyone silently', () => {
  const model = new RoomModel();
  model.applyJoined(joined(person('me'), [person('a'), person('b')]), {});
  const events = recorded(model);
  model.clear();
  assert.deepEqual(
    events.map(([n, d]) => [n, d.id, d.reason]),
    [
      ['participantLeft', 'a', null],
      ['participantLeft', 'b', null]
    ]
  );
  assert.equal(model.participants.size, 0);
});

test('a throwing listener does not keep the others from hearing the event', () => {
  const model = new RoomModel();
  const heard = [];
  const error = console.error;
  console.error = () => {};
  try {
    model.on('lockChanged', () => {
      throw new Error('boom');
    });
    model.on('lockChanged', ({ locked }) => heard.push(locked));
    model.applyRoomUpdated({ locked: true });
  } finally {
    console.error = error;
  }
  assert.deepEqual(heard, [true]);
});
