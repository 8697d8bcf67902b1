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

describe('schema upgrades', () => {
  it('opens a v1 database: rows survive, projects become sequential and forbid overlapping spans, annotations get empty suggestion fields', async () => {
    const name = `upgrade-${Math.random()}`;
    await createV1Database(name);
    const db = new FieldlabelDb('strict', name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.projects.get('p1')).toMatchObject({ name: 'Old project', strategy: 'sequential', nextSeq: 2, allowOverlap: false });
    expect(await db.tasks.where('[projectId+seq]').equals(['p1', 1]).first()).toMatchObject({ id: 'b', meta: { k: 'v' } });
    expect(await db.annotations.get(['p1', 'a', 'me'])).toMatchObject({
      value: ['Yes'], revision: 1, suggestion: null, suggestionOutcome: null, role: 'label',
    });
    expect(await db.annotators.toArray()).toEqual([{ id: 'me', name: 'Mo', lastSeenAt: expect.any(Number) }]);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['annotations', 'annotators', 'embeddings', 'imports', 'learning', 'models', 'prelabels', 'projects', 'settings', 'tasks']);
    expect(db.tasks.schema.indexes.map((i) => i.name)).toEqual(['[projectId+seq]']);
  });

  it('creates the current schema from scratch', async () => {
    const db = new FieldlabelDb('strict', `fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.embeddings.count()).toBe(0);
    expect(await db.annotators.count()).toBe(0);
  });
});
