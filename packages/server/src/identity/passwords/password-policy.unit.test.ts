import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors/app-error.ts';
import {
  assertAcceptablePassword,
  MAX_PASSWORD_BYTES,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblems,
} from './password-policy.ts';

const codes = (password: string, context = {}) => passwordProblems(password, context).map((p) => p.code);
const GOOD = 'lantern orbit velvet';

describe('password policy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    assert.deepEqual(passwordProblems(GOOD, { email: 'ann.lee@example.com', name: 'Ann Lee' }), []);
    assert.deepEqual(codes('all lower case words'), []);
  });

  it('refuses fewer than the minimum characters, counted as code points', () => {
    assert.equal(MIN_PASSWORD_LENGTH, 10);
    assert.deepEqual(codes('k7#qZ!m2v'), ['too_short']);
    assert.deepEqual(codes('k7#qZ!m2vX'), []);
    assert.deepEqual(codes(''), ['too_short']);
    // Nine emoji are 18 UTF-16 units but nine characters: still too short.
    assert.deepEqual(codes('🔑'.repeat(9)), ['too_short']);
    assert.deepEqual(codes('🔑'.repeat(10)), []);
  });

  it('refuses more than the maximum characters', () => {
    const atMax = 'x7Q'.repeat(MAX_PASSWORD_LENGTH / 2).slice(0, MAX_PASSWORD_LENGTH);
    assert.deepEqual(codes(atMax), []);
    assert.deepEqual(codes(`${atMax}y`), ['too_long']);
  });

  it('bounds the UTF-8 bytes through the character limit', () => {
    // 4-byte characters: 256 of them are exactly the byte limit, one more is refused.
    const atMax = '🔑'.repeat(MAX_PASSWORD_LENGTH);
    assert.equal(Buffer.byteLength(atMax), MAX_PASSWORD_BYTES);
    assert.deepEqual(codes(atMax), []);
    assert.deepEqual(codes(`${atMax}🔑`), ['too_long']);
    assert.equal(MAX_PASSWORD_BYTES, 1024);
  });

  it('refuses common passwords whatever their case', () => {
    assert.deepEqual(codes('password123'), ['common']);
    assert.deepEqual(codes('PassWord123'), ['common']);
    assert.deepEqual(codes('QWERTYUIOP'), ['common']);
    assert.deepEqual(codes('1234567890'), ['common']);
  });

  it('refuses a password equal to or containing the email local part', () => {
    const email = 'Ann.Lee@example.com';
    assert.deepEqual(codes('ann.lee@example.com', { email }), ['contains_email']);
    assert.deepEqual(codes('my ANN.LEE pass', { email }), ['contains_email']);
    assert.deepEqual(codes('ann.leeann.lee', { email }), ['contains_email']);
    // With plus addressing, the address without the tag counts too.
    assert.deepEqual(codes('hello ann.lee 2024', { email: 'ann.lee+keystone@example.com' }), [
      'contains_email',
    ]);
  });

  it('ignores email local parts too short to be telling', () => {
    assert.deepEqual(codes('a wide annual field', { email: 'ann@example.com' }), []);
  });

  it('refuses a password containing the name', () => {
    assert.deepEqual(codes('I am Ann Lee!!', { name: 'Ann Lee' }), ['contains_name']);
    assert.deepEqual(codes('annlee forever', { name: 'Ann Lee' }), ['contains_name']);
    assert.deepEqual(codes('ann likes tea', { name: 'Ann' }), []);
  });

  it('lists every problem at once', () => {
    assert.deepEqual(codes('annabel', { email: 'annabel@example.com', name: 'Annabel' }), [
      'too_short',
      'contains_email',
      'contains_name',
    ]);
  });

  it('judges the NFKC form, which is what gets hashed', () => {
    // Full-width letters normalize to ASCII: this is "password123".
    assert.deepEqual(codes('ｐａｓｓｗｏｒｄ１２３'), ['common']);
  });

  it('throws password_rejected (422) with one field error per problem', () => {
    assert.doesNotThrow(() => assertAcceptablePassword(GOOD, { email: 'ann@example.com' }));
    assert.throws(
      () => assertAcceptablePassword('password', { email: 'password@example.com' }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'password_rejected');
        assert.equal(error.status, 422);
        assert.deepEqual(
          error.fields,
          passwordProblems('password', { email: 'password@example.com' }).map((p) => ({
            field: 'password',
            location: 'body',
            message: p.message,
          })),
        );
        assert.equal(error.fields?.length, 3);
        assert.match(error.detail ?? '', /at least 10 characters.*too common.*email/);
        return true;
      },
    );
  });
});
