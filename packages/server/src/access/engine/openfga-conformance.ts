/**
 * Runs the assertions of OpenFGA's own conformance files (../shared/conformance/openfga) through the
 * engine, stage by stage: compile the model, validate and load the tuples, then each check,
 * list-objects and list-users assertion (lists must equal the expected set exactly; an expected error
 * must carry OpenFGA's code). Requests and answers are plain data, so a target can be the engine, the
 * service over SQL, or the HTTP API through OpenFGA's SDK.
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { type CheckOutcome, type CheckRequest, check } from './check.ts';
import { EngineError, type EngineFailureKind, openFgaErrorCode } from './engine-error.ts';
import { type ListObjectsRequest, listObjects } from './list-objects.ts';
import { type ListUsersRequest, listUsers, type UserFilter, userText } from './list-users.ts';
import { compileModel } from './model-compiler.ts';
import type { CompiledModel } from './model-types.ts';
import { tupleProblem } from './tuple-validation.ts';
import { InMemoryTupleReader, type TupleRecord } from './tuples.ts';

/**
 * Where a conformance test's stages run: the engine over an in-memory reader by default, or any
 * store that can take a model and tuples and answer checks (the SQL store through its service).
 */
export interface ConformanceTarget {
  /** A fresh, empty store for one test (its stages share it). */
  newStore(): Promise<ConformanceStore>;
}

export interface ConformanceStore {
  /** Writes the stage's model (DSL); returns why it was refused, or undefined. */
  writeModel(dsl: string): Promise<string | undefined>;
  /** Writes the stage's tuples; returns why they were refused, or undefined. */
  writeTuples(tuples: readonly TupleRecord[]): Promise<string | undefined>;
  /** Checks against the model written last. */
  check(request: CheckRequest): Promise<CheckOutcome>;
  /** Lists objects against the model written last (a target without it skips those assertions). */
  listObjects?(request: ListObjectsRequest): Promise<ListAnswer>;
  /** Lists users against the model written last; users as `type:id`, `type:*` or `type:id#relation`. */
  listUsers?(request: ListUsersRequest): Promise<ListAnswer>;
}

/** A list's items, or the refusal with OpenFGA's error code (undefined: an internal error). */
export type ListAnswer =
  | { readonly items: readonly string[] }
  | { readonly errorCode: number | undefined; readonly message: string };

/** The engine alone: compile, validate, keep tuples in memory. */
export const inMemoryConformanceTarget: ConformanceTarget = {
  async newStore() {
    const reader = new InMemoryTupleReader();
    let model: CompiledModel | undefined;
    return {
      async writeModel(dsl) {
        try {
          model = compileModel(dsl);
          return undefined;
        } catch (error) {
          model = undefined;
          return error instanceof EngineError ? error.message : String(error);
        }
      },
      async writeTuples(tuples) {
        if (!model) return 'no model';
        const current = model;
        const problem = tuples.map((tuple) => tupleProblem(current, tuple)).find(Boolean);
        if (problem) return problem;
        for (const tuple of tuples) reader.add(tuple);
        return undefined;
      },
      async check(request) {
        if (!model) throw new Error('no model');
        return check(model, reader, request);
      },
      async listObjects(request) {
        if (!model) throw new Error('no model');
        const outcome = await listObjects(model, reader, request);
        return outcome.ok ? { items: outcome.objects } : refusal(outcome);
      },
      async listUsers(request) {
        if (!model) throw new Error('no model');
        const outcome = await listUsers(model, reader, request);
        return outcome.ok ? { items: outcome.users.map(userText) } : refusal(outcome);
      },
    };
  },
};

/** An engine failure as a conformance answer: OpenFGA's code for its kind. */
export function refusal(failure: { kind: EngineFailureKind; message: string }): ListAnswer {
  return { errorCode: openFgaErrorCode(failure.kind), message: `${failure.kind}: ${failure.message}` };
}

interface ConformanceFile {
  tests: Array<{ name: string; stages: ConformanceStage[] }>;
}

interface ConformanceStage {
  model: string;
  tuples?: TupleRecord[];
  checkAssertions?: Array<{
    tuple: { object: string; relation: string; user: string };
    context?: Record<string, unknown>;
    contextualTuples?: TupleRecord[];
    expectation?: boolean;
    errorCode?: number;
  }>;
  listObjectsAssertions?: Array<ListAssertion<{ user: string; type: string; relation: string }>>;
  listUsersAssertions?: Array<ListAssertion<{ object: string; relation: string; filters: string[] }>>;
}

interface ListAssertion<Request> {
  request: Request;
  context?: Record<string, unknown>;
  contextualTuples?: TupleRecord[];
  /** The exact set expected (absent or null: none). */
  expectation?: string[] | null;
  errorCode?: number;
}

export interface AssertionCounts {
  readonly passed: number;
  readonly total: number;
}

export interface ConformanceReport {
  /** Check assertions. */
  readonly passed: number;
  readonly total: number;
  readonly listObjects: AssertionCounts;
  readonly listUsers: AssertionCounts;
  /** List assertions not run because the target cannot list. */
  readonly skippedListAssertions: number;
  /** `test name [stage n] object#relation@user: why` for each failing assertion. */
  readonly failures: string[];
}

/** Runs every check, list-objects and list-users assertion of one conformance file against a target. */
export async function runConformance(
  file: string,
  target: ConformanceTarget = inMemoryConformanceTarget,
): Promise<ConformanceReport> {
  const parsed = YAML.parse(fs.readFileSync(file, 'utf8')) as ConformanceFile;
  let passed = 0;
  let total = 0;
  let skippedListAssertions = 0;
  const listObjectCounts = { passed: 0, total: 0 };
  const listUserCounts = { passed: 0, total: 0 };
  const failures: string[] = [];
  for (const test of parsed.tests) {
    // A test's stages share one store: tuples written in a stage stay for the next (with a new model).
    const store = await target.newStore();
    for (const [index, stage] of test.stages.entries()) {
      const assertions = stage.checkAssertions ?? [];
      const objectAssertions = stage.listObjectsAssertions ?? [];
      const userAssertions = stage.listUsersAssertions ?? [];
      total += assertions.length;
      const where = `${test.name} [stage ${index + 1}]`;
      const modelRefused = await store.writeModel(stage.model);
      if (modelRefused) {
        failures.push(`${where}: model refused: ${modelRefused}`);
        continue;
      }
      const tuplesRefused = await store.writeTuples(stage.tuples ?? []);
      if (tuplesRefused) {
        failures.push(`${where}: tuple refused: ${tuplesRefused}`);
        continue;
      }
      for (const assertion of assertions) {
        const { object, relation, user } = assertion.tuple;
        const outcome = await store.check({
          object,
          relation,
          user,
          ...extras(assertion),
        });
        const expected =
          assertion.errorCode !== undefined
            ? `error ${assertion.errorCode}`
            : assertion.expectation
              ? 'allow'
              : 'deny';
        const got =
          outcome.decision === 'error' ? `error (${outcome.kind}: ${outcome.message})` : outcome.decision;
        // An expected error must be the same OpenFGA code, not just any refusal.
        const ok =
          assertion.errorCode !== undefined
            ? outcome.decision === 'error' && openFgaErrorCode(outcome.kind) === assertion.errorCode
            : outcome.decision === expected;
        if (ok) passed++;
        else failures.push(`${where} ${object}#${relation}@${user}: expected ${expected}, got ${got}`);
      }
      if (store.listObjects) {
        const list = store.listObjects.bind(store);
        for (const assertion of objectAssertions) {
          const { user, type, relation } = assertion.request;
          const answer = await list({ user, type, relation, ...extras(assertion) });
          const failure = listMismatch(assertion, answer);
          listObjectCounts.total++;
          if (failure) failures.push(`${where} list-objects ${type}#${relation}@${user}: ${failure}`);
          else listObjectCounts.passed++;
        }
      } else skippedListAssertions += objectAssertions.length;
      if (store.listUsers) {
        const list = store.listUsers.bind(store);
        for (const assertion of userAssertions) {
          const { object, relation, filters } = assertion.request;
          const userFilters = filters.map(userFilter);
          const answer = await list({ object, relation, userFilters, ...extras(assertion) });
          const failure = listMismatch(assertion, answer);
          listUserCounts.total++;
          if (failure) failures.push(`${where} list-users ${object}#${relation} [${filters}]: ${failure}`);
          else listUserCounts.passed++;
        }
      } else skippedListAssertions += userAssertions.length;
    }
  }
  return {
    passed,
    total,
    listObjects: listObjectCounts,
    listUsers: listUserCounts,
    skippedListAssertions,
    failures,
  };
}

/** The earlier name, from when only checks ran. */
export const runCheckConformance = runConformance;

function extras(assertion: { context?: Record<string, unknown>; contextualTuples?: TupleRecord[] }): {
  context?: Record<string, unknown>;
  contextualTuples?: TupleRecord[];
} {
  return {
    ...(assertion.contextualTuples ? { contextualTuples: assertion.contextualTuples } : {}),
    ...(assertion.context ? { context: assertion.context } : {}),
  };
}

/** `group#member` → `{ type: 'group', relation: 'member' }`. */
function userFilter(text: string): UserFilter {
  const hash = text.indexOf('#');
  return hash === -1 ? { type: text } : { type: text.slice(0, hash), relation: text.slice(hash + 1) };
}

/** Why a list answer is not the assertion's (exact set, or OpenFGA's error code); undefined when it is. */
function listMismatch(assertion: ListAssertion<unknown>, answer: ListAnswer): string | undefined {
  if (assertion.errorCode !== undefined) {
    if ('errorCode' in answer && answer.errorCode === assertion.errorCode) return undefined;
    return `expected error ${assertion.errorCode}, got ${describe(answer)}`;
  }
  if ('errorCode' in answer) return `expected a list, got ${describe(answer)}`;
  const expected = [...new Set(assertion.expectation ?? [])].sort();
  const got = [...new Set(answer.items)].sort();
  if (got.length === answer.items.length && expected.join('\n') === got.join('\n')) return undefined;
  return `expected [${expected.join(', ')}], got [${answer.items.join(', ')}]`;
}

function describe(answer: ListAnswer): string {
  return 'errorCode' in answer
    ? `error ${answer.errorCode} (${answer.message})`
    : `[${answer.items.join(', ')}]`;
}
