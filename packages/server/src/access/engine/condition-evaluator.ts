/**
 * Evaluates a tuple's condition (CEL) with OpenFGA's rules: the tuple's stored context and the request's
 * context together bind the declared parameters (the tuple's value wins, as OpenFGA merges them); a
 * declared parameter nobody gave (even one the expression would not read) is a `missing_condition_parameter` failure, never an allow.
 */

import type { CelInput } from '@bufbuild/cel';
import { CelScalar, celEnv, celMethod, isCelError, parse, plan } from '@bufbuild/cel';
import { celValueOf, ipInCidr } from './condition-values.ts';
import { EngineError } from './engine-error.ts';
import type { CompiledCondition, CompiledModel } from './model-types.ts';
import type { TupleRecord } from './tuples.ts';

// ipaddress values travel as strings; `in_cidr` is OpenFGA's one ipaddress method.
const environment = celEnv({
  funcs: [
    celMethod('in_cidr', CelScalar.STRING, [CelScalar.STRING], CelScalar.BOOL, function (cidr) {
      return ipInCidr(this, cidr);
    }),
  ],
});

type Program = (bindings: Record<string, CelInput>) => unknown;
const programs = new WeakMap<CompiledCondition, Program>();

function programOf(condition: CompiledCondition): Program {
  let program = programs.get(condition);
  if (!program) {
    try {
      program = plan(environment, parse(condition.expression)) as Program;
    } catch (error) {
      throw new EngineError(
        'condition_error',
        `condition '${condition.name}' does not compile: ${String(error)}`,
      );
    }
    programs.set(condition, program);
  }
  return program;
}

/**
 * A ConditionCheck for one request. A tuple without stored context depends only on its condition and
 * the request's context, so its outcome (or failure) is computed once per condition per request.
 */
export function conditionEvaluator(model: CompiledModel, requestContext: Readonly<Record<string, unknown>>) {
  const outcomes = new Map<string, boolean | EngineError>();
  return (tuple: TupleRecord): boolean => {
    const name = tuple.condition?.name;
    if (name === undefined) return true;
    const ownContext = tuple.condition?.context;
    if (ownContext && Object.keys(ownContext).length > 0)
      return evaluate(model, name, { ...requestContext, ...ownContext });
    let outcome = outcomes.get(name);
    if (outcome === undefined) {
      try {
        outcome = evaluate(model, name, requestContext);
      } catch (error) {
        if (!(error instanceof EngineError)) throw error;
        outcome = error;
      }
      outcomes.set(name, outcome);
    }
    if (outcome instanceof EngineError) throw outcome;
    return outcome;
  };
}

/** The tuple's context wins over the request's (callers merge them in that order). */
function evaluate(model: CompiledModel, name: string, given: Readonly<Record<string, unknown>>): boolean {
  const condition = model.conditions.get(name);
  if (!condition) throw new EngineError('condition_error', `condition '${name}' is not in the model`);
  // OpenFGA needs every declared parameter, even one a short-circuit would not read.
  const missing = [...condition.parameters.keys()].filter((parameter) => !Object.hasOwn(given, parameter));
  if (missing.length > 0) {
    throw new EngineError(
      'missing_condition_parameter',
      `condition '${name}' is missing parameters: ${missing.join(', ')}`,
    );
  }
  const bindings: Record<string, CelInput> = {};
  for (const [parameter, type] of condition.parameters)
    bindings[parameter] = celValueOf(parameter, type, given[parameter]);
  const result = programOf(condition)(bindings);
  if (isCelError(result))
    throw new EngineError('condition_error', `condition '${name}' failed: ${result.message}`);
  if (typeof result !== 'boolean')
    throw new EngineError('condition_error', `condition '${name}' did not return a bool`);
  return result;
}
