import { describe, expect, it } from 'vitest';
import { compareVersions, mergeAll, mergeAnnotations, planImport } from '../../../src/lib/sync/merge';
import { syncAnnotation } from './factories';

const v = syncAnnotation;

describe('merging two versions of one annotation', () => {
  it('keeps the higher revision, whatever its time stamp says', () => {
    const old = v({ revision: 3, updatedAt: 9_000, value: ['negative'] });
    const newer = v({ revision: 4, updatedAt: 1_000, value: ['positive'] });
    expect(mergeAnnotations([old], [newer])).toEqual([newer]);
    expect(mergeAnnotations([newer], [old])).toEqual([newer]);
  });

  it('breaks a revision tie (two devices of one annotator) by time, then by device id', () => {
    const tablet = v({ revision: 5, updatedAt: 2_000, deviceId: 'dev-tablet' });
    const phone = v({ revision: 5, updatedAt: 3_000, deviceId: 'dev-phone' });
    expect(mergeAll([[tablet], [phone]])).toEqual([phone]);
    const sameTime = { ...tablet, updatedAt: 3_000 };
    expect(mergeAll([[phone], [sameTime]])).toEqual([sameTime]);
  });

  it('orders even versions equal in revision, time and device, by content, so every device picks the same one', () => {
    const a = v({ value: ['negative'] });
    const b = v({ value: ['positive'] });
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(mergeAll([[a], [b]])).toEqual(mergeAll([[b], [a]]));
  });

  it('lets an undo (a retracted tombstone) win over the label it undid, so it is never resurrected', () => {
    const labelled = v({ revision: 7 });
    const undone = v({ revision: 8, status: 'retracted', value: [] });
    expect(mergeAll([[undone], [labelled], [labelled]])).toEqual([undone]);
  });

  it('keeps different annotators’ annotations of a task side by side, sorted by task and annotator', () => {
    const ada = v({ taskId: 't2' });
    const bo = v({ taskId: 't2', annotatorId: 'ann-bo', value: ['negative'] });
    const earlier = v({ taskId: 't1', annotatorId: 'ann-bo' });
    expect(mergeAll([[bo, ada], [earlier]])).toEqual([earlier, ada, bo]);
  });
});

describe('planning an import, for the summary shown before it is applied', () => {
  it('sorts incoming annotations into new, updated, unchanged and stale', () => {
    const ours = [v({ taskId: 't1', revision: 2 }), v({ taskId: 't2', revision: 5 }), v({ taskId: 't3', revision: 4 })];
    const theirs = [
      v({ taskId: 't1', revision: 3, value: ['negative'] }),
      v({ taskId: 't2', revision: 5 }),
      v({ taskId: 't3', revision: 1 }),
      v({ taskId: 't4', revision: 6 }),
      v({ taskId: 't4', revision: 5 }),
    ];
    const plan = planImport(ours, theirs);
    expect(plan.added).toEqual([theirs[3]]);
    expect(plan.updated).toEqual([{ ours: ours[0], theirs: theirs[0] }]);
    expect(plan.unchanged).toEqual([theirs[1]]);
    expect(plan.stale).toEqual([{ ours: ours[2], theirs: theirs[2] }]);
  });
});
