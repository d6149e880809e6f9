import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBridgeMessage } from '../src/loader/bridge-protocol.js';

test('accepts only objects marked as Mosaic bridge messages', () => {
  assert.equal(isBridgeMessage({ mosaic: 1, kind: 'ready' }), true);
  assert.equal(isBridgeMessage({ mosaic: 2, kind: 'ready' }), false);
  assert.equal(isBridgeMessage({ kind: 'ready' }), false);
  assert.equal(isBridgeMessage('{"mosaic":1}'), false);
  assert.equal(isBridgeMessage(null), false);
});
