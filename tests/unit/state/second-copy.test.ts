import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { getProgress } from '../../../src/lib/db/annotations';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import { countHeld } from '../../../src/lib/db/sync-queries';
import { ClassificationSession } from '../../../src/lib/state/tasks/classification/session.svelte';
import { recoveryNotice, SecondCopy } from '../../../src/lib/state/second-copy';
import { addTasks, freshDb, makeProject } from '../support/factories';
import { MemoryCopy } from '../support/memory-copy';

/** A device that labelled `count` tasks with its copy kept, as the app runs it. */
async function labelledDevice(count: number) {
  const db = freshDb();
  const files = new MemoryCopy();
  const failures: unknown[] = [];
  const copy = new SecondCopy(files, (error) => failures.push(error));
  const project = await makeProject(db, { name: 'Field reports', labels: 'Yes\nNo' });
  await addTasks(db, project.id, 10);
  const annotator = await getOrCreateLocalAnnotator(db);
  await copy.describe(annotator, [project]);
  const session = new ClassificationSession(db, project, annotator, null, { keepCopy: copy.keep });
  await session.open();
  for (let i = 0; i < count; i++) await session.perform({ kind: 'label', label: i % 2 === 0 ? 'Yes' : 'No' });
  await session.perform({ kind: 'undo' });
  return { db, files, copy, failures, project, annotator };
}

/** The same device after the browser emptied its database: a new, empty one under the same name. */
function emptied(): FieldlabelDb {
  return freshDb();
}

describe('the second copy of the labels', () => {
  it('gets every stored label, the undo too, in the order stored', async () => {
    const { files } = await labelledDevice(4);
    const revisions = files.journals[0]?.trim().split('\n').map((line) => (JSON.parse(line) as { revision: number }).revision);
    expect(revisions).toEqual([1, 2, 3, 4, 5]);
  });

  it('brings the annotator, the projects and their labels back to a database found empty; the labels wait apart for the tasks', async () => {
    const { files, annotator, project } = await labelledDevice(4);
    const db = emptied();
    const recovery = await new SecondCopy(files, () => undefined).recover(db);
    expect(recovery).toMatchObject({ kind: 'lost', projects: ['Field reports'], outcome: { restored: 4, keptApart: 4, createdProjects: ['Field reports'] } });
    expect(recoveryNotice(recovery)).toContain('4 labels came back from the second copy');
    const restored = await getOrCreateLocalAnnotator(db);
    expect(restored).toMatchObject({ id: annotator.id, name: annotator.name, deviceId: annotator.deviceId, revision: 5 });
    expect((await db.projects.get(project.id))?.name).toBe('Field reports');
    // Counted nowhere until their tasks come back (a bundle, or an import of the same file).
    expect(await getProgress(db, project.id, annotator.id)).toEqual({ total: 0, labelled: 0, skipped: 0 });
    expect((await countHeld(db, project.id)).annotations).toBe(4);
    await addTasks(db, project.id, 10);
    expect(await getProgress(db, project.id, annotator.id)).toEqual({ total: 10, labelled: 3, skipped: 0 });
  });

  it('puts back only what a database that came back older lacks, and new labels then sort after the restored ones', async () => {
    const { db, files, project, annotator } = await labelledDevice(3);
    // The last two writes never reached the disk: the label of t2 and its undo (one label, whose newest word is the undo).
    await db.annotations.delete([project.id, 't2', annotator.id]);
    await db.annotations.put({ ...(await db.annotations.get([project.id, 't1', annotator.id]))!, revision: 2 });
    await db.settings.put({ key: 'localAnnotator', value: { ...annotator, revision: 2 } });
    files.newSession();
    const recovery = await new SecondCopy(files, () => undefined).recover(db);
    expect(recovery).toMatchObject({ kind: 'older', outcome: { restored: 1, keptApart: 0 } });
    expect(recoveryNotice(recovery)).toBe("1 label that had not reached the database when the app last closed was put back from this device's second copy of your labels.");
    const t2 = await db.annotations.get([project.id, 't2', annotator.id]);
    expect(t2).toMatchObject({ status: 'retracted', revision: 4 });
    expect((await getOrCreateLocalAnnotator(db)).revision).toBe(4);
  });

  it('finds nothing to do when the database holds everything, and reads no journal to find that out', async () => {
    const { db, files } = await labelledDevice(3);
    let read = 0;
    const counting = Object.assign(Object.create(files) as MemoryCopy, { readJournals: async () => (read++, files.readJournals()) });
    expect(await new SecondCopy(counting, () => undefined).recover(db)).toEqual({ kind: 'none' });
    expect(read).toBe(0);
  });

  it('never fails a label when the copy cannot be written, and says storage ran out', async () => {
    const { files, failures, copy, db, project, annotator } = await labelledDevice(1);
    files.full = true;
    const session = new ClassificationSession(db, project, annotator, null, { keepCopy: copy.keep });
    await session.open();
    await session.perform({ kind: 'label', label: 'Yes' });
    expect(session.notice).toBeNull();
    expect(await getProgress(db, project.id, annotator.id)).toMatchObject({ labelled: 1 });
    expect(failures).toHaveLength(1);
  });
});
