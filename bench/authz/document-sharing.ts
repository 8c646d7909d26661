/**
 * The document-sharing world of `npm run bench:authz`, generated deterministically from a seed: users
 * in groups nested three deep (leaf → mid → top), folders in trees with a parent hierarchy, documents
 * in folders, each with an owner, an editor and a viewer, some shared with a group. The facts are kept
 * as plain arrays so the same world gives both the tuples to load and the expected answers
 * (expected-access.ts).
 */

export const DOCUMENT_SHARING_DSL = `model
  schema 1.1
type user
type group
  relations
    define member: [user, group#member]
type folder
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, group#member] or editor or viewer from parent
type document
  relations
    define parent: [folder]
    define owner: [user]
    define editor: [user, group#member] or owner
    define viewer: [user, group#member] or editor or viewer from parent
`;

/** Who is related to what, by index; -1 means nobody. */
export type World = {
  users: number;
  groups: number;
  folders: number;
  documents: number;
  /** Each user's leaf groups (3). */
  userGroups: number[][];
  /** A group's parent group (members of the child are members of the parent), -1 for a top group. */
  groupParent: number[];
  folderParent: number[];
  folderOwner: number[];
  folderViewerUser: number[];
  folderViewerGroup: number[];
  folderEditorGroup: number[];
  documentFolder: number[];
  documentOwner: number[];
  documentEditor: number[];
  documentViewer: number[];
  documentViewerGroup: number[];
  /** The user who sees many documents (through a top group that views many folder trees): list-objects. */
  wideUser: number;
};

export const userRef = (i: number) => `user:u${i}`;
export const groupRef = (i: number) => `group:g${i}`;
export const folderRef = (i: number) => `folder:f${i}`;
export const documentRef = (i: number) => `document:d${i}`;

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same world. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FOLDERS_PER_TREE = 20;
const MAX_FOLDER_DEPTH = 4;
/** Folder trees the wide user's top group views: ~200 documents each, so ~10k documents at 1M tuples. */
const WIDE_TREES_AT_1M = 45;

/**
 * A world of exactly `tupleCount` tuples (1M: 20k users, 2k groups, 20k folders, 200k documents); the
 * documents' group shares fill what the other relations leave.
 */
export function generateWorld(tupleCount: number, seed: number): World {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const scale = tupleCount / 1_000_000;
  const users = Math.max(50, Math.round(20_000 * scale));
  const tops = Math.max(2, Math.round(200 * scale));
  const groups = tops * 10; // per top: 3 mid groups with 2, 2 and 3 leaves
  const folders = Math.max(FOLDERS_PER_TREE * 4, Math.round(20_000 * scale));
  const documents = Math.round(200_000 * scale);

  // Groups: tops 0..tops-1; mids next (3 per top); leaves last (7 per top).
  const groupParent: number[] = [];
  const leaves: number[] = [];
  for (let top = 0; top < tops; top++) groupParent[top] = -1;
  for (let top = 0; top < tops; top++) {
    for (let m = 0; m < 3; m++) groupParent[tops + top * 3 + m] = top;
  }
  const firstLeaf = tops * 4;
  for (let top = 0; top < tops; top++) {
    for (let l = 0; l < 7; l++) {
      const leaf = firstLeaf + top * 7 + l;
      groupParent[leaf] = tops + top * 3 + Math.min(2, Math.floor(l / 2));
      leaves.push(leaf);
    }
  }

  const userGroups: number[][] = [];
  for (let u = 0; u < users; u++) {
    const own = new Set<number>(u === 0 ? [firstLeaf] : []); // user 0: a leaf under top group 0
    while (own.size < 3) own.add(leaves[pick(leaves.length)] as number);
    userGroups.push([...own]);
  }

  const folderParent: number[] = [];
  const folderOwner: number[] = [];
  const folderViewerUser: number[] = [];
  const folderViewerGroup: number[] = [];
  const folderEditorGroup: number[] = [];
  const depth: number[] = [];
  const wideTrees = Math.max(2, Math.round(WIDE_TREES_AT_1M * scale));
  for (let f = 0; f < folders; f++) {
    const inTree = f % FOLDERS_PER_TREE;
    const root = f - inTree;
    folderOwner.push(pick(users));
    if (inTree === 0) {
      folderParent.push(-1);
      depth.push(0);
      folderViewerUser.push(-1);
      // The first trees are viewed by top group 0 (the wide user's), the rest by any group.
      folderViewerGroup.push(root / FOLDERS_PER_TREE < wideTrees ? 0 : pick(groups));
      folderEditorGroup.push(pick(groups));
      continue;
    }
    let parent = root + pick(inTree);
    while ((depth[parent] as number) >= MAX_FOLDER_DEPTH) parent = folderParent[parent] as number;
    folderParent.push(parent);
    depth.push((depth[parent] as number) + 1);
    folderViewerUser.push(random() < 0.25 ? pick(users) : -1);
    folderViewerGroup.push(-1);
    folderEditorGroup.push(-1);
  }

  const documentFolder: number[] = [];
  const documentOwner: number[] = [];
  const documentEditor: number[] = [];
  const documentViewer: number[] = [];
  for (let d = 0; d < documents; d++) {
    documentFolder.push(pick(folders));
    documentOwner.push(pick(users));
    documentEditor.push(pick(users));
    documentViewer.push(pick(users));
  }
  const world: World = {
    users,
    groups,
    folders,
    documents,
    userGroups,
    groupParent,
    folderParent,
    folderOwner,
    folderViewerUser,
    folderViewerGroup,
    folderEditorGroup,
    documentFolder,
    documentOwner,
    documentEditor,
    documentViewer,
    documentViewerGroup: [],
    wideUser: 0,
  };
  const groupShares = tupleCount - countTuples(world);
  if (groupShares < 0 || groupShares > documents) {
    throw new Error(`cannot shape ${tupleCount} tuples (group shares would be ${groupShares})`);
  }
  for (let d = 0; d < documents; d++) world.documentViewerGroup.push(d < groupShares ? pick(groups) : -1);
  return world;
}

const present = (values: number[]) => values.filter((v) => v >= 0).length;

export function countTuples(world: World): number {
  return (
    present(world.groupParent) +
    world.userGroups.length * 3 +
    present(world.folderParent) +
    world.folders +
    present(world.folderViewerUser) +
    present(world.folderViewerGroup) +
    present(world.folderEditorGroup) +
    world.documents * 4 +
    present(world.documentViewerGroup)
  );
}

/** One tuple as OpenFGA writes it. */
export type TupleKey = { user: string; relation: string; object: string };

/** Every tuple of the world, in a fixed order. */
export function* worldTuples(world: World): Generator<TupleKey> {
  const member = (g: number) => `${groupRef(g)}#member`;
  for (const [g, parent] of world.groupParent.entries()) {
    if (parent >= 0) yield { object: groupRef(parent), relation: 'member', user: member(g) };
  }
  for (const [u, own] of world.userGroups.entries()) {
    for (const g of own) yield { object: groupRef(g), relation: 'member', user: userRef(u) };
  }
  for (let f = 0; f < world.folders; f++) {
    const object = folderRef(f);
    const parent = world.folderParent[f] as number;
    if (parent >= 0) yield { object, relation: 'parent', user: folderRef(parent) };
    yield { object, relation: 'owner', user: userRef(world.folderOwner[f] as number) };
    const viewer = world.folderViewerUser[f] as number;
    if (viewer >= 0) yield { object, relation: 'viewer', user: userRef(viewer) };
    const viewerGroup = world.folderViewerGroup[f] as number;
    if (viewerGroup >= 0) yield { object, relation: 'viewer', user: member(viewerGroup) };
    const editorGroup = world.folderEditorGroup[f] as number;
    if (editorGroup >= 0) yield { object, relation: 'editor', user: member(editorGroup) };
  }
  for (let d = 0; d < world.documents; d++) {
    const object = documentRef(d);
    yield { object, relation: 'parent', user: folderRef(world.documentFolder[d] as number) };
    yield { object, relation: 'owner', user: userRef(world.documentOwner[d] as number) };
    yield { object, relation: 'editor', user: userRef(world.documentEditor[d] as number) };
    yield { object, relation: 'viewer', user: userRef(world.documentViewer[d] as number) };
    const group = world.documentViewerGroup[d] as number;
    if (group >= 0) yield { object, relation: 'viewer', user: member(group) };
  }
}
