import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIdempotencyKey } from './idempotency-key.ts';

describe('parseIdempotencyKey', () => {
  it('accepts a bare token', () => {
    assert.equal(
      parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324'),
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    assert.equal(parseIdempotencyKey('  order:42/retry#1  '), 'order:42/retry#1');
  });

  it("accepts the draft's quoted sf-string form and unquotes it", () => {
    assert.equal(parseIdempotencyKey('"8e03978e-40d5"'), '8e03978e-40d5');
    assert.equal(parseIdempotencyKey('"with space, and comma"'), 'with space, and comma');
    assert.equal(parseIdempotencyKey('"esc \\" and \\\\"'), 'esc " and \\');
  });

  it('gives the same key for the bare and quoted forms', () => {
    assert.equal(parseIdempotencyKey('abc-123'), parseIdempotencyKey('"abc-123"'));
  });

  it('accepts 255 characters and refuses 256', () => {
    assert.equal(parseIdempotencyKey('k'.repeat(255)), 'k'.repeat(255));
    assert.equal(parseIdempotencyKey('k'.repeat(256)), undefined);
    assert.equal(parseIdempotencyKey(`"${'k'.repeat(255)}"`), 'k'.repeat(255));
    assert.equal(parseIdempotencyKey(`"${'k'.repeat(256)}"`), undefined);
  });

  it('refuses empty keys', () => {
    assert.equal(parseIdempotencyKey(''), undefined);
    assert.equal(parseIdempotencyKey('   '), undefined);
    assert.equal(parseIdempotencyKey('""'), undefined);
  });

  it('refuses non-ASCII and control characters', () => {
    assert.equal(parseIdempotencyKey('clé'), undefined);
    assert.equal(parseIdempotencyKey('"clé"'), undefined);
    assert.equal(parseIdempotencyKey('a\tb'), undefined);
    assert.equal(parseIdempotencyKey('"a\u0001b"'), undefined);
  });

  it('refuses a bare key that looks like a repeated header or has inner spaces', () => {
    assert.equal(parseIdempotencyKey('a, b'), undefined);
    assert.equal(parseIdempotencyKey('a b'), undefined);
  });

  it('refuses malformed quoted strings', () => {
    assert.equal(parseIdempotencyKey('"unterminated'), undefined);
    assert.equal(parseIdempotencyKey('"a", "b"'), undefined);
    assert.equal(parseIdempotencyKey('"a";param=1'), undefined);
    assert.equal(parseIdempotencyKey('"bad \\n escape"'), undefined);
    assert.equal(parseIdempotencyKey('"trailing backslash\\'), undefined);
    assert.equal(parseIdempotencyKey('a"b'), undefined);
  });
});
