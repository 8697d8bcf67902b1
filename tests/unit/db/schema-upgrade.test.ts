import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FieldlabelDb } from '../../../src/lib/db/database';

/** Schema v1 exactly as it shipped (commit 30bffb6), with rows as v1 wrote them. */
async function createV1Database(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    projects: 'id, lastOpenedAt',
    tasks: '[projectId+id], [projectId+seq], importId',
    annotations: '[projectId+taskId+annotatorId], [projectId+annotatorId+status], [projectId+taskId]',
    imports: 'id, [projectId+startedAt], status',
    settings: 'key',
  });
  await v1.open();
  await v1.table('projects').add({
    id: 'p1', name: 'Old project', taskType: 'single', labels: [{ name: 'Yes', color: '#E69F00', hotkey: '1' }],
    instructions: '', createdAt: 1, updatedAt: 1, lastOpenedAt: 1, nextSeq: 2, cursorSeq: 1,
  });
  await v1.table('tasks').bulkAdd([
    { projectId: 'p1', id: 'a', seq: 0, text: 'first', meta: {}, importId: 'i1' },
    { projectId: 'p1', id: 'b', seq: 1, text: 'second', meta: { k: 'v' }, importId: 'i1' },
  ]);
  await v1.table('annotations').add({
    projectId: 'p1', taskId: 'a', annotatorId: 'me', value: ['Yes'], status: 'labelled', createdAt: 5, updatedAt: 5, revision: 1, deviceId: 'd',
  });
  await v1.table('settings').put({ key: 'localAnnotator', value: { id: 'me', name: 'Mo', deviceId: 'd', revision: 1 } });
  v1.close();
}

/** Schema v4 as it shipped, with what the v4 app let label files write: annotations of tasks that do not exist and values that are no label. */
async function createV4Database(name: string): Promise<void> {
  const v4 = new Dexie(name);
  v4.version(4).stores({
    projects: 'id, lastOpenedAt',
    tasks: '[projectId+id], [projectId+seq]',
    annotations: '[projectId+taskId+annotatorId], [projectId+annotatorId+status], [projectId+taskId]',
    imports: 'id, [projectId+startedAt], status',
    settings: 'key',
    embeddings: '[projectId+taskId]',
    models: 'id',
    learning: 'projectId',
    annotators: 'id',
    prelabels: '[projectId+taskId]',
  });
  await v4.open();
  const project = { instructions: '', createdAt: 1, updatedAt: 1, lastOpenedAt: 1, nextSeq: 2, cursorSeq: 0, strategy: 'sequential', allowOverlap: false };
  await v4.table('projects').bulkAdd([
    { ...project, id: 'p1', name: 'Yes or no', taskType: 'single', labels: [{ name: 'Yes', color: '#E69F00', hotkey: '1' }, { name: 'No', color: '#56B4E9', hotkey: '2' }] },
    { ...project, id: 'p2', name: 'Names', taskType: 'spans', labels: [{ name: 'PER', color: '#E69F00', hotkey: '1' }] },
  ]);
  await v4.table('tasks').bulkAdd([
    { projectId: 'p1', id: 'a', seq: 0, text: 'first', meta: {}, importId: 'i1' },
    { projectId: 'p1', id: 'b', seq: 1, text: 'second', meta: {}, importId: 'i1' },
    { projectId: 'p2', id: 'a', seq: 0, text: 'Ada Lovelace', meta: {}, importId: 'i2' },
  ]);
  const row = { annotatorId: 'me', role: 'label', status: 'labelled', createdAt: 5, updatedAt: 5, revision: 1, deviceId: 'd', suggestion: null, suggestionOutcome: null };
  await v4.table('annotations').bulkAdd([
    { ...row, projectId: 'p1', taskId: 'a', value: ['Yes'] },
    { ...row, projectId: 'p1', taskId: 'b', value: ['NOT-A-LABEL'] },
    { ...row, projectId: 'p1', taskId: 'ghost', value: ['No'] },
    { ...row, projectId: 'p2', taskId: 'a', value: ['0:3:PER'] },
    { ...row, projectId: 'p2', taskId: 'a', annotatorId: 'bo', value: ['0:40:PER'] },
  ]);
  v4.close();
}

describe('schema upgrades', () => {
  it('opens a v4 database: annotations of missing tasks, and values that are no label of their project, move apart; the rest stay', async () => {
    const name = `upgrade-v4-${Math.random()}`;
    await createV4Database(name);
    const db = new FieldlabelDb('strict', name);
    await db.open();
    expect(db.verno).toBe(5);
    const key = (r: { projectId: string; taskId: string; annotatorId: string }) => `${r.projectId}/${r.taskId}/${r.annotatorId}`;
    expect((await db.annotations.toArray()).map(key).sort()).toEqual(['p1/a/me', 'p2/a/me']);
    expect((await db.heldAnnotations.toArray()).map(key).sort()).toEqual(['p1/b/me', 'p1/ghost/me', 'p2/a/bo']);
    expect(await db.heldAnnotations.get(['p1', 'ghost', 'me'])).toMatchObject({ value: ['No'], revision: 1, deviceId: 'd' });
    expect(await db.heldAnnotations.where('projectId').equals('p1').count()).toBe(2);
  });

  it('opens a v1 database: rows survive, projects become sequential and forbid overlapping spans, annotations get empty suggestion fields', async () => {
    const name = `upgrade-${Math.random()}`;
    await createV1Database(name);
    const db = new FieldlabelDb('strict', name);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.projects.get('p1')).toMatchObject({ name: 'Old project', strategy: 'sequential', nextSeq: 2, allowOverlap: false });
    expect(await db.tasks.where('[projectId+seq]').equals(['p1', 1]).first()).toMatchObject({ id: 'b', meta: { k: 'v' } });
    expect(await db.annotations.get(['p1', 'a', 'me'])).toMatchObject({
      value: ['Yes'], revision: 1, suggestion: null, suggestionOutcome: null, role: 'label',
    });
    expect(await db.annotators.toArray()).toEqual([{ id: 'me', name: 'Mo', lastSeenAt: expect.any(Number) }]);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['annotations', 'annotators', 'embeddings', 'heldAnnotations', 'imports', 'learning', 'models', 'prelabels', 'projects', 'settings', 'tasks']);
    expect(db.tasks.schema.indexes.map((i) => i.name)).toEqual(['[projectId+seq]']);
  });

  it('creates the current schema from scratch', async () => {
    const db = new FieldlabelDb('strict', `fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(5);
    expect(await db.embeddings.count()).toBe(0);
    expect(await db.annotators.count()).toBe(0);
  });
});
