import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ListUsersOptions, type ListUsersRequest, listUsers, userText } from './list-users.ts';
import { compileModel } from './model-compiler.ts';
import { InMemoryTupleReader, type TupleReader, type TupleRecord } from './tuples.ts';

const model = compileModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, user:*, group#member]
type folder
  relations
    define parent: [folder]
    define viewer: [user, group#member] or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define approved: [user, user:*]
    define blocked: [user, user:*]
    define editor: owner and approved
    define viewer: [user, user:*, group#member, user with recent] or editor or viewer from parent
    define visible: viewer but not blocked
    define loop_a: [user] or loop_b
    define loop_b: loop_a

condition recent(age: int) {
  age < 10
}
`);

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.indexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function filter(text: string) {
  const hash = text.indexOf('#');
  return hash === -1 ? { type: text } : { type: text.slice(0, hash), relation: text.slice(hash + 1) };
}

async function users(
  tuples: Array<string | TupleRecord>,
  target: string,
  filters: string[],
  extra: Partial<ListUsersRequest> = {},
  options: ListUsersOptions = {},
): Promise<string[]> {
  const outcome = await run(tuples, target, filters, extra, options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.users.map(userText).sort();
}

function run(
  tuples: Array<string | TupleRecord>,
  target: string,
  filters: string[],
  extra: Partial<ListUsersRequest> = {},
  options: ListUsersOptions = {},
  reader?: TupleReader,
) {
  const [object = '', relation = ''] = target.split('#');
  const source = reader ?? new InMemoryTupleReader(tuples.map((t) => (typeof t === 'string' ? tuple(t) : t)));
  return listUsers(model, source, { object, relation, userFilters: filters.map(filter), ...extra }, options);
}

describe('list-users', () => {
  const shared = [
    'document:1#viewer@user:anne',
    'document:1#viewer@group:eng#member',
    'group:eng#member@group:core#member',
    'group:core#member@user:bob',
    'document:1#parent@folder:a',
    'folder:a#parent@folder:root',
    'folder:root#viewer@user:cat',
    'document:1#owner@user:dan',
  ];

  it('finds users directly, through nested groups and up the folder tree', async () => {
    assert.deepEqual(await users(shared, 'document:1#viewer', ['user']), [
      'user:anne',
      'user:bob',
      'user:cat',
    ]);
  });

  it('answers usersets for a type#relation filter, including the target itself', async () => {
    assert.deepEqual(await users(shared, 'document:1#viewer', ['group#member']), [
      'group:core#member',
      'group:eng#member',
    ]);
    assert.deepEqual(await users(shared, 'group:eng#member', ['group#member']), [
      'group:core#member',
      'group:eng#member',
    ]);
    assert.deepEqual(await users(shared, 'document:1#parent', ['folder']), ['folder:a']);
  });

  it('answers a typed wildcard as the wildcard', async () => {
    const found = await listUsers(model, new InMemoryTupleReader([tuple('document:1#viewer@user:*')]), {
      object: 'document:1',
      relation: 'viewer',
      userFilters: [{ type: 'user' }],
    });
    assert.deepEqual(found.ok && found.users, [{ wildcard: { type: 'user' } }]);
  });

  it('combines intersections and exclusions as OpenFGA does, wildcards included', async () => {
    const tuples = [
      'document:1#owner@user:anne',
      'document:1#owner@user:bob',
      'document:1#approved@user:anne',
      'document:1#viewer@user:anne',
      'document:1#viewer@user:eve',
      'document:1#blocked@user:eve',
    ];
    assert.deepEqual(await users(tuples, 'document:1#editor', ['user']), ['user:anne']);
    // bob owns without approval (not an editor); eve views but is blocked.
    assert.deepEqual(await users(tuples, 'document:1#visible', ['user']), ['user:anne']);
    // Everyone approved: every owner edits.
    const open = ['document:2#owner@user:anne', 'document:2#owner@user:bob', 'document:2#approved@user:*'];
    assert.deepEqual(await users(open, 'document:2#editor', ['user']), ['user:anne', 'user:bob']);
    // Everyone blocked: nobody sees.
    const shut = ['document:3#viewer@user:anne', 'document:3#blocked@user:*'];
    assert.deepEqual(await users(shut, 'document:3#visible', ['user']), []);
  });

  it('evaluates conditions with the request context, and fails when a parameter is missing', async () => {
    const tuples = [{ ...tuple('document:1#viewer@user:anne'), condition: { name: 'recent' } }];
    assert.deepEqual(await users(tuples, 'document:1#viewer', ['user'], { context: { age: 1 } }), [
      'user:anne',
    ]);
    assert.deepEqual(await users(tuples, 'document:1#viewer', ['user'], { context: { age: 50 } }), []);
    const missing = await run(tuples, 'document:1#viewer', ['user']);
    assert.equal(!missing.ok && missing.kind, 'missing_condition_parameter');
  });

  it('includes contextual tuples and ends cycles', async () => {
    const found = await users([], 'document:1#viewer', ['user'], {
      contextualTuples: [tuple('document:1#viewer@user:ctx')],
    });
    assert.deepEqual(found, ['user:ctx']);
    assert.deepEqual(await users(['document:1#loop_a@user:anne'], 'document:1#loop_b', ['user']), [
      'user:anne',
    ]);
    const cyclic = [
      'group:a#member@group:b#member',
      'group:b#member@group:a#member',
      'group:b#member@user:x',
    ];
    assert.deepEqual(await users(cyclic, 'group:a#member', ['user']), ['user:x']);
  });

  it('reads each object#relation once per request, however many paths lead to it', async () => {
    const stored = new InMemoryTupleReader(
      [
        'document:1#viewer@group:eng#member',
        'document:1#parent@folder:a',
        'folder:a#viewer@group:eng#member',
        'group:eng#member@user:x',
      ].map(tuple),
    );
    const reads: string[] = [];
    const counting: TupleReader = {
      readDirect: (query) => stored.readDirect(query),
      readTupleset(object, relation) {
        reads.push(`${object}#${relation}`);
        return stored.readTupleset(object, relation);
      },
    };
    const outcome = await run([], 'document:1#viewer', ['user'], {}, {}, counting);
    assert.deepEqual(outcome.ok && outcome.users.map(userText), ['user:x']);
    assert.equal(reads.filter((read) => read === 'group:eng#member').length, 1);
  });

  it('refuses with OpenFGA codes: contextual tuple, filter, target', async () => {
    const cases: Array<[string, string[], Partial<ListUsersRequest>, string]> = [
      [
        'document:1#viewer',
        ['user'],
        { contextualTuples: [tuple('document:1#owner@user:*')] },
        'invalid_contextual_tuple',
      ],
      ['document:1#viewer', ['robot'], {}, 'type_not_found'],
      ['document:1#viewer', ['group#nope'], {}, 'relation_not_found'],
      ['page:1#viewer', ['user'], {}, 'type_not_found'],
      ['document:1#nope', ['user'], {}, 'relation_not_found'],
      ['document#viewer', ['user'], {}, 'invalid_request'],
      ['document:1#viewer', [], {}, 'invalid_request'],
    ];
    for (const [target, filters, extra, kind] of cases) {
      const outcome = await run([], target, filters, extra);
      assert.equal(!outcome.ok && outcome.kind, kind, `${target} ${filters}`);
    }
  });

  it('the depth limit, a deadline, a result limit or a storage failure is an error, never a shorter list', async () => {
    const chain = Array.from({ length: 30 }, (_, i) => `group:g${i}#member@group:g${i + 1}#member`);
    const deep = await run([...chain, 'group:g30#member@user:z'], 'group:g0#member', ['user']);
    assert.equal(!deep.ok && deep.kind, 'depth_exceeded');
    const expired = await run(shared, 'document:1#viewer', ['user'], {}, { signal: AbortSignal.abort() });
    assert.equal(!expired.ok && expired.kind, 'deadline_exceeded');
    const capped = await run(shared, 'document:1#viewer', ['user'], {}, { maxResults: 2 });
    assert.equal(!capped.ok && capped.kind, 'result_limit_exceeded');
    const atCap = await run(shared, 'document:1#viewer', ['user'], {}, { maxResults: 3 });
    assert.equal(atCap.ok && atCap.users.length, 3);
    const broken: TupleReader = {
      readDirect: () => Promise.reject(new Error('connection lost')),
      readTupleset: () => Promise.reject(new Error('connection lost')),
    };
    const failed = await run([], 'document:1#viewer', ['user'], {}, {}, broken);
    assert.equal(!failed.ok && failed.kind, 'storage_error');
  });
});
