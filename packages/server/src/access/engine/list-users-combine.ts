/**
 * How list-users combines the users found under a union, an intersection and an exclusion: OpenFGA's
 * own rules (pkg/server/commands/listusers/list_users_rpc.go), ported as they are so that answers match
 * OpenFGA's, quirks included. A found user is related or, from an exclusion, known to be removed; it may
 * carry the users an exclusion removed below it, which an intersection above then leaves out.
 */

export interface FoundUser {
  /** `user:anne`, `user:*` or `group:eng#member`. */
  readonly user: string;
  /** False when an exclusion removed this user (it is then never a result). */
  readonly related: boolean;
  /** Users an exclusion below removed. */
  readonly excluded: readonly string[];
}

export function combineUnion(children: ReadonlyArray<readonly FoundUser[]>): FoundUser[] {
  const related = new Set<string>();
  const excludedCount = new Map<string, number>();
  for (const child of children) {
    for (const found of child) {
      for (const user of found.excluded) excludedCount.set(user, (excludedCount.get(user) ?? 0) + 1);
      if (found.related) related.add(found.user);
    }
  }
  // A user stays excluded only when every branch excluded it.
  const excluded = [...excludedCount].filter(([, count]) => count === children.length).map(([user]) => user);
  return [...related].map((user) => ({ user, related: true, excluded }));
}

export function combineIntersection(
  children: ReadonlyArray<readonly FoundUser[]>,
  wildcard: string,
): FoundUser[] {
  const excludedSet = new Set<string>();
  const counts = new Map<string, number>();
  let wildcardCount = 0;
  for (const child of children) {
    const users = new Set<string>();
    for (const found of child) {
      for (const user of found.excluded) excludedSet.add(user);
      if (found.related) users.add(found.user);
    }
    // A branch with the wildcard contains everyone: it counts once for all users, not per user.
    const hasWildcard = users.has(wildcard);
    if (hasWildcard) wildcardCount++;
    for (const user of users) counts.set(user, (counts.get(user) ?? 0) + (hasWildcard ? 0 : 1));
  }
  const excluded = [...excludedSet];
  const result: FoundUser[] = [];
  for (const [user, count] of counts) {
    if (excludedSet.has(user)) continue;
    if (count + wildcardCount === children.length) result.push({ user, related: true, excluded });
  }
  return result;
}

export function combineExclusion(
  base: readonly FoundUser[],
  subtract: readonly FoundUser[],
  wildcard: string,
): FoundUser[] {
  const baseUsers = new Map(base.map((found) => [found.user, found]));
  const subtracted = new Map(subtract.map((found) => [found.user, found]));
  const baseHasWildcard = baseUsers.has(wildcard);
  const subtractHasWildcard = subtracted.has(wildcard);
  const result: FoundUser[] = [];
  const emit = (user: string, related: boolean, excluded: readonly string[] = []) =>
    result.push({ user, related, excluded });
  for (const [user, found] of baseUsers) {
    const removed = subtracted.get(user);
    if (baseHasWildcard) {
      if (!removed && !subtractHasWildcard) emit(user, true);
      for (const [other, otherFound] of subtracted) {
        if (other.endsWith(':*')) {
          if (!removed) emit(user, false);
          continue;
        }
        if (otherFound.related) emit(other, false, [other]);
        else emit(other, true);
      }
    } else if (subtractHasWildcard || removed) {
      // A user under a subtracted wildcard is removed unless the subtraction itself removed it.
      emit(user, removed ? !removed.related : false);
    } else {
      emit(user, found.related);
    }
  }
  return result;
}
