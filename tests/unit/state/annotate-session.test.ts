import { describe, expect, it } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import { beginImport, loadTaskIds, rollbackImport, writeTaskBatch } from '../../../src/lib/db/imports';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { TaskType } from '../../../src/lib/db/rows';
import { addTasks, freshDb, makeProject } from '../support/factories';

async function openSession(db: FieldlabelDb, tasks: number, taskType: TaskType = 'single') {
  const project = await makeProject(db, { taskType });
  await addTasks(db, project.id, tasks);
  const annotator = await getOrCreateLocalAnnotator(db);
  const reopen = async () => {
    const row = await db.projects.get(project.id);
    const session = new ClassificationSession(db, row!, annotator);
    await session.open();
    return session;
  };
  return { project, annotator, session: await reopen(), reopen };
}

describe('AnnotateSession (single label)', () => {
  it('labels and advances, skips, and counts progress without reloading rows', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 4);
    expect(session.task?.id).toBe('t0');
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('t1');
    await session.perform({ kind: 'skip' });
    expect(session.task?.id).toBe('t2');
    expect(session.progress).toEqual({ total: 4, labelled: 1, skipped: 1 });
    const stored = await db.annotations.toArray();
    expect(stored.map((a) => [a.taskId, a.status, a.value])).toEqual([
      ['t0', 'labelled', ['Positive']],
      ['t1', 'skipped', []],
    ]);
  });

  it('after an import is rolled back, no longer shows one of its tasks: the refresh chooses again', async () => {
    const db = freshDb();
    const { project, session } = await openSession(db, 1);
    // A second import is still running when the annotator reaches its first task (the session read the project
    // again meanwhile, say after a merge).
    const run = await beginImport(db, project.id, 'more.jsonl', 'jsonl');
    await writeTaskBatch(db, run.id, [{ id: 'x', text: 'from the import', meta: {}, line: 1, idFromFile: true }], [], await loadTaskIds(db, project.id));
    await session.refresh();
    expect(session.task?.id).toBe('t0');
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('x');
    await session.perform({ kind: 'label', label: 'Negative' });
    await rollbackImport(db, run.id, 'cancelled', 'Import cancelled');
    await session.refresh();
    expect(session.task?.id).toBe('t0');
    expect(session.progress).toEqual({ total: 1, labelled: 1, skipped: 0 });
    // The label of x went with it: undoing it would write a retraction of a task the project no longer has.
    await session.perform({ kind: 'undo' });
    expect(session.notice).toBe('Nothing to undo: that task went when its import was taken back.');
    expect((await db.annotations.toArray()).map((a) => a.taskId)).toEqual(['t0']);
    await session.perform({ kind: 'undo' });
    expect(session.progress).toEqual({ total: 1, labelled: 0, skipped: 0 });
  });

  it('shows no task once a rollback leaves the project without any', async () => {
    const db = freshDb();
    const { project, session } = await openSession(db, 0);
    const run = await beginImport(db, project.id, 'only.jsonl', 'jsonl');
    await writeTaskBatch(db, run.id, [{ id: 'x', text: 'from the import', meta: {}, line: 1, idFromFile: true }], [], new Map());
    await session.refresh();
    expect(session.task?.id).toBe('x');
    await rollbackImport(db, run.id, 'failed', 'only.jsonl: bad line 2');
    await session.refresh();
    expect(session.task).toBeNull();
    expect(session.progress).toEqual({ total: 0, labelled: 0, skipped: 0 });
  });

  it('undo restores the task as it was: a new label is retracted, a changed label gets its old value back', async () => {
    const db = freshDb();
    const { session, annotator, project } = await openSession(db, 3);
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.perform({ kind: 'undo' });
    expect(session.task?.id).toBe('t0');
    expect(session.progress.labelled).toBe(0);
    expect((await db.annotations.get([project.id, 't0', annotator.id]))?.status).toBe('retracted');

    await session.perform({ kind: 'label', label: 'Negative' });
    await session.perform({ kind: 'previous' });
    await session.perform({ kind: 'label', label: 'Neutral' });
    await session.perform({ kind: 'undo' });
    expect(session.task?.id).toBe('t0');
    expect(session.annotation).toMatchObject({ status: 'labelled', value: ['Negative'] });
    expect(session.progress.labelled).toBe(1);
    await session.perform({ kind: 'undo' });
    await session.perform({ kind: 'undo' });
    expect(session.notice).toBe('Nothing to undo.');
  });

  it('undoing twice on one task goes back twice: the second undo starts from what the first one stored', async () => {
    const db = freshDb();
    const { session, annotator, project } = await openSession(db, 2);
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.perform({ kind: 'previous' });
    await session.perform({ kind: 'label', label: 'Negative' });
    await session.perform({ kind: 'undo' });
    expect(session.annotation).toMatchObject({ status: 'labelled', value: ['Positive'] });
    await session.perform({ kind: 'undo' });
    expect(session.notice).toBeNull();
    expect((await db.annotations.get([project.id, 't0', annotator.id]))?.status).toBe('retracted');
    expect(session.progress.labelled).toBe(0);
  });

  it('reopens where the annotator left off and says when every task is done', async () => {
    const db = freshDb();
    const { session, reopen } = await openSession(db, 3);
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.savePosition();
    const again = await reopen();
    expect(again.task?.id).toBe('t2');
    expect(again.progress).toEqual({ total: 3, labelled: 2, skipped: 0 });
    await again.perform({ kind: 'skip' });
    expect(again.allDone).toBe(true);
    await again.perform({ kind: 'next' });
    expect(again.notice).toBe('This is the last task.');
  });

  it('passes over tasks labelled after the position was last saved', async () => {
    const db = freshDb();
    const { session, reopen } = await openSession(db, 4);
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.savePosition();
    await session.perform({ kind: 'label', label: 'Negative' });
    // Closed before the pause that saves the position: it still points at t1, which is done now.
    expect((await db.projects.toArray())[0]?.cursorSeq).toBe(1);
    const again = await reopen();
    expect(again.task?.id).toBe('t2');
    // With every task done, the task at the saved position shows (as after importing labelled data).
    await again.perform({ kind: 'label', label: 'Neutral' });
    await again.perform({ kind: 'label', label: 'Neutral' });
    await again.savePosition();
    const done = await reopen();
    expect(done.task?.id).toBe('t3');
    expect(done.allDone).toBe(true);
  });

  it('wraps round to an open task before the current one when none follows it', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 4);
    await session.perform({ kind: 'next' });
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('t3');
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('t0');
    expect(session.allDone).toBe(false);
  });

  it('applies a burst of keypresses in order', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 5);
    await Promise.all([
      session.perform({ kind: 'label', label: 'Positive' }),
      session.perform({ kind: 'label', label: 'Negative' }),
      session.perform({ kind: 'skip' }),
    ]);
    const stored = await db.annotations.orderBy('[projectId+taskId+annotatorId]').toArray();
    expect(stored.map((a) => [a.taskId, a.status, a.value[0] ?? null, a.revision])).toEqual([
      ['t0', 'labelled', 'Positive', 1],
      ['t1', 'labelled', 'Negative', 2],
      ['t2', 'skipped', null, 3],
    ]);
    expect(session.task?.id).toBe('t3');
  });
});

describe('AnnotateSession (multi label)', () => {
  it('toggles labels and stores them in label order on submit; refuses an empty submit', async () => {
    const db = freshDb();
    const { session } = await openSession(db, 2, 'multi');
    await session.perform({ kind: 'submit' });
    expect(session.notice).toBe('Choose at least one label, or skip the task.');
    await session.perform({ kind: 'label', label: 'Neutral' });
    await session.perform({ kind: 'label', label: 'Positive' });
    await session.perform({ kind: 'label', label: 'Negative' });
    await session.perform({ kind: 'label', label: 'Negative' });
    expect(session.selection).toEqual(['Neutral', 'Positive']);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('t1');
    expect((await db.annotations.toArray())[0]?.value).toEqual(['Positive', 'Neutral']);
    await session.perform({ kind: 'previous' });
    expect(session.selection).toEqual(['Positive', 'Neutral']);
  });
});

describe('AnnotateSession on a project that came in fully labelled', () => {
  it('opens on the saved task without reading every task to look for an open one, and Ctrl+Enter stays there', async () => {
    const db = freshDb();
    // Counts the task rows read, however they are read (a whole-table scan reads every one).
    let taskRowsRead = 0;
    db.use({
      stack: 'dbcore',
      name: 'count-task-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'tasks') return table;
          return {
            ...table,
            get: async (req) => {
              const row = await table.get(req);
              if (row !== undefined) taskRowsRead++;
              return row;
            },
            getMany: async (req) => {
              const rows = await table.getMany(req);
              taskRowsRead += rows.filter((row) => row !== undefined).length;
              return rows;
            },
            query: async (req) => {
              const result = await table.query(req);
              if (req.values) taskRowsRead += result.result.length;
              return result;
            },
          };
        },
      }),
    });
    const project = await makeProject(db, { taskType: 'single' });
    await addTasks(db, project.id, 300);
    const annotator = await getOrCreateLocalAnnotator(db);
    for (let i = 0; i < 300; i++) await writeAnnotation(db, { projectId: project.id, taskId: `t${i}`, value: ['Positive'], status: i % 10 === 9 ? 'skipped' : 'labelled' });
    taskRowsRead = 0;
    const session = new ClassificationSession(db, (await db.projects.get(project.id))!, annotator);
    await session.open();
    expect(session.task?.id).toBe('t0');
    expect(session.allDone).toBe(true);
    await session.perform({ kind: 'submit' });
    expect(session.task?.id).toBe('t0');
    expect(taskRowsRead).toBeLessThan(10);
  });
});
