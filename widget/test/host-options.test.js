import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseOptions, tokenName, tokenRole, TOOLBAR_BUTTONS } from '../src/app/host/host-options.js';

test('defaults: gallery, every button, 25 tiles, pre-join screen', () => {
  const o = normaliseOptions({ token: 't' });
  assert.equal(o.layout, 'gallery');
  assert.deepEqual(o.toolbar, TOOLBAR_BUTTONS);
  assert.equal(o.maxTiles, 25);
  assert.equal(o.prejoin, true);
  assert.equal(o.startAudioOff, false);
});

test('theme colours are accepted only when they are plain colours', () => {
  const o = normaliseOptions({
    theme: { accent: '#ff8800', background: 'rgb(1, 2, 3)', tile: 'red; background: url(x)', text: 'navy' }
  });
  assert.deepEqual(o.theme, { accent: '#ff8800', background: 'rgb(1, 2, 3)', text: 'navy' });
});

test('toolbar keeps known buttons in the host order, once each', () => {
  assert.deepEqual(normaliseOptions({ toolbar: ['leave', 'bogus', 'microphone', 'leave'] }).toolbar, [
    'leave',
    'microphone'
  ]);
});

test('odd values fall back to safe ones', () => {
  const o = normaliseOptions({ layout: 'mosaic', maxTiles: 500, locale: 'fr"><script>', startAudioOff: 'yes' });
  assert.equal(o.layout, 'gallery');
  assert.equal(o.maxTiles, 49);
  assert.equal(o.locale, null);
  assert.equal(o.startAudioOff, false);
  assert.equal(normaliseOptions(null).token, '');
});

test('reads the name a join token carries', () => {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  assert.equal(tokenName(`${part({ alg: 'HS256' })}.${part({ name: 'Zoé' })}.sig`), 'Zoé');
  assert.equal(tokenName('garbage'), '');
});

test('reads the role a join token carries, participant when it names none or another', () => {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const token = (claims) => `${part({ alg: 'HS256' })}.${part(claims)}.sig`;
  assert.equal(tokenRole(token({ role: 'viewer' })), 'viewer');
  assert.equal(tokenRole(token({ role: 'host' })), 'host');
  assert.equal(tokenRole(token({ role: 'admin' })), 'participant');
  assert.equal(tokenRole(token({})), 'participant');
  assert.equal(tokenRole('garbage'), 'participant');
});

test('camera resolution: 720p when asked, 480p otherwise', () => {
  assert.equal(normaliseOptions({}).cameraResolution, '480p');
  assert.equal(normaliseOptions({ cameraResolution: '720p' }).cameraResolution, '720p');
  assert.equal(normaliseOptions({ cameraResolution: '4k' }).cameraResolution, '480p');
});
