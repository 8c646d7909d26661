import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACTION_FILTER,
  actionFamilyPattern,
  decodeAuditCursor,
  encodeAuditCursor,
  isActionFamily,
} from './audit-query.ts';

describe('audit queries', () => {
  it('round-trips cursors and refuses anything this server did not make', () => {
    for (const cursor of [
      { order: 'desc', seq: 42 },
      { order: 'asc', seq: 0 },
    ] as const)
      assert.deepEqual(decodeAuditCursor(encodeAuditCursor(cursor)), cursor);
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of [
      '',
      'not-a-cursor',
      forged(['sideways', 1]),
      forged(['desc', -1]),
      forged(['desc', 1.5]),
      forged(['desc', '1']),
      forged(['desc', 2 ** 60]),
      forged({ order: 'desc', seq: 1 }),
      forged(['desc', 1, 2]),
    ])
      assert.equal(decodeAuditCursor(text), undefined, text);
  });

  it('tells an exact action from a family, whose LIKE pattern matches `_` literally', () => {
    for (const action of ['member.removed', 'member.', 'api_key.', 'a.b.c', 'a.b.'])
      assert.ok(ACTION_FILTER.test(action), action);
    for (const action of ['member', 'Member.removed', 'member..removed', '.member', 'member.%', ''])
      assert.ok(!ACTION_FILTER.test(action), action);
    assert.equal(isActionFamily('member.'), true);
    assert.equal(isActionFamily('member.removed'), false);
    assert.equal(actionFamilyPattern('api_key.'), 'api\\_key.%');
  });
});
