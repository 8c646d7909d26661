import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ListObjectsOptions, type ListObjectsRequest, listObjects } from './list-objects.ts';
import { compileModel } from './model-compiler.ts';
import { InMemoryTupleReader, type ReverseTupleReader, type TupleRecord } from './tuples.ts';

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
    define approved: [user]
    define blocked: [user]
    define editor: owner and approved
    define viewer: [user, user:*, group#member, user with recent] or editor or viewer from parent
    define visible: viewer but not blocked

condition recent(age: int) {
  age < 10
}
`);

function tuple(text: string): TupleRecord {
  const hash = text.indexOf('#');
  const at = text.indexOf('@');
  return { object: text.slice(0, hash), relation: text.slice(hash + 1, at), user: text.slice(at + 1) };
}

/** A reader that counts each kind of read: the walk must batch, and confirm only what needs it. */
function countingReader(tuples: string[]) {
  const stored = new InMemoryTupleReader(tuples.map(tuple));
  const counts = { byUsers: 0, byObjects: 0, direct: 0, tupleset: 0 };
  const reader: ReverseTupleReader = {
    readByUsers(query) {
      counts.byUsers++;
      return stored.readByUsers(query);
    },
    readByObjects(objects) {
      counts.byObjects++;
      return stored.readByObjects(objects);
    },
    readDirect(query) {
      counts.direct++;
      return stored.readDirect(query);
    },
    readTupleset(object, relation) {
      counts.tupleset++;
      return stored.readTupleset(object, relation);
    },
  };
  return { reader, counts };
}

async function objects(
  tuples: string[],
  request: Partial<ListObjectsRequest> & { user: string },
  options: ListObjectsOptions = {},
): Promise<string[]> {
  const outcome = await listObjects(
    model,
    new InMemoryTupleReader(tuples.map(tuple)),
    { type: 'document', relation: 'viewer', ...request },
    options,
  );
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.objects;
}

describe('list-objects', () => {
  it('finds direct, wildcard, nested group and folder-hierarchy grants', async () => {
    const tuples = [
      'document:direct#viewer@user:anne',
      'document:public#viewer@user:*',
      'group:core#member@user:anne',
      'group:eng#member@group:core#member',
      'document:group#viewer@group:eng#member',
      'folder:root#viewer@group:eng#member',
      'folder:sub#parent@folder:root',
      'document:deep#parent@folder:sub',
      'document:other#viewer@user:bob',
      // Written under an older model: owner takes only [user] now, so this relates nobody.
      'document:stale#owner@group:eng#member',
    ];
    assert.deepEqual(await objects(tuples, { user: 'user:anne' }), [
      'document:deep',
      'document:direct',
      'document:group',
      'document:public',
    ]);
    assert.deepEqual(await objects(tuples, { user: 'user:bob' }), ['document:other', 'document:public']);
    assert.deepEqual(await objects(tuples, { user: 'user:*' }), ['document:public']);
    assert.deepEqual(await objects(tuples, { user: 'user:anne', type: 'folder' }), [
      'folder:root',
      'folder:sub',
    ]);
  });

  it('a userset is in itself and in what contains it, as a check says', async () => {
    const tuples = [
      'group:eng#member@group:core#member',
      'document:1#viewer@group:eng#member',
      'document:2#parent@folder:x',
    ];
    assert.deepEqual(await objects(tuples, { user: 'group:core#member' }), ['document:1']);
    // Confirmed by a check (an exclusion): the check must agree that folder:x#viewer is in itself.
    assert.deepEqual(await objects(tuples, { user: 'folder:x#viewer', relation: 'visible' }), ['document:2']);
    assert.deepEqual(await objects(tuples, { user: 'folder:x#viewer' }), ['document:2']);
    assert.deepEqual(
      await objects(tuples, { user: 'group:core#member', type: 'group', relation: 'member' }),
      ['group:core', 'group:eng'],
    );
  });

  it('confirms intersections, exclusions and conditions with a check', async () => {
    const tuples = [
      'document:both#owner@user:anne',
      'document:both#approved@user:anne',
      'document:owned#owner@user:anne',
      'document:open#viewer@user:anne',
      'document:shut#viewer@user:anne',
      'document:shut#blocked@user:anne',
    ];
    assert.deepEqual(await objects(tuples, { user: 'user:anne', relation: 'editor' }), ['document:both']);
    // Owning without approval is not editing, so not viewing; a blocked viewer does not see.
    assert.deepEqual(await objects(tuples, { user: 'user:anne', relation: 'visible' }), [
      'document:both',
      'document:open',
    ]);
    const conditional = [{ ...tuple('document:new#viewer@user:anne'), condition: { name: 'recent' } }];
    const reader = new InMemoryTupleReader(conditional);
    const request = { type: 'document', relation: 'viewer', user: 'user:anne' };
    const fresh = await listObjects(model, reader, { ...request, context: { age: 1 } });
    assert.deepEqual(fresh.ok && fresh.objects, ['document:new']);
    const stale = await listObjects(model, reader, { ...request, context: { age: 50 } });
    assert.deepEqual(stale.ok && stale.objects, []);
    const missing = await listObjects(model, reader, request);
    assert.equal(!missing.ok && missing.kind, 'missing_condition_parameter');
  });

  it('includes contextual tuples', async () => {
    const found = await objects(['folder:f#viewer@user:anne'], {
      user: 'user:anne',
      contextualTuples: [tuple('document:ctx#parent@folder:f')],
    });
    assert.deepEqual(found, ['document:ctx']);
  });

  it('reads a wave at a time: 1,000 documents in a folder tree cost a few reads, and no checks', async () => {
    const tuples = ['group:eng#member@user:anne', 'folder:root#viewer@group:eng#member'];
    for (let folder = 0; folder < 10; folder++) {
      tuples.push(`folder:f${folder}#parent@folder:root`);
      for (let document = 0; document < 100; document++) {
        tuples.push(`document:d${folder}-${document}#parent@folder:f${folder}`);
      }
    }
    const { reader, counts } = countingReader(tuples);
    const outcome = await listObjects(model, reader, {
      type: 'document',
      relation: 'viewer',
      user: 'user:anne',
    });
    assert.equal(outcome.ok && outcome.objects.length, 1000);
    // user → group → root folder → child folders → documents (and their parents' relations): one
    // batch each, never one read per object.
    assert.ok(counts.byUsers <= 8, `${counts.byUsers} batched reads`);
    assert.deepEqual([counts.direct, counts.tupleset], [0, 0]);
  });

  it('confirms 1,000 candidates with their tuples read in one batch, not a read per candidate', async () => {
    const tuples = ['group:eng#member@user:anne', 'folder:root#viewer@group:eng#member'];
    for (let document = 0; document < 1000; document++)
      tuples.push(`document:d${document}#parent@folder:root`);
    tuples.push('document:d7#blocked@user:anne');
    const { reader, counts } = countingReader(tuples);
    const outcome = await listObjects(model, reader, {
      type: 'document',
      relation: 'visible',
      user: 'user:anne',
    });
    assert.equal(outcome.ok && outcome.objects.length, 999);
    assert.ok(outcome.ok && !outcome.objects.includes('document:d7'));
    // The walk proved every document's viewer: the checks only look at each one's blocked tuples.
    assert.equal(counts.byObjects, 1);
    assert.deepEqual([counts.direct, counts.tupleset], [0, 0]);
  });

  it('reads only what can lead to the target, and fails past the depth limit as a check would', async () => {
    const { reader, counts } = countingReader(['group:eng#member@user:anne', 'document:1#owner@user:anne']);
    const owned = await listObjects(model, reader, {
      type: 'document',
      relation: 'owner',
      user: 'user:anne',
    });
    assert.deepEqual(owned.ok && owned.objects, ['document:1']);
    // document#owner is reached from user tuples only: group:eng#member is never read.
    assert.equal(counts.byUsers, 1);
    const nested = (length: number) => [
      'group:g0#member@user:anne',
      ...Array.from({ length }, (_, i) => `group:g${i + 1}#member@group:g${i}#member`),
      `document:1#viewer@group:g${length}#member`,
    ];
    assert.deepEqual(await objects(nested(10), { user: 'user:anne' }), ['document:1']);
    const deep = await listObjects(model, new InMemoryTupleReader(nested(30).map(tuple)), {
      type: 'document',
      relation: 'viewer',
      user: 'user:anne',
    });
    assert.equal(!deep.ok && deep.kind, 'depth_exceeded');
  });

  it('refuses with OpenFGA codes: contextual tuple, type, relation, user', async () => {
    const cases: Array<[Partial<ListObjectsRequest> & { user: string }, string]> = [
      [
        { user: 'user:anne', contextualTuples: [tuple('document:1#owner@user:*')] },
        'invalid_contextual_tuple',
      ],
      [{ user: 'user:anne', type: 'page' }, 'type_not_found'],
      [{ user: 'user:anne', relation: 'nope' }, 'relation_not_found'],
      [{ user: 'robot:x' }, 'invalid_request'],
      [{ user: 'group:eng#nope' }, 'invalid_request'],
      [{ user: 'user' }, 'invalid_request'],
    ];
    for (const [request, kind] of cases) {
      const outcome = await listObjects(model, new InMemoryTupleReader(), {
        type: 'document',
        relation: 'viewer',
        ...request,
      });
      assert.equal(!outcome.ok && outcome.kind, kind, JSON.stringify(request));
    }
  });

  it('a deadline, a result limit or a storage failure is an error, never a shorter list', async () => {
    const tuples = ['document:1#viewer@user:anne', 'document:2#viewer@user:anne'];
    const request = { type: 'document', relation: 'viewer', user: 'user:anne' };
    const expired = await listObjects(model, new InMemoryTupleReader(tuples.map(tuple)), request, {
      signal: AbortSignal.abort(),
    });
    assert.equal(!expired.ok && expired.kind, 'deadline_exceeded');
    // The deadline passes during a read: what that read brought is not answered.
    const deadline = new AbortController();
    const { reader } = countingReader(tuples);
    const late = await listObjects(
      model,
      {
        ...reader,
        readByUsers(query) {
          deadline.abort();
          return reader.readByUsers(query);
        },
      },
      request,
      { signal: deadline.signal },
    );
    assert.equal(!late.ok && late.kind, 'deadline_exceeded');
    const capped = await listObjects(model, new InMemoryTupleReader(tuples.map(tuple)), request, {
      maxResults: 1,
    });
    assert.equal(!capped.ok && capped.kind, 'result_limit_exceeded');
    const atCap = await listObjects(model, new InMemoryTupleReader(tuples.map(tuple)), request, {
      maxResults: 2,
    });
    assert.deepEqual(atCap.ok && atCap.objects, ['document:1', 'document:2']);
    const broken = await listObjects(
      model,
      { ...reader, readByUsers: () => Promise.reject(new Error('connection lost')) },
      request,
    );
    assert.equal(!broken.ok && broken.kind, 'storage_error');
  });
});
