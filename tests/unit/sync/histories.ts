// Random histories for the merge laws: several annotators on several devices (two devices of one annotator
// that never met hand out the same revisions), labels, skips, undos (tombstones) and reviews, with clocks that
// disagree. Devices export full and delta files at random moments; files arrive partial, twice, in any order, and
// some were edited by hand or come from a twin device (same revision and time, other content). Small domains make
// collisions common.
import fc from 'fast-check';
import { expect } from 'vitest';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import { mergeAll, mergeAnnotations } from '../../../src/lib/sync/merge';
import type { SyncAnnotation } from '../../../src/lib/sync/types';

export const LABELS = ['pos', 'neg', 'neu'];

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

export const historyArb = fc.record({
  writes: fc.array(writeArb, { maxLength: 50 }),
  files: fc.array(fileArb, { minLength: 1, maxLength: 6 }),
  seed: fc.integer(),
});

export type HistorySpec = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;
type History = { versions: SyncAnnotation[]; files: SyncAnnotation[][] };

/** Replays the writes; each device keeps its own revision counter, as a device that never synced would. */
export function replay({ writes, files }: HistorySpec): History {
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

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}


/** The files again, some of them twice, in another order: what a coordinator's inbox looks like. */
export function reordered(files: readonly SyncAnnotation[][], seed: number): SyncAnnotation[][] {
  return shuffled([...files, ...files.slice(0, 2)], seed);
}

/** Merging is idempotent, commutative and associative on any three files. */
export function expectMergeLaws(a: SyncAnnotation[], b: SyncAnnotation[], c: SyncAnnotation[]): void {
  const ab = mergeAnnotations(a, b);
  expect(mergeAnnotations(a, a)).toEqual(mergeAll([a]));
  expect(mergeAnnotations(ab, b)).toEqual(ab);
  expect(ab).toEqual(mergeAnnotations(b, a));
  expect(mergeAnnotations(ab, c)).toEqual(mergeAnnotations(a, mergeAnnotations(b, c)));
}

/** Each file written as label files (one a project) and read back, as they travel between devices. */
export async function throughLabelFiles(files: readonly SyncAnnotation[][]): Promise<SyncAnnotation[][]> {
  const readBack: SyncAnnotation[][] = [];
  for (const [i, file] of files.entries()) {
    for (const projectId of ['p0', 'p1']) {
      const header = { projectId, annotator: { id: 'ann-0', name: 'A' }, deviceId: `dev-${i}`, createdAt: 0, scope: 'full' } as const;
      const text = await writeLabelFile(header, file.filter((a) => a.projectId === projectId));
      readBack.push((await readLabelFile(text, `file-${i}.labels.jsonl`)).annotations);
    }
  }
  return readBack;
}
