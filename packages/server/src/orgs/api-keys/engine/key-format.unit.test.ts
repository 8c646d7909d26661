import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { displayPrefix, formatApiKey, parseApiKey } from './key-format.ts';
import { grantsScope } from './scopes.ts';

describe('API key format', () => {
  it('makes every kind and environment with its prefix, 43 random and 6 checksum characters', () => {
    for (const [kind, environment, prefix] of [
      ['secret', 'live', 'sk_live_'],
      ['secret', 'test', 'sk_test_'],
      ['publishable', 'live', 'pk_live_'],
      ['publishable', 'test', 'pk_test_'],
    ] as const) {
      const key = formatApiKey(kind, environment, randomBytes(32));
      assert.ok(key.startsWith(prefix), key);
      assert.match(key.slice(prefix.length), /^[0-9A-Za-z]{49}$/);
      const parsed = parseApiKey(key);
      assert.deepEqual(parsed, {
        kind,
        environment,
        lookup: key.slice(0, prefix.length + 12),
        checksumValid: true,
      });
    }
  });

  it('gives the same key for the same bytes and fixed width even for small numbers', () => {
    const zeros = formatApiKey('secret', 'live', new Uint8Array(32));
    assert.equal(zeros.length, 'sk_live_'.length + 49);
    assert.equal(zeros, formatApiKey('secret', 'live', new Uint8Array(32)));
    assert.equal(parseApiKey(zeros)?.checksumValid, true);
  });

  it('finds any one-character typo by its checksum', () => {
    const key = formatApiKey('secret', 'live', randomBytes(32));
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let typos = 0;
    for (let i = 'sk_live_'.length; i < key.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(key[i] as string) + 1 + (i % 61)) % 62] as string;
      const typo = `${key.slice(0, i)}${replacement}${key.slice(i + 1)}`;
      assert.notEqual(typo, key);
      assert.equal(parseApiKey(typo)?.checksumValid, false, typo);
      typos++;
    }
    assert.equal(typos, 49);
  });

  it('refuses strings not shaped like a key', () => {
    const key = formatApiKey('secret', 'test', randomBytes(32));
    for (const bad of [
      '',
      key.slice(0, -1),
      `${key}x`,
      key.replace('sk_', 'xk_'),
      key.replace('_test_', '_prod_'),
      `${key.slice(0, 20)}-${key.slice(21)}`,
      'ks_operator_abc',
      'eyJhbGciOi.eyJzdWIi.c2ln',
    ]) {
      assert.equal(parseApiKey(bad), undefined, bad);
    }
  });

  it('shows 12 characters and an ellipsis', () => {
    const key = formatApiKey('publishable', 'live', randomBytes(32));
    assert.equal(displayPrefix(key), `${key.slice(0, 12)}…`);
  });
});

describe('API key scopes', () => {
  it('admin stands for every scope; others only for themselves', () => {
    assert.equal(grantsScope(['admin'], 'events:write'), true);
    assert.equal(grantsScope(['orgs:read'], 'orgs:read'), true);
    assert.equal(grantsScope(['orgs:read'], 'orgs:write'), false);
    assert.equal(grantsScope([], 'orgs:read'), false);
  });
});
