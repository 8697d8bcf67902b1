// Merging annotations from any number of devices and files. An annotation's identity is (project, task, annotator);
// of two versions of one identity the higher (revision, updatedAt, deviceId) wins. Taking the maximum of a total
// order is what makes merging idempotent, commutative and associative: files can arrive in any order, any number
// of times, and the result is the same. Different annotators never conflict: their annotations sit side by side.
import type { SyncAnnotation } from './types';

export function compareText(a: string, b: string): number {
  // Code-unit order, not localeCompare: the result must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of output files: by project, task, annotator. */
export function compareIdentity(a: SyncAnnotation, b: SyncAnnotation): number {
  return compareText(a.projectId, b.projectId) || compareText(a.taskId, b.taskId) || compareText(a.annotatorId, b.annotatorId);
}

/** The lengths make it unambiguous whatever the ids hold; cheaper than JSON of an array, and made once per line. */
function identityKey(a: SyncAnnotation): string {
  return `${a.projectId.length}:${a.taskId.length}:${a.projectId}${a.taskId}${a.annotatorId}`;
}

/**
 * Positive when `a` is the newer version. Revisions are per annotator, so two devices of one annotator that never
 * met can hand out the same revision; updatedAt and deviceId break that tie. Two versions equal in all three but
 * different in content (a bug elsewhere, or a hand-edited file) are still ordered, by their content, so that every
 * device picks the same winner.
 */
export function compareVersions(a: SyncAnnotation, b: SyncAnnotation): number {
  return a.revision - b.revision || a.updatedAt - b.updatedAt || compareText(a.deviceId, b.deviceId) || compareText(contentKey(a), contentKey(b));
}

function contentKey(a: SyncAnnotation): string {
  return JSON.stringify([a.status, a.value, a.role, a.createdAt, a.annotatorName, a.suggestion ?? null]);
}

/** The newest version of every identity seen so far: the whole state a merge needs, whatever the input size. */
export class MergeSet {
  readonly #winners = new Map<string, SyncAnnotation>();

  /** True when `a` is now the winner of its identity (it was new, or newer than what was kept). */
  add(a: SyncAnnotation): boolean {
    const key = identityKey(a);
    const kept = this.#winners.get(key);
    if (kept !== undefined && compareVersions(a, kept) <= 0) return false;
    this.#winners.set(key, a);
    return true;
  }

  get(a: SyncAnnotation): SyncAnnotation | undefined {
    return this.#winners.get(identityKey(a));
  }

  get size(): number {
    return this.#winners.size;
  }

  /** In identity order, so equal sets give equal lists and files. */
  sorted(): SyncAnnotation[] {
    return [...this.#winners.values()].sort(compareIdentity);
  }
}

export function mergeAll(lists: Iterable<readonly SyncAnnotation[]>): SyncAnnotation[] {
  const set = new MergeSet();
  for (const list of lists) for (const a of list) set.add(a);
  return set.sorted();
}

export function mergeAnnotations(a: readonly SyncAnnotation[], b: readonly SyncAnnotation[]): SyncAnnotation[] {
  return mergeAll([a, b]);
}

/** Where an incoming annotation stands against what we have, for the summary shown before an import is applied. */
export interface ImportPlan {
  /** Identities we have never seen. */
  added: SyncAnnotation[];
  /** Newer versions of annotations we have. */
  updated: { ours: SyncAnnotation; theirs: SyncAnnotation }[];
  /** Exactly what we have. */
  unchanged: SyncAnnotation[];
  /** Older than what we have: importing them changes nothing. */
  stale: { ours: SyncAnnotation; theirs: SyncAnnotation }[];
}

/** Applying a plan means writing `added` and every `updated[].theirs`; the result is mergeAnnotations(existing, incoming). */
export function planImport(existing: readonly SyncAnnotation[], incoming: readonly SyncAnnotation[]): ImportPlan {
  const ours = new MergeSet();
  for (const a of existing) ours.add(a);
  const plan: ImportPlan = { added: [], updated: [], unchanged: [], stale: [] };
  // A file may hold an identity twice; only its newest version can change anything.
  for (const theirs of mergeAll([incoming])) {
    const kept = ours.get(theirs);
    if (kept === undefined) plan.added.push(theirs);
    else {
      const order = compareVersions(theirs, kept);
      if (order > 0) plan.updated.push({ ours: kept, theirs });
      else if (order === 0) plan.unchanged.push(theirs);
      else plan.stale.push({ ours: kept, theirs });
    }
  }
  return plan;
}
