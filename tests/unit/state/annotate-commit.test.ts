// A label's commit and the next task's display: the next task shows while the label is being written, the count
// moves only once it is stored, and a write that fails brings its task back with a message and no trace.
import { describe, expect, it, vi } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { addTasks, freshDb, makeProject } from '../support/factories';

async function openSession(db: FieldlabelDb, tasks: number) {
  const project = await makeProject(db);
  await addTasks(db, project.id, tasks);
  const annotator = await getOrCreateLocalAnnotator(db);
  const session = new ClassificationSession(db, project, annotator);
  await session.open();
  // The first task's successor is prepared in the background: let it land before the test holds the database.
  await session.nextPrepared();
  return { project, annotator, session };
}

/** Keeps a read-write transaction on `settings` busy until released: the label's transaction queues behind it. */
function holdSettings(db: FieldlabelDb): () => Promise<void> {
  let held = true;
  const done = db.transaction('rw', db.settings, async () => {
    while (held) await db.settings.get('hold');
  });
  return async () => {
    held = false;
    await done;
  };
}

/** Makes every write to `annotations` fail while `failing.on` is set, the way a full disk would. */
function failAnnotationWrites(db: FieldlabelDb): { on: boolean } {
  const failing = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'fail-annotation-writes',
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'annotations') return table;
        return {
          ...table,
          mutate: (request: DBCoreMutateRequest) =>
            failing.on ? Promise.reject(new Error('QuotaExceededError: the disk is full')) : table.mutate(request),
        };
      },
    }),
  });
  return failing;
}

describe('AnnotateSession commits', () => {
  it('shows the next task while the label is being written, and counts the label once it is stored', async () => {
    const db = freshDb();
    const { session, project, annotator } = await openSession(db, 3);
    expect(session.task?.id).toBe('t0');

    const release = holdSettings(db);
    const labelled = session.perform({ kind: 'label', label: 'Positive' });
    await vi.waitFor(() => expect(session.task?.id).toBe('t1'));
    expect(session.progress.labelled).toBe(0);
    expect(session.savedAt).toBeNull();

    await release();
    await labelled;
    expect(session.progress.labelled).toBe(1);
    expect(session.savedAt).not.toBeNull();
    expect((await db.annotations.get([project.id, 't0', annotator.id]))?.value).toEqual(['Positive']);
  });

  it('brings the task back with a message when its label cannot be written, and leaves nothing behind', async () => {
    const db = freshDb();
    const failing = failAnnotationWrites(db);
    const { session } = await openSession(db, 3);
    await session.perform({ kind: 'label', label: 'Positive' });
    expect(session.task?.id).toBe('t1');

    failing.on = true;
    await session.perform({ kind: 'label', label: 'Negative' });
    await vi.waitFor(() => expect(session.task?.id).toBe('t1'));
    expect(session.notice).toBe(
      'Could not save the label of task 2: QuotaExceededError: the disk is full. It is shown again; your earlier labels are safe.',
    );
    expect(session.annotation).toBeNull();
    expect(session.progress.labelled).toBe(1);
    expect(session.undoCount).toBe(1);
    expect((await db.annotations.toArray()).map((a) => [a.taskId, a.value])).toEqual([['t0', ['Positive']]]);

    failing.on = false;
    await session.perform({ kind: 'label', label: 'Negative' });
    expect(session.task?.id).toBe('t2');
    expect(session.notice).toBeNull();
    expect(session.progress.labelled).toBe(2);
  });
});
