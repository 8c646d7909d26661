/**
 * Runs the check assertions of OpenFGA's own conformance files (../shared/conformance/openfga) through
 * the engine, stage by stage: compile the model, validate and load the tuples, then each assertion.
 * Used by the conformance test; list-objects and list-users assertions are only counted (not yet built).
 */
import fs from 'node:fs';
import YAML from 'yaml';
import { check } from './check.ts';
import { EngineError, openFgaErrorCode } from './engine-error.ts';
import { compileModel } from './model-compiler.ts';
import { tupleProblem } from './tuple-validation.ts';
import { InMemoryTupleReader, type TupleRecord } from './tuples.ts';

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

export async function runCheckConformance(file: string): Promise<ConformanceReport> {
  const parsed = YAML.parse(fs.readFileSync(file, 'utf8')) as ConformanceFile;
  let passed = 0;
  let total = 0;
  let skippedListAssertions = 0;
  const failures: string[] = [];
  for (const test of parsed.tests) {
    // A test's stages share one store: tuples written in a stage stay for the next (with a new model).
    const reader = new InMemoryTupleReader();
    for (const [index, stage] of test.stages.entries()) {
      const assertions = stage.checkAssertions ?? [];
      skippedListAssertions +=
        (stage.listObjectsAssertions?.length ?? 0) + (stage.listUsersAssertions?.length ?? 0);
      total += assertions.length;
      const where = `${test.name} [stage ${index + 1}]`;
      let model: ReturnType<typeof compileModel>;
      try {
        model = compileModel(stage.model);
      } catch (error) {
        failures.push(
          `${where}: model refused: ${error instanceof EngineError ? error.message : String(error)}`,
        );
        continue;
      }
      const badTuple = (stage.tuples ?? []).map((tuple) => tupleProblem(model, tuple)).find(Boolean);
      if (badTuple) {
        failures.push(`${where}: tuple refused: ${badTuple}`);
        continue;
      }
      for (const tuple of stage.tuples ?? []) reader.add(tuple);
      for (const assertion of assertions) {
        const { object, relation, user } = assertion.tuple;
        const outcome = await check(model, reader, {
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
