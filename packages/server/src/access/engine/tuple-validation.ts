/**
 * Does a tuple fit the model? The rules OpenFGA applies to written and contextual tuples: known object
 * type and relation, a user whose type (wildcard, userset, condition) the relation directly allows, and a
 * condition the model defines. Returns the reason a tuple is refused, or undefined when it fits.
 */
import type { CompiledModel } from './model-types.ts';
import { parseReference, type TupleRecord } from './tuples.ts';

export function tupleProblem(model: CompiledModel, tuple: TupleRecord): string | undefined {
  const object = parseReference(tuple.object, false);
  if (!object) return `invalid object '${tuple.object}'`;
  const objectType = model.types.get(object.type);
  if (!objectType) return `type '${object.type}' is not in the model`;
  const relation = objectType.relations.get(tuple.relation);
  if (!relation) return `relation '${object.type}#${tuple.relation}' is not in the model`;
  const user = parseReference(tuple.user, true);
  if (!user) return `invalid user '${tuple.user}'`;
  const userType = model.types.get(user.type);
  if (!userType) return `type '${user.type}' is not in the model`;
  if (user.relation !== undefined && !userType.relations.has(user.relation)) {
    return `relation '${user.type}#${user.relation}' is not in the model`;
  }
  const conditionName = tuple.condition?.name;
  if (conditionName !== undefined) {
    const condition = model.conditions.get(conditionName);
    if (!condition) return `condition '${conditionName}' is not in the model`;
    for (const parameter of Object.keys(tuple.condition?.context ?? {})) {
      if (!condition.parameters.has(parameter))
        return `condition '${conditionName}' has no parameter '${parameter}'`;
    }
  }
  const allowed = relation.directlyRelated.some(
    (r) =>
      r.type === user.type &&
      r.condition === conditionName &&
      (user.relation !== undefined
        ? r.relation === user.relation
        : r.relation === undefined && r.wildcard === (user.id === '*')),
  );
  if (!allowed) {
    const shown = conditionName ? `${tuple.user} with ${conditionName}` : tuple.user;
    return `'${shown}' is not an allowed user type for ${object.type}#${tuple.relation}`;
  }
  return undefined;
}
