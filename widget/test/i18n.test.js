import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator, supportedLocales } from '../src/app/i18n.js';

test('picks the catalogue by language and fills placeholders', () => {
  assert.equal(translator('fr-CA')('you', { name: 'Ada' }), 'Ada (vous)');
  assert.equal(translator('en-GB')('you', { name: 'Ada' }), 'Ada (you)');
});

test('falls back to English for an unknown locale', () => {
  assert.equal(translator('xx')('leave'), 'Leave meeting');
  assert.equal(translator(undefined)('leave'), 'Leave meeting');
});

test('every locale has every English key', async () => {
  const en = translator('en');
  for (const locale of supportedLocales) {
    const t = translator(locale);
    for (const key of ['connecting', 'inMeeting', 'leave', 'mute', 'joinFailed']) {
      assert.ok(t(key) && t(key) !== key, `${locale} lacks ${key}`);
      if (locale !== 'en') assert.notEqual(t(key), en(key), `${locale}.${key} is not translated`);
    }
  }
});
