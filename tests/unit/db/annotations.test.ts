import { describe, expect, it } from 'vitest';
import { getProgress, reviewerId, writeAnnotation, writeAnnotationIfStill, writeAnnotations } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator, renameLocalAnnotator } from '../../../src/lib/db/annotator';
import { FieldlabelDb } from '../../../src/lib/db/database';
import { addTasks, freshDb, makeProject } from '../support/factories';

describe('local annotator', () => {
  it('is created once with stable random ids and keeps its id when renamed', async () => {
    const db = freshDb();
    const first = await getOrCreateLocalAnnotator(db);
    const again = await getOrCreateLocalAnnotator(db);
    expect(again).toEqual(first);
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.deviceId).not.toBe(first.id);
    const renamed = await renameLocalAnnotator(db, '  Amina  ');
    expect(renamed).toEqual({ ...first, name: 'Amina' });
    await expect(renameLocalAnnotator(db, '   ')).rejects.toThrow('cannot be empty');
  });
});

describe('writeAnnotation', () => {
  it('stores each write with a per-annotator revision that only grows, keeping the creation time', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 3);
    const a = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' }, 100);
    const b = await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: ['x'], status: 'skipped' }, 200);
    const c = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled' }, 300);
    expect([a.revision, b.revision, c.revision]).toEqual([1, 2, 3]);
    expect(b.value).toEqual([]);
    expect(c).toMatchObject({ createdAt: 100, updatedAt: 300, value: ['Negative'], deviceId: a.deviceId, annotatorId: a.annotatorId });
    expect(await db.annotations.count()).toBe(2);
    expect((await getOrCreateLocalAnnotator(db)).revision).toBe(3);
  });

  it('stores a batch in order with consecutive revisions; a task decided twice keeps its first creation time', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 3);
    await writeAnnotation(db, { projectId: project.id, taskId: 't2', value: ['Neutral'], status: 'labelled' }, 50);
    const rows = await writeAnnotations(
      db,
      [
        { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' },
        { projectId: project.id, taskId: 't1', value: [], status: 'skipped' },
        { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled' },
        { projectId: project.id, taskId: 't2', value: ['Positive'], status: 'labelled' },
      ],
      100,
    );
    expect(rows.map((r) => [r.taskId, r.revision, r.createdAt])).toEqual([
      ['t0', 2, 100],
      ['t1', 3, 100],
      ['t0', 4, 100],
      ['t2', 5, 50],
    ]);
    const stored = await db.annotations.orderBy('[projectId+taskId+annotatorId]').toArray();
    expect(stored.map((a) => [a.taskId, a.value, a.revision])).toEqual([
      ['t0', ['Negative'], 4],
      ['t1', [], 3],
      ['t2', ['Positive'], 5],
    ]);
    expect((await getOrCreateLocalAnnotator(db)).revision).toBe(5);
  });

  it('reads the earlier rows beside the revision counter once the connection knows its annotator: a round trip less', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 3);
    await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' }, 100);
    const seen: string[] = [];
    const original = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
      const request = original.call(this, key);
      seen.push(`read ${this.name}`);
      request.addEventListener('success', () => seen.push(`${this.name} came back`));
      return request;
    };
    try {
      const row = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled' }, 200);
      expect(row).toMatchObject({ createdAt: 100, updatedAt: 200, revision: 2 });
    } finally {
      IDBObjectStore.prototype.get = original;
    }
    expect(seen.indexOf('read annotations')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('read annotations')).toBeLessThan(seen.indexOf('settings came back'));
  });

  it('counts progress from indexes: labelled and skipped, retractions count as open', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    const me = await getOrCreateLocalAnnotator(db);
    await addTasks(db, project.id, 4);
    await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: ['Positive'], status: 'labelled' });
    await writeAnnotation(db, { projectId: project.id, taskId: 't2', value: [], status: 'skipped' });
    await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: [], status: 'retracted' });
    expect(await getProgress(db, project.id, me.id)).toEqual({ total: 4, labelled: 1, skipped: 1 });
  });

  it('survives closing and reopening the database (a reload)', async () => {
    const name = `reload-${Math.random()}`;
    const db = new FieldlabelDb('strict', name);
    const project = await makeProject(db);
    await addTasks(db, project.id, 2);
    await writeAnnotation(db, { projectId: project.id, taskId: 't1', value: ['Neutral'], status: 'labelled' });
    db.close();
    const reopened = new FieldlabelDb('strict', name);
    const stored = await reopened.annotations.toArray();
    expect(stored.map((a) => [a.taskId, a.value, a.status])).toEqual([['t1', ['Neutral'], 'labelled']]);
  });
});

describe('writeAnnotationIfStill (undo)', () => {
  const retract = (projectId: string) => ({ projectId, taskId: 't0', value: [], status: 'retracted' as const });

  it('writes while the stored row is still the expected version, and refuses once another write replaced it', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 1);
    const mine = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' }, 100);
    // Another tab (same annotator, same device) labels the task afterwards.
    const theirs = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled' }, 200);
    expect(await writeAnnotationIfStill(db, retract(project.id), mine, 300)).toBeNull();
    expect(await db.annotations.toArray()).toEqual([theirs]);
    expect((await getOrCreateLocalAnnotator(db)).revision).toBe(2);

    const undone = await writeAnnotationIfStill(db, retract(project.id), theirs, 400);
    expect(undone).toMatchObject({ status: 'retracted', value: [], revision: 3, createdAt: 100, updatedAt: 400 });
    expect(await db.annotations.toArray()).toEqual([undone]);
  });

  it('refuses a row from a merge that happens to carry the same revision from another device', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 1);
    const mine = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    await db.annotations.put({ ...mine, value: ['Neutral'], deviceId: 'another-device' });
    expect(await writeAnnotationIfStill(db, retract(project.id), mine)).toBeNull();
    expect((await db.annotations.toArray())[0]?.value).toEqual(['Neutral']);
  });

  it('reads, compares and writes in one transaction: a label written right after the undo began is kept', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 1);
    const mine = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    // Both asked for at once, the undo first: it must not read before the other write and store after it.
    const [undone, theirs] = await Promise.all([
      writeAnnotationIfStill(db, retract(project.id), mine),
      writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled' }),
    ]);
    expect(undone?.revision).toBe(2);
    expect(theirs.revision).toBe(3);
    expect((await db.annotations.toArray()).map((a) => [a.value, a.revision])).toEqual([[['Negative'], 3]]);
  });
});

describe('suggestion outcome', () => {
  it('records whether the annotator accepted, changed or ignored the suggestion on screen, with its model version', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'multi' });
    await addTasks(db, project.id, 4);
    const suggestion = { value: ['Positive', 'Neutral'], confidence: 0.8, modelVersion: 'ngram@3' };
    const write = (taskId: string, value: string[], status: 'labelled' | 'skipped', withSuggestion = true) =>
      writeAnnotation(db, { projectId: project.id, taskId, value, status, suggestion: withSuggestion ? suggestion : null });
    expect((await write('t0', ['Neutral', 'Positive'], 'labelled')).suggestionOutcome).toBe('accepted');
    expect((await write('t1', ['Positive'], 'labelled')).suggestionOutcome).toBe('changed');
    expect((await write('t2', [], 'skipped')).suggestionOutcome).toBe('ignored');
    const none = await write('t3', ['Positive'], 'labelled', false);
    expect([none.suggestion, none.suggestionOutcome]).toEqual([null, null]);
    expect((await db.annotations.get([project.id, 't0', none.annotatorId]))?.suggestion).toEqual(suggestion);
  });
});

describe('reviews', () => {
  it('are stored under the reviewer identity, beside the same person\'s own label', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 1);
    const label = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled' });
    const review = await writeAnnotation(db, { projectId: project.id, taskId: 't0', value: ['Negative'], status: 'labelled', role: 'review' });
    expect(review).toMatchObject({ annotatorId: reviewerId(label.annotatorId), role: 'review', revision: label.revision + 1 });
    expect((await db.annotations.toArray()).map((a) => [a.annotatorId, a.role, a.value[0]])).toEqual([
      [label.annotatorId, 'label', 'Positive'],
      [reviewerId(label.annotatorId), 'review', 'Negative'],
    ]);
  });
});
