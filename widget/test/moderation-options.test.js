import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseOptions } from '../src/app/host/host-options.js';
import { COMMANDS, EVENTS } from '../src/loader/bridge-protocol.js';

test('a passcode from the host page is a short string, or true to ask for it', () => {
  assert.equal(normaliseOptions({ passcode: '4711' }).passcode, '4711');
  assert.equal(normaliseOptions({ passcode: true }).passcode, true);
  assert.equal(normaliseOptions({}).passcode, false);
  assert.equal(normaliseOptions({ passcode: 4711 }).passcode, false);
  assert.equal(normaliseOptions({ passcode: 'x'.repeat(65) }).passcode, false);
});

test('every host control and report is a bridge command, and their events are listed', () => {
  for (const c of ['mute', 'muteAll', 'remove', 'lock', 'admit', 'deny', 'promote', 'end', 'report'])
    assert.ok(COMMANDS.includes(c), c);
  for (const e of ['waiting', 'participantWaiting', 'participantWaitingLeft', 'muted', 'roomUpdated', 'reported'])
    assert.ok(EVENTS.includes(e), e);
});
