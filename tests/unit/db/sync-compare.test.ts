// A compare project's bundle opened on another device: its rubric, its tasks' responses and its judgements arrive
// whole, a judgement of other responses refuses the bundle, and the device's bundle carries them on again.
import { describe, expect, it } from 'vitest';
import { applyBundle, applyIncoming, bundleContents, projectAnnotations } from '../../../src/lib/db/sync-queries';
import type { Bundle } from '../../../src/lib/sync/bundle';
import { better, compareContent, judged, judgement, RUBRIC } from '../sync/compare-factories';
import { MAY_FIRST } from '../sync/factories';
import { freshDb } from '../support/factories';

function compareBundle(annotations: Bundle['labels'] = null): Bundle {
  return {
    project: { id: 'proj-1', name: 'Chat answers', taskType: 'compare', labels: [], instructions: '', strategy: 'sequential', allowOverlap: false, rubric: RUBRIC },
    createdBy: { id: 'ann-coord', name: 'Coordinator' },
    createdAt: MAY_FIRST,
    tasks: [
      { id: 'c1', seq: 0, text: 'What is the capital of France?', meta: {}, compare: compareContent() },
      { id: 'c2', seq: 1, text: 'Name a river.', meta: {}, compare: compareContent(['x', 'y', 'z']) },
    ],
    labels: annotations,
    model: {},
  };
}

function labelsOf(...annotations: ReturnType<typeof judged>[]): Bundle['labels'] {
  return {
    fileName: 'annotations.labels.jsonl',
    header: { version: 1, projectId: 'proj-1', annotator: { id: 'ann-coord', name: 'Coordinator' }, deviceId: 'dev', createdAt: MAY_FIRST, scope: 'full', sinceRevision: null, count: annotations.length, checksum: '' },
    annotations,
    lines: annotations.map((_, i) => i + 2),
  };
}

describe('a compare project opened from a bundle', () => {
  it('stores the rubric and each task\'s conversation and responses, and writes them into its own bundle again', async () => {
    const db = freshDb();
    const ada = judged('c1', 'ann-ada', judgement(['r2', 'r1'], better('r1'), { ratings: { Helpful: 5 } }));
    const outcome = await applyBundle(db, compareBundle(labelsOf(ada)));
    expect(outcome).toMatchObject({ created: true, addedTasks: 2 });
    expect((await db.projects.get('proj-1'))?.rubric).toEqual(RUBRIC);
    expect((await db.tasks.get(['proj-1', 'c2']))?.compare).toEqual(compareContent(['x', 'y', 'z']));
    expect((await projectAnnotations(db, 'proj-1')).map((a) => a.value)).toEqual([ada.value]);
    const again = await bundleContents(db, 'proj-1');
    expect(again.project.rubric).toEqual(RUBRIC);
    expect(again.tasks.map((t) => t.compare)).toEqual(compareBundle().tasks.map((t) => t.compare));
  });

  it('refuses, changing nothing, a bundle whose judgement shows responses its task does not have', async () => {
    const db = freshDb();
    const wrong = judged('c2', 'ann-ada', judgement(['r1', 'r2'], better('r1')));
    await expect(applyBundle(db, compareBundle(labelsOf(wrong)))).rejects.toThrow(/line 2: judgement ".*: shows responses \["r1","r2"\], but its task has \["x","y","z"\]/);
    expect(await db.projects.count()).toBe(0);
    expect(await db.tasks.count()).toBe(0);
  });

  it('refuses a classification label in a compare project\'s label file', async () => {
    const db = freshDb();
    await applyBundle(db, compareBundle());
    await expect(applyIncoming(db, 'proj-1', [judged('c1', 'ann-bo', judgement(['r1', 'r2'], null), { value: ['positive'] })])).rejects.toThrow(
      /"positive" is a label, but this project compares responses/,
    );
    expect(await projectAnnotations(db, 'proj-1')).toEqual([]);
  });
});
