// Label files and bundles applied to the database: annotations of tasks the project does not have are kept apart
// (never counted), join their tasks when a bundle brings them, and values that are no label of the project refuse
// what carries them, with nothing changed.
import { describe, expect, it, vi } from 'vitest';
import { getProgress } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { heldAnnotations, labelledTasks } from '../../../src/lib/db/held';
import type { ProjectRow } from '../../../src/lib/db/rows';
import { applyBundle, applyIncoming, bundleContents, countHeld, labelFileAnnotations, projectAnnotations } from '../../../src/lib/db/sync-queries';
import { agreementReport } from '../../../src/lib/sync/agreement-report';
import type { Bundle } from '../../../src/lib/sync/bundle';
import { planTotals } from '../../../src/lib/sync/held';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
import type { SyncAnnotation } from '../../../src/lib/sync/types';
import { fullHeader, syncAnnotation } from '../sync/factories';
import { addTasks, freshDb, makeProject } from '../support/factories';

async function setUp(taskType: 'single' | 'spans' = 'single'): Promise<{ db: FieldlabelDb; project: ProjectRow; me: string }> {
  const db = freshDb();
  const project = await makeProject(db, taskType === 'spans' ? { taskType, labels: 'PER\nORG' } : { labels: 'Yes\nNo' });
  await addTasks(db, project.id, 10);
  return { db, project, me: (await getOrCreateLocalAnnotator(db)).id };
}

const votes = (projectId: string, annotatorId: string, taskIds: string[], value = ['Yes'], revision = 1): SyncAnnotation[] =>
  taskIds.map((taskId) => syncAnnotation({ projectId, taskId, annotatorId, annotatorName: annotatorId, value, revision, deviceId: `dev-${annotatorId}` }));

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Everything the two sets hold, for comparing states. */
async function state(db: FieldlabelDb, projectId: string): Promise<{ labels: SyncAnnotation[]; held: SyncAnnotation[] }> {
  const key = (a: SyncAnnotation) => `${a.taskId}/${a.annotatorId}`;
  const sorted = (list: SyncAnnotation[]) => list.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  return { labels: sorted(await projectAnnotations(db, projectId)), held: sorted(await heldAnnotations(db, projectId)) };
}

async function bundleOf(db: FieldlabelDb, project: ProjectRow, extraTasks: string[], annotations?: SyncAnnotation[]): Promise<Bundle> {
  const { project: shape, tasks } = await bundleContents(db, project.id);
  const all = [...tasks, ...extraTasks.map((id, i) => ({ id, seq: tasks.length + i, text: `more ${i}`, meta: {} }))];
  const labels = annotations ? await readLabelFile(await writeLabelFile(fullHeader({ projectId: project.id }), annotations), 'p.fieldlabel.zip: annotations.labels.jsonl') : null;
  return { project: shape, createdBy: { id: 'coord', name: 'Coordinator' }, createdAt: 5, tasks: all, labels, model: {} };
}

describe('annotations of tasks the project does not have', () => {
  it('are kept apart: progress, agreement and review count only the project\'s tasks', async () => {
    const { db, project, me } = await setUp();
    const plan = await applyIncoming(db, project.id, [
      ...votes(project.id, me, range('t', 10)),
      ...votes(project.id, me, range('ghost', 1_000)),
      ...votes(project.id, 'bo', range('ghost', 1_000), ['No']),
    ]);
    expect(planTotals(plan)).toEqual({ added: 10, updated: 0, unchanged: 0, stale: 0, keptApart: 2_000, keptApartTasks: 1_000 });
    expect(await getProgress(db, project.id, me)).toEqual({ total: 10, labelled: 10, skipped: 0 });
    expect(agreementReport(await projectAnnotations(db, project.id), 'single', ['Yes', 'No'])).toMatchObject({ tasks: 10, pairableTasks: 0, annotators: 1 });
    expect(await countHeld(db, project.id)).toEqual({ annotations: 2_000, tasks: 1_000 });
  });

  it('travel in full label files, and come back kept apart on the device that reads one', async () => {
    const { db, project, me } = await setUp();
    await applyIncoming(db, project.id, [...votes(project.id, me, ['t0']), ...votes(project.id, 'bo', ['ghost1', 'ghost2'])]);
    const carried = await labelFileAnnotations(db, project.id);
    expect(carried.map((a) => a.taskId).sort()).toEqual(['ghost1', 'ghost2', 't0']);

    const elsewhere = freshDb();
    await applyBundle(elsewhere, await bundleOf(db, project, []));
    await applyIncoming(elsewhere, project.id, carried);
    expect((await state(elsewhere, project.id)).held.map((a) => a.taskId)).toEqual(['ghost1', 'ghost2']);
  });

  it('merge among themselves by the usual rules: a newer version replaces an older one, an older one changes nothing', async () => {
    const { db, project } = await setUp();
    await applyIncoming(db, project.id, votes(project.id, 'bo', ['ghost'], ['Yes'], 2));
    const older = await applyIncoming(db, project.id, votes(project.id, 'bo', ['ghost'], ['No'], 1));
    expect(older.held.stale).toHaveLength(1);
    const newer = await applyIncoming(db, project.id, votes(project.id, 'bo', ['ghost'], ['No'], 3));
    expect(newer.held.updated).toHaveLength(1);
    expect((await heldAnnotations(db, project.id)).map((a) => [a.value, a.revision])).toEqual([[['No'], 3]]);
  });

  it('join their tasks when a bundle brings them, through the merge rules, and opening it again changes nothing', async () => {
    const { db, project } = await setUp();
    await applyIncoming(db, project.id, [...votes(project.id, 'bo', ['new1', 'new2'], ['No'], 5), ...votes(project.id, 'bo', ['later'])]);
    const bundle = await bundleOf(db, project, ['new1', 'new2'], votes(project.id, 'bo', ['new1'], ['Yes'], 4));
    const outcome = await applyBundle(db, bundle);
    expect(outcome).toMatchObject({ created: false, addedTasks: 2, joined: 2, misfits: 0 });
    const after = await state(db, project.id);
    expect(after.labels.map((a) => [a.taskId, a.value, a.revision])).toEqual([['new1', ['No'], 5], ['new2', ['No'], 5]]);
    expect(after.held.map((a) => a.taskId)).toEqual(['later']);

    expect(await applyBundle(db, bundle)).toMatchObject({ addedTasks: 0, joined: 0 });
    expect(await state(db, project.id)).toEqual(after);
  });

  it('join tasks a task file brings too, once its import is done', async () => {
    const { db, project } = await setUp();
    await applyIncoming(db, project.id, votes(project.id, 'bo', ['x0', 'x1', 'elsewhere']));
    await addTasks(db, project.id, 2, 'x');
    expect((await state(db, project.id)).held.map((a) => a.taskId)).toEqual(['elsewhere']);
    expect((await projectAnnotations(db, project.id)).map((a) => a.taskId).sort()).toEqual(['x0', 'x1']);
  });

  it('stay apart when the task that arrives is not the one their spans were made on', async () => {
    const { db, project } = await setUp('spans');
    await applyIncoming(db, project.id, [...votes(project.id, 'bo', ['new0'], ['0:4:PER']), ...votes(project.id, 'bo', ['new1'], ['0:40:PER'])]);
    expect(await applyBundle(db, await bundleOf(db, project, ['new0', 'new1']))).toMatchObject({ joined: 1, misfits: 1 });
    expect((await state(db, project.id)).held.map((a) => a.taskId)).toEqual(['new1']);
  });
});

describe('values that cannot be labels of the project', () => {
  it('refuse a bundle whose labels carry one, naming the entry and the line; nothing of the bundle is applied', async () => {
    const { db, project, me } = await setUp();
    const bundle = await bundleOf(db, project, ['new1'], [...votes(project.id, me, ['t0']), ...votes(project.id, me, ['t1'], ['NOT-A-LABEL'])]);
    await expect(applyBundle(db, bundle)).rejects.toThrow('p.fieldlabel.zip: annotations.labels.jsonl, line 3: "NOT-A-LABEL" is not a label of this project (its labels: Yes, No)');
    expect(await db.tasks.count()).toBe(10);
    expect(await db.annotations.count()).toBe(0);
  });

  it('are never applied, even when a file reaches the database without the Sync screen\'s check', async () => {
    const { db, project, me } = await setUp();
    await expect(applyIncoming(db, project.id, [...votes(project.id, me, ['t0']), ...votes(project.id, 'bo', ['t1'], ['Yes', 'No'])])).rejects.toThrow(
      'An annotation by "bo" of task "t1" cannot be applied: holds 2 labels ("Yes", "No"), but this project takes one label per task.',
    );
    expect(await db.annotations.count()).toBe(0);
  });
});

describe('the tasks incoming annotations are checked against', () => {
  it('are read page by page when the annotations point into many of them, one get each when into a few', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nORG' });
    await addTasks(db, project.id, 2_500);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const many = await labelledTasks(db, project.id, [...range('t', 2_500), 'ghost']);
    expect(gets).not.toHaveBeenCalled();
    const few = await labelledTasks(db, project.id, ['t7', 't2499', 'ghost']);
    expect(gets).toHaveBeenCalledTimes(3);
    gets.mockRestore();
    expect(many.size).toBe(2_500);
    expect(many.get('t2499')).toEqual({ text: 'text 2499' });
    expect([...few]).toEqual([['t7', { text: 'text 7' }], ['t2499', { text: 'text 2499' }]]);
  });

  it('are read once when a file of many annotations is applied, and every value is checked against its task', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nORG' });
    await addTasks(db, project.id, 1_500);
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const past = votes(project.id, 'bo', ['t1499'], ['0:10:PER']);
    await expect(applyIncoming(db, project.id, [...votes(project.id, 'bo', range('t', 1_499), ['0:4:PER']), ...past])).rejects.toThrow(/cannot be applied/);
    const plan = await applyIncoming(db, project.id, votes(project.id, 'bo', range('t', 1_500), ['0:4:PER']));
    expect(gets.mock.calls.length).toBeLessThan(10);
    gets.mockRestore();
    expect(planTotals(plan)).toMatchObject({ added: 1_500, keptApart: 0 });
  });
});
