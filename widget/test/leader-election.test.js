import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LeaderElection } from '../src/e2ee/leader-election.js';

function clock() {
  const c = { t: 1000, now: () => c.t };
  return c;
}

test('the earliest shown member with a verified hello leads; nobody leads while its hello may still come', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'carol', earlier: ['alice', 'bob'], now: c.now, deadlineMs: 6000 }); // both were here first
  assert.equal(e.leader(), null, 'alice may still say hello');
  assert.deepEqual(e.holder(), { id: 'alice', reason: 'hello' });
  e.helloVerified('bob');
  assert.equal(e.leader(), null);
  e.helloVerified('alice');
  assert.equal(e.leader(), 'alice');
  e.present(['bob']); // alice left
  assert.equal(e.leader(), 'bob');
});

test('a member whose hello does not verify is skipped at once, one that says none after the deadline', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'carol', earlier: ['mallory', 'bob'], now: c.now, deadlineMs: 6000 });
  e.helloInvalid('mallory');
  e.helloVerified('bob');
  assert.equal(e.leader(), 'bob');
  assert.equal(e.skipReason('mallory'), 'invalid_hello');

  const f = new LeaderElection({ selfId: 'carol', earlier: ['silent'], now: c.now, deadlineMs: 6000 });
  assert.equal(f.leader(), null);
  c.t += 6000;
  assert.equal(f.leader(), 'carol');
  assert.equal(f.skipReason('silent'), 'no_hello');
  f.helloVerified('silent'); // too late: it stays skipped, so leadership does not flip back
  assert.equal(f.leader(), 'carol');
});

test('a leader that keeps a member waiting past the deadline is replaced by the next one, and the UI learns who', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'carol', earlier: ['lazy', 'bob'], now: c.now, deadlineMs: 6000 });
  e.helloVerified('lazy');
  e.helloVerified('bob');
  assert.equal(e.leader(), 'lazy');
  assert.deepEqual(e.holder(), { id: 'lazy', reason: 'key' });
  c.t += 5999;
  assert.equal(e.checkStalled(), null);
  c.t += 1;
  assert.equal(e.checkStalled(), 'lazy');
  assert.equal(e.leader(), 'bob');
  assert.equal(e.skipReason('lazy'), 'stalled');
  // bob's roster is accepted now, and lazy's are refused
  assert.equal(e.judge('bob'), 'accept');
  assert.equal(e.judge('lazy'), 'refuse');
});

test('a leader that lists everyone and whose key is active does not stall', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'carol', earlier: ['alice', 'bob'], now: c.now, deadlineMs: 6000 });
  e.helloVerified('alice');
  e.helloVerified('bob');
  e.rosterAccepted(['alice', 'bob', 'carol'], false);
  e.keyActive();
  c.t += 60_000;
  assert.equal(e.checkStalled(), null);
  assert.equal(e.holder(), null);
  assert.equal(e.leader(), 'alice');
});

test('rosters: refused from anyone the server does not show, held from a later member until the earlier one is skipped', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'carol', earlier: ['alice', 'bob'], now: c.now, deadlineMs: 6000 });
  e.helloVerified('alice');
  e.helloVerified('bob');
  e.helloVerified('ghost'); // a valid hello from someone the server never showed
  assert.equal(e.judge('ghost'), 'refuse');
  assert.equal(e.judge('alice'), 'accept');
  assert.equal(e.judge('bob'), 'hold');
  assert.equal(e.judge('carol'), 'refuse', 'never from oneself');
  c.t += 6000;
  assert.equal(e.checkStalled(), 'alice', 'carol waited for a key in vain');
  assert.equal(e.judge('bob'), 'accept');
});

test('a leader that learns a later member leads in its place steps aside instead of splitting the room', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'alice', now: c.now, deadlineMs: 6000 });
  e.present(['bob']);
  e.helloVerified('bob');
  assert.equal(e.leader(), 'alice');
  assert.equal(e.judge('bob'), 'accept');
  assert.equal(e.leader(), 'alice', 'judging alone changes nothing: the roster may still fail its checks');
  e.rosterFrom('bob');
  assert.equal(e.skipReason('alice'), 'stepped_aside');
  assert.equal(e.leader(), 'bob');
});

test('join order survives a resume: known members keep their place, newcomers go last', () => {
  const c = clock();
  const e = new LeaderElection({ selfId: 'bob', earlier: ['alice'], now: c.now });
  e.present(['alice', 'carol']);
  e.present(['carol', 'alice', 'dave']); // a resume lists the others in another order
  assert.deepEqual(e.order, ['alice', 'bob', 'carol', 'dave']);
});
