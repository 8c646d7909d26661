/**
 * What the model says about the generated world, computed directly from its facts (not through the
 * engine): who may view which document. The runner checks Keystone's answers against it before
 * measuring, so a fast wrong answer cannot pass for a result.
 */
import { documentRef, seededRandom, userRef, type World } from './document-sharing.ts';

/** The groups a user is a member of, directly or through nested groups. */
function groupsOf(world: World, user: number): Set<number> {
  const groups = new Set<number>();
  for (let group of world.userGroups[user] ?? []) {
    while (group >= 0 && !groups.has(group)) {
      groups.add(group);
      group = world.groupParent[group] as number;
    }
  }
  return groups;
}

/** One user's view of the world: folder verdicts are memoized (trees share their ancestors). */
export class UserView {
  readonly #world: World;
  readonly #user: number;
  readonly #groups: Set<number>;
  readonly #folders = new Map<number, boolean>();

  constructor(world: World, user: number) {
    this.#world = world;
    this.#user = user;
    this.#groups = groupsOf(world, user);
  }

  canViewFolder(folder: number): boolean {
    const known = this.#folders.get(folder);
    if (known !== undefined) return known;
    const w = this.#world;
    const parent = w.folderParent[folder] as number;
    const result =
      w.folderOwner[folder] === this.#user ||
      w.folderViewerUser[folder] === this.#user ||
      this.#groups.has(w.folderViewerGroup[folder] as number) ||
      this.#groups.has(w.folderEditorGroup[folder] as number) ||
      (parent >= 0 && this.canViewFolder(parent));
    this.#folders.set(folder, result);
    return result;
  }

  canViewDocument(document: number): boolean {
    const w = this.#world;
    return (
      w.documentOwner[document] === this.#user ||
      w.documentEditor[document] === this.#user ||
      w.documentViewer[document] === this.#user ||
      this.#groups.has(w.documentViewerGroup[document] as number) ||
      this.canViewFolder(w.documentFolder[document] as number)
    );
  }

  /** Every document this user may view (what list-objects must answer). */
  viewableDocuments(): string[] {
    const found: string[] = [];
    for (let d = 0; d < this.#world.documents; d++) if (this.canViewDocument(d)) found.push(documentRef(d));
    return found;
  }
}

export type CheckCase = { user: string; object: string; allowed: boolean };

/**
 * `count` document#viewer checks, half of them allowed: denied ones are random users on random
 * documents (almost never allowed); allowed ones take a random document and a user who reaches it by
 * one of the model's paths (owner, editor, direct viewer, a group share, a member of a group that
 * views the folder tree), so short and long resolutions are both in the mix.
 */
export function checkCases(world: World, count: number, seed: number): CheckCase[] {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const cases: CheckCase[] = [];
  const membersOf = membersByGroup(world);
  while (cases.length < count) {
    const document = pick(world.documents);
    let user = pick(world.users);
    if (cases.length % 2 === 0) {
      const candidates = [
        world.documentOwner[document] as number,
        world.documentEditor[document] as number,
        world.documentViewer[document] as number,
        ...[world.documentViewerGroup[document] as number, treeViewerGroup(world, document)]
          .filter((group) => group >= 0)
          .map((group) => anyMember(membersOf, group, pick)),
      ].filter((candidate) => candidate >= 0);
      user = candidates[pick(candidates.length)] as number;
    }
    const allowed = new UserView(world, user).canViewDocument(document);
    cases.push({ user: userRef(user), object: documentRef(document), allowed });
  }
  return cases;
}

function treeViewerGroup(world: World, document: number): number {
  let folder = world.documentFolder[document] as number;
  while ((world.folderParent[folder] as number) >= 0) folder = world.folderParent[folder] as number;
  return world.folderViewerGroup[folder] as number;
}

/** Users by the groups they are in directly; a nested group's members are found through its children. */
function membersByGroup(world: World): { users: Map<number, number[]>; children: Map<number, number[]> } {
  const users = new Map<number, number[]>();
  const children = new Map<number, number[]>();
  for (const [user, own] of world.userGroups.entries()) {
    for (const group of own) users.set(group, [...(users.get(group) ?? []), user]);
  }
  for (const [group, parent] of world.groupParent.entries()) {
    if (parent >= 0) children.set(parent, [...(children.get(parent) ?? []), group]);
  }
  return { users, children };
}

function anyMember(
  members: ReturnType<typeof membersByGroup>,
  group: number,
  pick: (n: number) => number,
): number {
  let current = group;
  for (;;) {
    const direct = members.users.get(current) ?? [];
    const nested = members.children.get(current) ?? [];
    if (direct.length > 0 && (nested.length === 0 || pick(2) === 0))
      return direct[pick(direct.length)] as number;
    if (nested.length === 0) return -1;
    current = nested[pick(nested.length)] as number;
  }
}
