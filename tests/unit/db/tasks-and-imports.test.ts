import { describe, expect, it } from 'vitest';
import { getProgress, writeAnnotation } from '../../../src/lib/db/annotations';
import { beginImport, finishImport, loadTaskIds, recoverInterruptedImports, rollbackImport, writeTaskBatch } from '../../../src/lib/db/imports';
import { deleteProject } from '../../../src/lib/db/projects';
import { countTasks, findOpenTask, getTaskAt, hasOpenTask } from '../../../src/lib/db/tasks';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { addTasks, freshDb, makeProject } from '../support/factories';

const task = (id: string, text = `text of ${id}`, line = 1) => ({ id, text, meta: { source: 'unit' }, line, idFromFile: true });

describe('task batches', () => {
  it('numbers new tasks in import order and skips ids already present, in the batch or the project', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    const first = await beginImport(db, project.id, 'a.jsonl', 'jsonl');
    const known = await loadTaskIds(db, project.id);
    expect(await writeTaskBatch(db, first.id, [task('a'), task('b'), task('a')], [{ line: 4, message: 'bad' }], known)).toEqual({ added: 2, duplicates: 1 });
    await finishImport(db, first.id);
    const second = await beginImport(db, project.id, 'b.jsonl', 'jsonl');
    // A fresh read of the project's ids, as the next import does: the earlier import's tasks count as known.
    expect(await writeTaskBatch(db, second.id, [task('b'), task('c')], [], await loadTaskIds(db, project.id))).toEqual({ added: 1, duplicates: 1 });
    const done = await finishImport(db, second.id);
    expect(done).toMatchObject({ status: 'done', added: 1, duplicates: 1, rejected: 0, firstSeq: 2 });
    expect((await getTaskAt(db, project.id, 2))?.id).toBe('c');
    expect((await db.imports.get(first.id))?.problems).toEqual([{ line: 4, message: 'bad' }]);
    expect(await countTasks(db, project.id)).toBe(3);
  });

  it('fails the whole batch rather than overwrite a task when the known ids are stale', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 2);
    const run = await beginImport(db, project.id, 'stale.jsonl', 'jsonl');
    await expect(writeTaskBatch(db, run.id, [task('new'), task('t1')], [], new Map())).rejects.toThrow();
    expect(await countTasks(db, project.id)).toBe(2);
    expect((await getTaskAt(db, project.id, 1))?.text).toBe('text 1');
  });

  it('refuses a second import while one is running in the same project', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await beginImport(db, project.id, 'a.jsonl', 'jsonl');
    await expect(beginImport(db, project.id, 'b.jsonl', 'jsonl')).rejects.toThrow('Another import (a.jsonl) is still running');
  });

  it('rolls an import back whole: its tasks go, earlier tasks stay, numbering resumes where it began', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 3);
    const run = await beginImport(db, project.id, 'big.csv', 'csv');
    await writeTaskBatch(db, run.id, [task('x'), task('y')], [], await loadTaskIds(db, project.id));
    const rolled = await rollbackImport(db, run.id, 'cancelled', 'Import cancelled');
    expect(rolled).toMatchObject({ status: 'cancelled', added: 0, message: 'Import cancelled' });
    expect(await countTasks(db, project.id)).toBe(3);
    expect((await db.projects.get(project.id))?.nextSeq).toBe(3);
    await expect(writeTaskBatch(db, run.id, [task('z')], [], new Map())).rejects.toThrow('This import was stopped.');
  });

  it('takes back what was kept about the rolled-back tasks meanwhile, and says how many labels went', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 2);
    const run = await beginImport(db, project.id, 'big.csv', 'csv');
    await writeTaskBatch(db, run.id, [task('x'), task('y')], [], await loadTaskIds(db, project.id));
    // While later batches were coming, the annotator labelled an earlier task and two of the import's; the model
    // embedded one of them.
    for (const taskId of ['t0', 'x', 'y']) await writeAnnotation(db, { projectId: project.id, taskId, value: ['Positive'], status: 'labelled' });
    const vector = new Float32Array([1, 0]);
    await db.embeddings.bulkPut([{ projectId: project.id, taskId: 't1', modelId: 'm', vector }, { projectId: project.id, taskId: 'x', modelId: 'm', vector }]);
    await db.prelabels.put({ projectId: project.id, taskId: 'y', value: ['Positive'], score: null, source: 'big.csv' });
    const annotator = await getOrCreateLocalAnnotator(db);

    const rolled = await rollbackImport(db, run.id, 'cancelled', 'Import cancelled; nothing from this file was kept.');
    expect(rolled?.message).toBe('Import cancelled; nothing from this file was kept. The 2 labels made on its tasks meanwhile went with them.');
    expect((await db.annotations.toArray()).map((a) => a.taskId)).toEqual(['t0']);
    expect((await db.embeddings.toArray()).map((e) => e.taskId)).toEqual(['t1']);
    expect(await db.prelabels.count()).toBe(0);
    expect(await getProgress(db, project.id, annotator.id)).toEqual({ total: 2, labelled: 1, skipped: 0 });
    // A task of the same id imported again starts unlabelled.
    const again = await beginImport(db, project.id, 'big.csv', 'csv');
    await writeTaskBatch(db, again.id, [task('x')], [], await loadTaskIds(db, project.id));
    expect(await db.annotations.where('[projectId+taskId]').equals([project.id, 'x']).count()).toBe(0);
  });

  it('says nothing of labels when none were made on the rolled-back tasks', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    const run = await beginImport(db, project.id, 'a.jsonl', 'jsonl');
    await writeTaskBatch(db, run.id, [task('x')], [], new Map());
    await writeAnnotation(db, { projectId: (await makeProject(db, { name: 'other' })).id, taskId: 'x', value: ['Positive'], status: 'labelled' });
    expect((await rollbackImport(db, run.id, 'failed', 'a.jsonl: bad line 3'))?.message).toBe('a.jsonl: bad line 3');
    expect(await db.annotations.count()).toBe(1);
  });

  it('recovers imports a closed tab left running, but not ones another tab still owns', async () => {
    const db = freshDb();
    const one = await makeProject(db, { name: 'one' });
    const two = await makeProject(db, { name: 'two' });
    const dead = await beginImport(db, one.id, 'dead.jsonl', 'jsonl');
    await writeTaskBatch(db, dead.id, [task('a')], [], new Map());
    const alive = await beginImport(db, two.id, 'alive.jsonl', 'jsonl');
    await writeTaskBatch(db, alive.id, [task('b')], [], new Map());
    const recovered = await recoverInterruptedImports(db, async (id) => id === alive.id);
    expect(recovered.map((r) => [r.fileName, r.status])).toEqual([['dead.jsonl', 'interrupted']]);
    expect(await countTasks(db, one.id)).toBe(0);
    expect(await countTasks(db, two.id)).toBe(1);
  });
});

describe('findOpenTask', () => {
  it('finds the first task not yet done from a position, wrapping around once, across scan pages', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    const annotator = await getOrCreateLocalAnnotator(db);
    await addTasks(db, project.id, 150);
    for (let i = 0; i < 140; i++) {
      await writeAnnotation(db, { projectId: project.id, taskId: `t${i}`, value: ['Positive'], status: i % 2 ? 'skipped' : 'labelled' });
    }
    expect((await findOpenTask(db, project.id, annotator.id, 0))?.id).toBe('t140');
    expect((await findOpenTask(db, project.id, annotator.id, 145))?.id).toBe('t145');
    await writeAnnotation(db, { projectId: project.id, taskId: 't3', value: [], status: 'retracted' });
    expect((await findOpenTask(db, project.id, annotator.id, 149))?.id).toBe('t149');
    for (let i = 140; i < 150; i++) await writeAnnotation(db, { projectId: project.id, taskId: `t${i}`, value: ['Negative'], status: 'labelled' });
    expect((await findOpenTask(db, project.id, annotator.id, 100))?.id).toBe('t3');
  });
});

describe('hasOpenTask', () => {
  it('tells from keys whether the annotator has a task left: a retracted label reopens one, another annotator\'s does not count', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    const annotator = await getOrCreateLocalAnnotator(db);
    await addTasks(db, project.id, 3);
    expect(await hasOpenTask(db, project.id, annotator.id)).toBe(true);
    await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: [], status: 'skipped' });
    // Someone else's label on the last task leaves it open for this annotator.
    await db.annotations.put({ ...(await db.annotations.get([project.id, 't0', annotator.id]))!, taskId: 't2', annotatorId: 'someone else' });
    expect(await hasOpenTask(db, project.id, annotator.id)).toBe(true);
    await writeAnnotation(db, { projectId: project.id, taskId: 't2', value: ['Negative'], status: 'labelled' });
    expect(await hasOpenTask(db, project.id, annotator.id)).toBe(false);
    await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: [], status: 'retracted' });
    expect(await hasOpenTask(db, project.id, annotator.id)).toBe(true);
  });
});

describe('deleteProject', () => {
  it('removes the project with its tasks, annotations and imports, and nothing of other projects', async () => {
    const db = freshDb();
    const doomed = await makeProject(db, { name: 'doomed' });
    const kept = await makeProject(db, { name: 'kept' });
    await addTasks(db, doomed.id, 5);
    await addTasks(db, kept.id, 2);
    await writeAnnotation(db, { projectId: doomed.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    await writeAnnotation(db, { projectId: kept.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    await deleteProject(db, doomed.id);
    expect(await db.projects.get(doomed.id)).toBeUndefined();
    expect(await db.tasks.count()).toBe(2);
    expect(await db.annotations.count()).toBe(1);
    expect(await db.imports.where('projectId').equals(doomed.id).count()).toBe(0);
  });
});
