import { describe, expect, it, vi } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { labelledTaskIds, labelledTextsOf } from '../../../src/lib/db/spans';
import { addTasks, freshDb, makeProject } from '../support/factories';

/** Twenty tasks t0–t19; the local annotator labelled all but t3 (retracted) and t7, another annotator t5 and t7. */
async function labelledProject() {
  const db = freshDb();
  const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
  await addTasks(db, project.id, 20);
  const annotator = await getOrCreateLocalAnnotator(db);
  for (let i = 0; i < 20; i++) {
    if (i === 7) continue;
    await writeAnnotation(db, { projectId: project.id, taskId: `t${i}`, value: [`0:4:${i % 2 ? 'PER' : 'LOC'}`], status: i === 3 ? 'retracted' : 'labelled' });
  }
  for (const taskId of ['t5', 't7']) {
    await db.annotations.put({ ...(await db.annotations.get([project.id, 't5', annotator.id]))!, taskId, annotatorId: 'other', value: ['0:4:ORG'] });
  }
  return { db, project, annotator };
}

const expected = (i: number) => ({ taskId: `t${i}`, text: `text ${i}`, value: [`0:4:${i % 2 ? 'PER' : 'LOC'}`] });

describe('labelledTextsOf', () => {
  it('reads tasks that are most of their id range as two ranges, keeping only this annotator\'s labels', async () => {
    const { db, project, annotator } = await labelledProject();
    const ids = await labelledTaskIds(db, project.id, annotator.id);
    expect(ids).toHaveLength(18);
    const perRow = vi.spyOn(db.tasks, 'bulkGet');
    const texts = await labelledTextsOf(db, project.id, annotator.id, ids);
    expect(perRow).not.toHaveBeenCalled();
    expect(texts).toEqual(ids.map((id) => expected(Number(id.slice(1)))));
  });

  it('reads a few tasks spread over a large range row by row, with the same result', async () => {
    const { db, project, annotator } = await labelledProject();
    const perRow = vi.spyOn(db.tasks, 'bulkGet');
    // t3 was retracted since its id was read; t7 is only the other annotator's.
    const texts = await labelledTextsOf(db, project.id, annotator.id, ['t19', 't3', 't0', 't7']);
    expect(perRow).toHaveBeenCalledTimes(1);
    expect(texts).toEqual([expected(19), expected(0)]);
    expect(await labelledTextsOf(db, project.id, annotator.id, [])).toEqual([]);
  });
});
