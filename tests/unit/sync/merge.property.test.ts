// Merging, checked over random histories (histories.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, MergeSet, mergeAll, mergeAnnotations, planImport } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { expectMergeLaws, historyArb, throughLabelFiles, reordered, replay, shuffled } from './histories';

/** The specification, restated: per identity, the maximum of (revision, updatedAt, deviceId, content). */
function newestOfEach(annotations: readonly SyncAnnotation[]): SyncAnnotation[] {
  const key = (a: SyncAnnotation) => [a.revision, a.updatedAt, a.deviceId, JSON.stringify([a.status, a.value, a.role, a.createdAt, a.annotatorName])] as const;
  const newer = (a: SyncAnnotation, b: SyncAnnotation) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number | string) > (y[i] as number | string);
    return false;
  };
  const best = new Map<string, SyncAnnotation>();
  for (const a of annotations) {
    const id = `${a.projectId}|${a.taskId}|${a.annotatorId}`;
    const kept = best.get(id);
    if (kept === undefined || newer(a, kept)) best.set(id, a);
  }
  return [...best.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, a]) => a);
}

describe('merging label files', () => {
  it('gives, for each annotation, the newest version ever seen in any file', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { files } = replay(h);
        expect(mergeAll(files)).toEqual(newestOfEach(files.flat()));
      }),
    );
  });

  it('gives the same result in every order, with files applied twice', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { files } = replay(h);
        const again = reordered(files, h.seed);
        expect(mergeAll(again)).toEqual(mergeAll(files));
      }),
    );
  });

  it('is idempotent, commutative and associative', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const [a = [], b = [], c = []] = replay(h).files;
        expectMergeLaws(a, b, c);
      }),
    );
  });

  it('never drops an annotation unless a newer version of itself replaced it', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { files } = replay(h);
        const merged = new MergeSet();
        for (const a of mergeAll(files)) merged.add(a);
        for (const a of files.flat()) {
          const kept = merged.get(a);
          expect(kept).toBeDefined();
          expect(compareVersions(kept as SyncAnnotation, a)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('a device’s deltas, merged in any order, equal its full export', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat(40), { maxLength: 4 }), (h, cuts) => {
        const { versions } = replay(h);
        const device = versions[0]?.deviceId;
        const made = versions.filter((a) => a.deviceId === device);
        const bounds = [0, ...cuts.sort((x, y) => x - y), Number.MAX_SAFE_INTEGER];
        const deltas = bounds.slice(1).map((upTo, i) => mergeAll([made.filter((a) => a.revision > (bounds[i] as number) && a.revision <= upTo)]));
        expect(mergeAll(shuffled(deltas, h.seed))).toEqual(mergeAll([made]));
      }),
    );
  });

  it('plans an import whose application equals the merge', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const [existing = [], incoming = []] = replay(h).files;
        const plan = planImport(existing, incoming);
        const applied = mergeAll([existing, plan.added, plan.updated.map((u) => u.theirs)]);
        expect(applied).toEqual(mergeAnnotations(existing, incoming));
        expect(plan.added.length + plan.updated.length + plan.unchanged.length + plan.stale.length).toBe(mergeAll([incoming]).length);
        for (const { ours, theirs } of plan.stale) expect(compareVersions(theirs, ours)).toBeLessThan(0);
      }),
    );
  });

  it('merges the same after a round trip through label files', async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, async (h) => {
        const { files } = replay(h);
        expect(mergeAll(await throughLabelFiles(files))).toEqual(mergeAll(files));
      }),
      { numRuns: 40 },
    );
  });
});
