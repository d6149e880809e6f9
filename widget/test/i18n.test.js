import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { translator, supportedLocales, catalogueKeys } from '../src/app/ui/i18n.js';

test('picks the catalogue by language and fills placeholders', () => {
  assert.equal(translator('fr-CA')('you', { name: 'Ada' }), 'Ada (vous)');
  assert.equal(translator('en-GB')('you', { name: 'Ada' }), 'Ada (you)');
  assert.equal(translator('fr')('pageOf', { page: 2, pages: 3 }), 'Page 2 sur 3');
});

test('falls back to English for an unknown locale', () => {
  assert.equal(translator('xx')('leave'), 'Leave meeting');
  assert.equal(translator(undefined)('leave'), 'Leave meeting');
});

test('every locale has exactly the English keys', () => {
  const english = catalogueKeys('en').sort();
  assert.ok(supportedLocales.includes('fr'));
  for (const locale of supportedLocales) assert.deepEqual(catalogueKeys(locale).sort(), english, locale);
});

test("every t('key') in the app exists in the catalogue", () => {
  const dir = new URL('../src/app/', import.meta.url);
  const keys = new Set(catalogueKeys('en'));
  // Recursive: the app is laid out by layer (session/, room/, media/, ui/, ...).
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const [, key] of source.matchAll(/\bt\('([A-Za-z]+)'/g))
      assert.ok(keys.has(key), `${file} uses missing key '${key}'`);
  }
});
