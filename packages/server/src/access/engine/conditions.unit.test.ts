import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CheckRequest, check } from './check.ts';
import { ipInCidr, parseIp } from './condition-values.ts';
import { compileModel } from './model-compiler.ts';
import { InMemoryTupleReader, type TupleRecord } from './tuples.ts';

const model = compileModel(`model
  schema 1.1
type user
type document
  relations
    define viewer: [user with small, user with in_office, user with before, user with tagged, user with short_session, user with both]
condition small(x: int) {
  x < 100
}
condition in_office(ip: ipaddress) {
  ip.in_cidr("10.0.0.0/8")
}
condition before(now: timestamp) {
  now < timestamp("2030-01-01T00:00:00Z")
}
condition tagged(tags: list<string>, limits: map<uint>) {
  "public" in tags && limits["reads"] > 10u
}
condition short_session(age: duration) {
  age < duration("1h")
}
condition both(x: int, y: double) {
  x < 100 || y < 0.5
}
`);

async function viewer(condition: TupleRecord['condition'], context?: Record<string, unknown>) {
  const reader = new InMemoryTupleReader([
    { object: 'document:1', relation: 'viewer', user: 'user:anne', condition },
  ]);
  const request: CheckRequest = {
    object: 'document:1',
    relation: 'viewer',
    user: 'user:anne',
    ...(context ? { context } : {}),
  };
  return check(model, reader, request);
}

function errorKind(outcome: Awaited<ReturnType<typeof viewer>>) {
  return outcome.decision === 'error' ? outcome.kind : outcome.decision;
}

describe('conditions (CEL, OpenFGA parameter types)', () => {
  it('a conditional tuple allows only while its condition holds', async () => {
    assert.equal((await viewer({ name: 'small' }, { x: 10 })).decision, 'allow');
    assert.equal((await viewer({ name: 'small' }, { x: 100 })).decision, 'deny');
  });

  it('a missing parameter is its own failure, even when a short-circuit would not need it', async () => {
    assert.equal(errorKind(await viewer({ name: 'small' })), 'missing_condition_parameter');
    assert.equal(errorKind(await viewer({ name: 'both' }, { x: 1 })), 'missing_condition_parameter');
    assert.equal((await viewer({ name: 'both' }, { x: 1, y: 0.9 })).decision, 'allow');
  });

  it('the tuple’s stored context binds parameters and wins over the request’s', async () => {
    assert.equal((await viewer({ name: 'small', context: { x: 5 } })).decision, 'allow');
    assert.equal((await viewer({ name: 'small', context: { x: 500 } }, { x: 5 })).decision, 'deny');
  });

  it('tuples with and without stored context are each judged on their own in one request', async () => {
    const reader = new InMemoryTupleReader([
      {
        object: 'document:1',
        relation: 'viewer',
        user: 'user:anne',
        condition: { name: 'small', context: { x: 500 } },
      },
      { object: 'document:1', relation: 'viewer', user: 'user:anne', condition: { name: 'small' } },
      { object: 'document:2', relation: 'viewer', user: 'user:anne', condition: { name: 'small' } },
      {
        object: 'document:2',
        relation: 'viewer',
        user: 'user:anne',
        condition: { name: 'small', context: { x: 5 } },
      },
    ]);
    const ask = (object: string, x: number) =>
      check(model, reader, { object, relation: 'viewer', user: 'user:anne', context: { x } });
    assert.equal((await ask('document:1', 5)).decision, 'allow');
    assert.equal((await ask('document:1', 500)).decision, 'deny');
    assert.equal((await ask('document:2', 500)).decision, 'allow');
  });

  it('a value of the wrong type is an error, never an allow', async () => {
    for (const x of ['ten', 1.5, true, null, 2 ** 70]) {
      assert.equal(errorKind(await viewer({ name: 'small' }, { x })), 'condition_error', String(x));
    }
    assert.equal(
      errorKind(await viewer({ name: 'both' }, { x: 500, y: Number.POSITIVE_INFINITY })),
      'condition_error',
    );
  });

  it('ipaddress with in_cidr, IPv4 and IPv6', async () => {
    assert.equal((await viewer({ name: 'in_office' }, { ip: '10.1.2.3' })).decision, 'allow');
    assert.equal((await viewer({ name: 'in_office' }, { ip: '192.168.0.1' })).decision, 'deny');
    assert.equal(errorKind(await viewer({ name: 'in_office' }, { ip: '10.1.2' })), 'condition_error');
    assert.equal(ipInCidr('2001:db8::1', '2001:db8::/32'), true);
    assert.equal(ipInCidr('2001:db9::1', '2001:db8::/32'), false);
    assert.equal(parseIp('::1')?.value, 1n);
    assert.equal(parseIp('1:2:3:4:5:6:7:8:9'), undefined);
  });

  it('timestamp and duration parameters parse from their text forms', async () => {
    assert.equal((await viewer({ name: 'before' }, { now: '2026-11-25T10:00:00Z' })).decision, 'allow');
    assert.equal((await viewer({ name: 'before' }, { now: '2031-01-01T00:00:00Z' })).decision, 'deny');
    assert.equal(errorKind(await viewer({ name: 'before' }, { now: 'yesterday' })), 'condition_error');
    assert.equal((await viewer({ name: 'short_session' }, { age: '30m' })).decision, 'allow');
    assert.equal((await viewer({ name: 'short_session' }, { age: '2h' })).decision, 'deny');
  });

  it('list and map parameters convert their elements by the generic type', async () => {
    const context = { tags: ['public', 'draft'], limits: { reads: 11 } };
    assert.equal((await viewer({ name: 'tagged' }, context)).decision, 'allow');
    assert.equal((await viewer({ name: 'tagged' }, { ...context, limits: { reads: 3 } })).decision, 'deny');
    assert.equal(
      errorKind(await viewer({ name: 'tagged' }, { ...context, limits: { reads: -1 } })),
      'condition_error',
    );
  });

  it('a tuple naming a condition the model no longer has relates nothing', async () => {
    assert.equal((await viewer({ name: 'retired' }, { x: 1 })).decision, 'deny');
  });
});
