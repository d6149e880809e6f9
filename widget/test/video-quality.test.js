import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestedVideo, senderEncoding } from '../src/app/media/video-quality.js';

test('tile height maps to 180, 360 or 720 lines', () => {
  assert.deepEqual(requestedVideo(600, 2), { maxHeight: 720, maxFps: 30 });
  assert.deepEqual(requestedVideo(300, 2), { maxHeight: 360, maxFps: 30 });
  assert.deepEqual(requestedVideo(120, 2), { maxHeight: 180, maxFps: 15 });
});

test('more than two visible tiles cap grid tiles at 360, but not the stage', () => {
  assert.equal(requestedVideo(700, 3).maxHeight, 360);
  assert.equal(requestedVideo(700, 3, true).maxHeight, 720);
});

test('the sender scales its capture down to the requested height', () => {
  assert.deepEqual(senderEncoding({ captureHeight: 480, maxHeight: 180, maxFps: 15, active: true }), {
    active: true,
    scaleResolutionDownBy: 480 / 180,
    maxBitrate: 160_000,
    maxFramerate: 15
  });
  const big = senderEncoding({ captureHeight: 480, maxHeight: 720, maxFps: 30, active: true });
  assert.equal(big.scaleResolutionDownBy, 1, 'never scales up');
  assert.equal(big.maxBitrate, 450_000, 'a 480-line capture needs no 720p bitrate');
  assert.equal(senderEncoding({ captureHeight: 1080, maxHeight: 720, maxFps: 30, active: true }).maxBitrate, 1_700_000);
});

test('off-page tiles switch the sender off', () => {
  assert.equal(senderEncoding({ captureHeight: 480, maxHeight: 180, maxFps: 15, active: false }).active, false);
});
