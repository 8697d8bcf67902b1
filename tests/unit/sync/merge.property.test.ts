// Merging, checked over random histories: several annotators on several devices (two devices of one annotator
// that never met hand out the same revisions), labels, skips, undos (tombstones) and reviews, with clocks that
// disagree. Devices export full and delta files at random moments; files arrive partial, twice, in any order, and
// some were edited by hand or come from a twin device (same revision and time, other content). Small domains make
// collisions common.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { compareVersions, MergeSet, mergeAll, mergeAnnotations, planImport } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';

const LABELS = ['pos', 'neg', 'neu'];

const writeArb = fc.record({
  annotator: fc.constantFrom(0, 0, 0, 1, 2),
  device: fc.nat(1),
  project: fc.constantFrom(0, 0, 0, 1),
  task: fc.nat(2),
  status: fc.constantFrom('labelled', 'labelled', 'skipped', 'retracted'),
  value: fc.subarray(LABELS),
  // Device clocks disagree, and several writes can share a millisecond.
  skew: fc.integer({ min: -1, max: 1 }),
});

const fileArb = fc.record({
  writer: fc.nat(5),
  upTo: fc.nat(60),
  kind: fc.constantFrom('full', 'delta', 'partial', 'edited'),
  since: fc.nat(8),
  keep: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
});

const historyArb = fc.record({
  writes: fc.array(writeArb, { maxLength: 50 }),
  files: fc.array(fileArb, { minLength: 1, maxLength: 6 }),
  seed: fc.integer(),
});

type HistorySpec = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;
type History = { versions: SyncAnnotation[]; files: SyncAnnotation[][] };

/** Replays the writes; each device keeps its own revision counter, as a device that never synced would. */
function replay({ writes, files }: HistorySpec): History {
  const counters = new Map<string, number>();
  const versions = writes.map((w, step) => {
    const device = `dev-${w.annotator}-${w.device}`;
    const revision = (counters.get(device) ?? 0) + 1;
    counters.set(device, revision);
    const at = Math.floor(step / 8) + w.skew;
    return {
      projectId: `p${w.project}`,
      taskId: `t${w.task}`,
      annotatorId: `ann-${w.annotator}`,
      annotatorName: `Annotator ${w.annotator}`,
      role: w.annotator === 2 ? 'review' : 'label',
      value: w.status === 'labelled' ? w.value : [],
      status: w.status,
      createdAt: at,
      updatedAt: at,
      revision,
      deviceId: device,
    } satisfies SyncAnnotation;
  });
  const exported = files.map((f) => {
    const writer = `dev-${f.writer % 3}-${f.writer % 2}`;
    const made = versions.slice(0, f.upTo).filter((a) => a.deviceId === writer);
    if (f.kind === 'full') return mergeAll([made]);
    if (f.kind === 'delta') return mergeAll([made.filter((a) => a.revision > f.since)]);
    const some = versions.filter((_, i) => f.keep[i % f.keep.length]);
    if (f.kind === 'partial') return some;
    // Hand-edited, or made by the annotator's other device with the same revision in the same millisecond.
    const twin = (device: string) => (f.since % 2 === 0 ? device : device.replace(/\d$/, (d) => String(1 - Number(d))));
    return some.map((a): SyncAnnotation => ({ ...a, deviceId: twin(a.deviceId), value: LABELS.filter((l) => !a.value.includes(l)), status: 'labelled' }));
  });
  return { versions, files: exported };
}

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

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
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
        const again = shuffled([...files, ...files.slice(0, 2)], h.seed);
        expect(mergeAll(again)).toEqual(mergeAll(files));
      }),
    );
  });

  it('is idempotent, commutative and associative', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const [a = [], b = [], c = []] = replay(h).files;
        const ab = mergeAnnotations(a, b);
        expect(mergeAnnotations(a, a)).toEqual(mergeAll([a]));
        expect(mergeAnnotations(ab, b)).toEqual(ab);
        expect(ab).toEqual(mergeAnnotations(b, a));
        expect(mergeAnnotations(ab, c)).toEqual(mergeAnnotations(a, mergeAnnotations(b, c)));
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
        const readBack: SyncAnnotation[][] = [];
        for (const [i, file] of files.entries()) {
          for (const projectId of ['p0', 'p1']) {
            const header = { projectId, annotator: { id: 'ann-0', name: 'A' }, deviceId: `dev-${i}`, createdAt: 0, scope: 'full' } as const;
            const text = await writeLabelFile(header, file.filter((a) => a.projectId === projectId));
            readBack.push((await readLabelFile(text, `file-${i}.labels.jsonl`)).annotations);
          }
        }
        expect(mergeAll(readBack)).toEqual(mergeAll(files));
      }),
      { numRuns: 40 },
    );
  });
});
