import assert from 'node:assert/strict';
import { test } from 'node:test';
import { murmur3, murmur3Bytes } from './murmur3.ts';

test('murmur3_x86_32 matches the reference vectors', () => {
  assert.equal(murmur3(''), 0);
  assert.equal(murmur3('', 1), 0x514e28b7);
  assert.equal(murmur3('', 0xffffffff), 0x81f16f39);
  assert.equal(murmur3('a'), 0x3c2569b2);
  assert.equal(murmur3('abc'), 0xb3dd93fa);
  assert.equal(murmur3('abcd'), 0x43ed676a);
  assert.equal(murmur3('hello world'), 0x5e928f0f);
  assert.equal(murmur3('The quick brown fox jumps over the lazy dog'), 0x2e4ff723);
});

test('murmur3 hashes the UTF-8 bytes, so non-ASCII text buckets the same in every language', () => {
  assert.equal(murmur3('é'), murmur3Bytes(new Uint8Array([0xc3, 0xa9]), 2));
  assert.equal(murmur3('😀'), murmur3Bytes(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]), 4));
  // A long string grows the shared buffer and still hashes every byte.
  const long = 'x'.repeat(5000);
  assert.equal(murmur3(long), murmur3Bytes(new TextEncoder().encode(long), 5000));
  assert.notEqual(murmur3(long), murmur3(`${long}y`));
  // Non-ASCII found late (in a block, in the tail) still switches to the UTF-8 bytes.
  for (const text of ['abcdé', 'abcdefé', 'ab€', 'abcd€fgh']) {
    assert.equal(
      murmur3(text),
      murmur3Bytes(new TextEncoder().encode(text), new TextEncoder().encode(text).length),
    );
  }
});
