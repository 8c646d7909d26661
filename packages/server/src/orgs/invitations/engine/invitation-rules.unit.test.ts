import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeInvitationCursor,
  encodeInvitationCursor,
  maskEmail,
  statusOf,
  unusableCode,
} from './invitation-rules.ts';

describe('invitation rules', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  const later = new Date('2026-01-11T00:00:00Z');
  const earlier = new Date('2026-01-09T00:00:00Z');

  it('accepted and revoked are final, whatever the expiry; an open one expires', () => {
    assert.equal(statusOf({ expires_at: later, accepted_at: null, revoked_at: null }, now), 'pending');
    assert.equal(statusOf({ expires_at: earlier, accepted_at: null, revoked_at: null }, now), 'expired');
    assert.equal(statusOf({ expires_at: now, accepted_at: null, revoked_at: null }, now), 'expired');
    assert.equal(statusOf({ expires_at: earlier, accepted_at: earlier, revoked_at: null }, now), 'accepted');
    assert.equal(statusOf({ expires_at: earlier, accepted_at: null, revoked_at: earlier }, now), 'revoked');
  });

  it('each unusable status has its own problem code', () => {
    assert.equal(unusableCode('accepted'), 'invitation_used');
    assert.equal(unusableCode('revoked'), 'invitation_revoked');
    assert.equal(unusableCode('expired'), 'invitation_expired');
  });

  it('masks the local part of an address, keeps the domain', () => {
    assert.equal(maskEmail('annabel@example.com'), 'an***@example.com');
    assert.equal(maskEmail('ab@example.com'), 'a***@example.com');
    assert.equal(maskEmail('a@example.com'), 'a***@example.com');
    assert.equal(maskEmail('not-an-address'), '***');
  });

  it('cursors round-trip and anything else is refused', () => {
    const cursor = { createdAt: now, id: 'inv_01' };
    assert.deepEqual(decodeInvitationCursor(encodeInvitationCursor(cursor)), cursor);
    assert.equal(decodeInvitationCursor('not a cursor'), undefined);
    assert.equal(decodeInvitationCursor(Buffer.from('[1,2]').toString('base64url')), undefined);
    assert.equal(decodeInvitationCursor(Buffer.from('["x","y"]').toString('base64url')), undefined);
  });
});
