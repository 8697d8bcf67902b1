import { describe, expect, it } from 'vitest';
import { writeAnnotations } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { AnchoringCheck } from '../../../src/lib/state/anchoring-check.svelte';
import { addTasks, freshDb, makeProject } from '../support/factories';

describe('AnchoringCheck', () => {
  it('counts the annotator’s labels made with a shown and with a hidden suggestion, and agreement with each', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 5);
    const annotator = await getOrCreateLocalAnnotator(db);
    const suggested = (hidden: boolean) => ({ value: ['Positive'], confidence: 0.7, modelVersion: 'm@1', ...(hidden ? { hidden: true as const } : {}) });
    await writeAnnotations(db, [
      { projectId: project.id, taskId: 't0', value: ['Positive'], status: 'labelled', suggestion: suggested(false) },
      { projectId: project.id, taskId: 't1', value: ['Positive'], status: 'labelled', suggestion: suggested(false) },
      { projectId: project.id, taskId: 't2', value: ['Negative'], status: 'labelled', suggestion: suggested(true) },
      { projectId: project.id, taskId: 't3', value: ['Positive'], status: 'labelled', suggestion: suggested(true) },
      // Neither a skip nor a label made without a suggestion counts.
      { projectId: project.id, taskId: 't4', value: [], status: 'skipped', suggestion: suggested(false) },
    ]);
    const check = new AnchoringCheck(db, project.id, annotator.id);
    await check.load();
    expect(check.report).toEqual({
      shown: { decisions: 2, agreed: 2, rate: 1 },
      hidden: { decisions: 2, agreed: 1, rate: 0.5 },
      difference: 0.5,
    });
  });
});
