/**
 * Runs the check assertions of OpenFGA's own conformance files (../shared/conformance/openfga) through
 * the engine, stage by stage: compile the model, validate and load the tuples, then each assertion.
 * Used by the conformance test; list-objects and list-users assertions are only counted (not yet built).
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { type CheckOutcome, type CheckRequest, check } from './check.ts';
import { EngineError, openFgaErrorCode } from './engine-error.ts';
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
}

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
    };
  },
};

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
  listObjectsAssertions?: unknown[];
  listUsersAssertions?: unknown[];
}

export interface ConformanceReport {
  readonly passed: number;
  readonly total: number;
  readonly skippedListAssertions: number;
  /** `test name [stage n] object#relation@user: why` for each failing assertion. */
  readonly failures: string[];
}

export async function runCheckConformance(
  file: string,
  target: ConformanceTarget = inMemoryConformanceTarget,
): Promise<ConformanceReport> {
  const parsed = YAML.parse(fs.readFileSync(file, 'utf8')) as ConformanceFile;
  let passed = 0;
  let total = 0;
  let skippedListAssertions = 0;
  const failures: string[] = [];
  for (const test of parsed.tests) {
    // A test's stages share one store: tuples written in a stage stay for the next (with a new model).
    const store = await target.newStore();
    for (const [index, stage] of test.stages.entries()) {
      const assertions = stage.checkAssertions ?? [];
      skippedListAssertions +=
        (stage.listObjectsAssertions?.length ?? 0) + (stage.listUsersAssertions?.length ?? 0);
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
          ...(assertion.contextualTuples ? { contextualTuples: assertion.contextualTuples } : {}),
          ...(assertion.context ? { context: assertion.context } : {}),
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
    }
  }
  return { passed, total, skippedListAssertions, failures };
}
