import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from './check.ts';
import { EngineError } from './engine-error.ts';
import { compileModel, modelJsonFromDsl, modelJsonFromModules } from './model-compiler.ts';
import { InMemoryTupleReader } from './tuples.ts';

const dsl = `model
  schema 1.1
type user
type group
  relations
    define member: [user, user:*, group#member, user with recent]
type folder
  relations
    define viewer: [user]
type document
  relations
    define parent: [folder]
    define owner: [user]
    define blocked: [user]
    define editor: [user] and owner
    define viewer: ([user] or editor or viewer from parent) but not blocked
condition recent(ts: timestamp, tags: map<string>) {
  ts > timestamp("2020-01-01T00:00:00Z")
}
`;

function refusal(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EngineError);
    return error;
  }
  assert.fail('the model was accepted');
}

describe('model compilation', () => {
  it('compiles each relation to its rewrite tree', () => {
    const model = compileModel(dsl);
    const document = model.types.get('document');
    assert.deepEqual(document?.relations.get('editor')?.rewrite, {
      kind: 'intersection',
      children: [{ kind: 'this' }, { kind: 'computed', relation: 'owner' }],
    });
    assert.deepEqual(document?.relations.get('viewer')?.rewrite, {
      kind: 'difference',
      base: {
        kind: 'union',
        children: [
          { kind: 'this' },
          { kind: 'computed', relation: 'editor' },
          { kind: 'tupleToUserset', tupleset: 'parent', computedRelation: 'viewer' },
        ],
      },
      subtract: { kind: 'computed', relation: 'blocked' },
    });
  });

  it('keeps the directly related user types: plain, wildcard, userset and conditional', () => {
    const member = compileModel(dsl).types.get('group')?.relations.get('member');
    assert.deepEqual(member?.directlyRelated, [
      { type: 'user', wildcard: false },
      { type: 'user', wildcard: true },
      { type: 'group', relation: 'member', wildcard: false },
      { type: 'user', wildcard: false, condition: 'recent' },
    ]);
  });

  it('compiles conditions with their parameter types', () => {
    const recent = compileModel(dsl).conditions.get('recent');
    assert.equal(recent?.expression.trim(), 'ts > timestamp("2020-01-01T00:00:00Z")');
    assert.deepEqual(
      [...(recent?.parameters ?? [])],
      [
        ['ts', { kind: 'timestamp' }],
        ['tags', { kind: 'map', of: { kind: 'string' } }],
      ],
    );
  });

  it('accepts the JSON form and compiles it the same way', () => {
    assert.deepEqual(compileModel(modelJsonFromDsl(dsl)), compileModel(dsl));
  });

  it('refuses a syntax error with the line it is on', () => {
    const error = refusal(() =>
      compileModel('model\n  schema 1.1\ntype user\n  relations\n    define x: [user] or\n'),
    );
    assert.equal(error.kind, 'invalid_model');
    assert.match(error.message, /line=4/);
  });

  it('refuses an unknown type, an undefined relation and a missing entry point', () => {
    const unknownType = refusal(() =>
      compileModel('model\n  schema 1.1\ntype doc\n  relations\n    define v: [nope]\n'),
    );
    assert.match(unknownType.message, /`nope` is not a valid type/);
    const undefinedRelation = refusal(() =>
      compileModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define v: [user] or w\n'),
    );
    assert.match(undefinedRelation.message, /`w`/);
    const noEntry = refusal(() =>
      compileModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define v: v\n'),
    );
    assert.equal(noEntry.kind, 'invalid_model');
  });

  it('refuses a JSON model that is not one, and an unsupported schema version', () => {
    assert.equal(refusal(() => compileModel({} as never)).kind, 'invalid_model');
    const old = { ...modelJsonFromDsl(dsl), schema_version: '1.0' };
    assert.equal(refusal(() => compileModel(old)).kind, 'invalid_model');
  });

  it('accepts a conditional tupleset, which crashes the transformer’s own validation', () => {
    const model = compileModel(`model
  schema 1.1
type user
type folder
  relations
    define viewer: [user]
type document
  relations
    define parent: [folder with small]
    define viewer: viewer from parent
condition small(x: int) {
  x < 100
}
`);
    assert.deepEqual(model.types.get('document')?.relations.get('parent')?.directlyRelated, [
      { type: 'folder', wildcard: false, condition: 'small' },
    ]);
  });

  it('still refuses an undefined condition and an unused one', () => {
    const undefinedCondition = refusal(() =>
      compileModel('model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define v: [user with nope]\n'),
    );
    assert.match(undefinedCondition.message, /nope/);
    const unused = refusal(() =>
      compileModel(
        'model\n  schema 1.1\ntype user\ntype doc\n  relations\n    define v: [user]\ncondition c(x: int) {\n  x < 1\n}\n',
      ),
    );
    assert.match(unused.message, /not used/);
  });

  it('compiles a modular model (schema 1.2): modules, extended types, and checks resolve across them', async () => {
    const json = modelJsonFromModules([
      { name: 'fga.mod', contents: "schema: '1.2'\ncontents:\n  - core.fga\n  - docs.fga\n" },
      {
        name: 'core.fga',
        contents:
          'module core\ntype user\ntype group\n  relations\n    define member: [user, group#member]\n',
      },
      {
        name: 'docs.fga',
        contents:
          'module docs\nextend type group\n  relations\n    define reader: member\ntype document\n  relations\n    define viewer: [group#reader]\n',
      },
    ]);
    assert.equal(json.schema_version, '1.2');
    const model = compileModel(json);
    assert.deepEqual([...model.types.keys()].sort(), ['document', 'group', 'user']);
    const reader = new InMemoryTupleReader([
      { object: 'group:eng', relation: 'member', user: 'user:anne' },
      { object: 'document:1', relation: 'viewer', user: 'group:eng#reader' },
    ]);
    const allowed = await check(model, reader, {
      object: 'document:1',
      relation: 'viewer',
      user: 'user:anne',
    });
    assert.equal(allowed.decision, 'allow');
    const denied = await check(model, reader, { object: 'document:1', relation: 'viewer', user: 'user:bob' });
    assert.equal(denied.decision, 'deny');
  });

  it('refuses a modular model whose module does not parse, and an unsupported schema version', () => {
    const broken = refusal(() =>
      modelJsonFromModules([
        { name: 'core.fga', contents: 'module core\ntype user\n  relations\n    define x: [nope\n' },
      ]),
    );
    assert.equal(broken.kind, 'invalid_model');
    const json = modelJsonFromDsl('model\n  schema 1.1\ntype user\n');
    const future = refusal(() => compileModel({ ...json, schema_version: '2.0' }));
    assert.match(future.message, /2\.0/);
  });
});
