import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ExpandRequest, expand } from './expand.ts';
import { compileModel } from './model-compiler.ts';
import { InMemoryTupleReader, type TupleReader, type TupleRecord } from './tuples.ts';

const model = compileModel(`model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define viewer: [user]
type document
  relations
    define parent: [folder]
    define owner: [user]
    define approved: [user]
    define blocked: [user]
    define editor: owner and approved
    define viewer: ([user, user:*, group#member] or editor or viewer from parent) but not blocked
`);

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.indexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

function run(tuples: string[], request: ExpandRequest, reader?: TupleReader) {
  return expand(model, reader ?? new InMemoryTupleReader(tuples.map(tuple)), request);
}

describe('expand', () => {
  it('gives one level of the userset tree in OpenFGA JSON shape', async () => {
    const outcome = await run(
      [
        'document:1#viewer@user:bob',
        'document:1#viewer@user:*',
        'document:1#viewer@group:eng#member',
        'document:1#parent@folder:a',
        'document:1#parent@folder:b',
        'document:1#blocked@user:eve',
        'group:eng#member@user:anne',
      ],
      { object: 'document:1', relation: 'viewer' },
    );
    const name = 'document:1#viewer';
    assert.deepEqual(outcome, {
      ok: true,
      tree: {
        root: {
          name,
          difference: {
            base: {
              name,
              union: {
                nodes: [
                  { name, leaf: { users: { users: ['group:eng#member', 'user:*', 'user:bob'] } } },
                  { name, leaf: { computed: { userset: 'document:1#editor' } } },
                  {
                    name,
                    leaf: {
                      tupleToUserset: {
                        tupleset: 'document:1#parent',
                        computed: [{ userset: 'folder:a#viewer' }, { userset: 'folder:b#viewer' }],
                      },
                    },
                  },
                ],
              },
            },
            subtract: { name, leaf: { computed: { userset: 'document:1#blocked' } } },
          },
        },
      },
    });
  });

  it('expands an intersection and a relation with no tuples', async () => {
    const outcome = await run([], { object: 'document:2', relation: 'editor' });
    const name = 'document:2#editor';
    assert.deepEqual(outcome, {
      ok: true,
      tree: {
        root: {
          name,
          intersection: {
            nodes: [
              { name, leaf: { computed: { userset: 'document:2#owner' } } },
              { name, leaf: { computed: { userset: 'document:2#approved' } } },
            ],
          },
        },
      },
    });
  });

  it('includes contextual tuples and leaves out tuples the model no longer allows', async () => {
    const outcome = await run(['document:1#owner@group:eng#member', 'document:1#owner@user:ann'], {
      object: 'document:1',
      relation: 'owner',
      contextualTuples: [tuple('document:1#owner@user:cat')],
    });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.tree.root.leaf, { users: { users: ['user:ann', 'user:cat'] } });
  });

  it('refuses unknown names, malformed objects and contextual tuples that do not fit', async () => {
    for (const [object, relation] of [
      ['page:1', 'viewer'],
      ['document:1', 'nope'],
      ['document:*', 'viewer'],
      ['document', 'viewer'],
    ] as const) {
      const outcome = await run([], { object, relation });
      assert.equal(!outcome.ok && outcome.kind, 'invalid_request', `${object}#${relation}`);
    }
    const bad = await run([], {
      object: 'document:1',
      relation: 'viewer',
      contextualTuples: [tuple('document:1#owner@user:*')],
    });
    assert.equal(!bad.ok && bad.kind, 'invalid_contextual_tuple');
  });

  it('a failing tuple store is an error, not an empty tree', async () => {
    const broken: TupleReader = {
      readDirect: () => Promise.reject(new Error('connection lost')),
      readTupleset: () => Promise.reject(new Error('connection lost')),
    };
    const outcome = await run([], { object: 'document:1', relation: 'owner' }, broken);
    assert.equal(!outcome.ok && outcome.kind, 'storage_error');
  });
});
