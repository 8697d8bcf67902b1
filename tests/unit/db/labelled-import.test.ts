import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { importedAnnotatorId } from '../../../src/lib/db/file-import-store';
import { writeLabelledImport } from '../../../src/lib/db/labelled-import';
import type { LabelledImportPlan } from '../../../src/lib/formats/spans/labelled-plan';
import { freshDb, makeProject } from '../support/factories';

const plan: LabelledImportPlan = {
  tasks: [
    { id: 'd1', text: 'Ada in Rome', meta: { src: 'ls' }, annotations: [{ annotator: null, value: ['0:3:PER'], status: 'labelled' }], prelabel: { value: ['7:11:LOC'], score: 0.8 } },
    { id: 'd2', text: 'Bo', meta: {}, annotations: [{ annotator: 'kim', value: ['0:2:PER'], status: 'labelled' }, { annotator: null, value: [], status: 'skipped' }], prelabel: null },
  ],
  notes: ['a note'],
};

describe('storing another tool\'s labelled file', () => {
  it('adds tasks, labels under the right annotators with fresh revisions, and pre-annotations, in one go', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
    const me = await getOrCreateLocalAnnotator(db);
    const row = await writeLabelledImport(db, project.id, 'ner.json', 'labelstudio', plan, 500);
    expect(row).toMatchObject({ status: 'done', added: 2, duplicates: 0, firstSeq: 0, format: 'labelstudio', message: '2 labels and 1 suggestion taken over. a note' });
    expect((await db.tasks.toArray()).map((t) => [t.id, t.seq, t.importId])).toEqual([['d1', 0, row.id], ['d2', 1, row.id]]);
    const annotations = await db.annotations.toArray();
    expect(annotations.map((a) => [a.taskId, a.annotatorId, a.status, a.value, a.revision])).toEqual([
      ['d1', me.id, 'labelled', ['0:3:PER'], 1],
      ['d2', me.id, 'skipped', [], 2],
      ['d2', importedAnnotatorId('kim'), 'labelled', ['0:2:PER'], 1],
    ]);
    expect((await getOrCreateLocalAnnotator(db)).revision).toBe(2);
    expect(await db.prelabels.toArray()).toEqual([{ projectId: project.id, taskId: 'd1', value: ['7:11:LOC'], score: 0.8, source: 'ner.json' }]);
    expect(await db.annotators.get(importedAnnotatorId('kim'))).toMatchObject({ name: 'kim' });
    expect((await db.projects.get(project.id))?.nextSeq).toBe(2);
  });

  it('a second import of the same file adds nothing and leaves labels made since untouched', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
    await writeLabelledImport(db, project.id, 'ner.json', 'labelstudio', plan, 500);
    const me = await getOrCreateLocalAnnotator(db);
    await db.annotations.update([project.id, 'd1', me.id], { value: ['0:3:LOC'] });
    const again = await writeLabelledImport(db, project.id, 'ner.json', 'labelstudio', plan, 600);
    expect(again).toMatchObject({ added: 0, duplicates: 2 });
    expect((await db.annotations.get([project.id, 'd1', me.id]))?.value).toEqual(['0:3:LOC']);
    expect(await db.tasks.count()).toBe(2);
  });
});
