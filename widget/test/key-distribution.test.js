import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyDistribution } from '../src/e2ee/key-distribution.js';
import { LEAVE_DELAY_MS, RotationSchedule } from '../src/e2ee/rotation-schedule.js';

const none = { activate: false, resend: [], gone: [] };

test('the leader activates once every member acked', () => {
  const clock = { t: 0 };
  const d = new KeyDistribution(4, ['bob', 'carol'], { now: () => clock.t });
  d.acknowledge('bob', 4);
  assert.deepEqual(d.poll(), none);
  d.acknowledge('carol', 3);
  assert.deepEqual(d.poll(), none, 'an ack for another epoch does not count');
  d.acknowledge('carol', 4);
  assert.deepEqual(d.poll(), { activate: true, resend: [], gone: [] });
  assert.deepEqual(d.poll(), none);
});

test('after 2 s the leader activates anyway, re-sends once, then gives the member up', () => {
  const clock = { t: 0 };
  const d = new KeyDistribution(4, ['bob', 'carol'], { now: () => clock.t });
  d.acknowledge('bob', 4);
  clock.t = 1999;
  assert.deepEqual(d.poll(), none);
  clock.t = 2000;
  assert.deepEqual(d.poll(), { activate: true, resend: ['carol'], gone: [] });
  clock.t = 3999;
  assert.deepEqual(d.poll(), none);
  clock.t = 4000;
  assert.deepEqual(d.poll(), { activate: false, resend: [], gone: ['carol'] });
});

test('rotation is due on a join batch, a leave, a leader change and every 5 minutes', () => {
  const clock = { t: 0 };
  const s = new RotationSchedule({ now: () => clock.t });
  assert.equal(s.isDue(), false);
  s.epochStarted();
  clock.t += 5 * 60 * 1000 - 1;
  assert.equal(s.isDue(), false);
  clock.t += 1;
  assert.equal(s.isDue(), true);

  s.epochStarted();
  s.memberJoined();
  clock.t += 600;
  s.memberJoined();
  clock.t += 399;
  assert.equal(s.isDue(), false, 'joins within one second share a rotation');
  clock.t += 1;
  assert.equal(s.isDue(), true);

  s.epochStarted();
  s.memberJoined();
  s.memberLeft();
  clock.t += LEAVE_DELAY_MS;
  assert.equal(s.isDue(), true);

  s.epochStarted();
  s.leaderChanged();
  assert.equal(s.isDue(), true);
});
