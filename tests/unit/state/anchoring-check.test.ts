import { describe, expect, it } from 'vitest';
import { writeAnnotations } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { applyIncoming } from '../../../src/lib/db/sync-queries';
import { AnchoringCheck } from '../../../src/lib/state/anchoring-check.svelte';
import { readLabelFile } from '../../../src/lib/sync/label-file-read';
import { writeLabelFile } from '../../../src/lib/sync/label-file-write';
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
    const report = { shown: { decisions: 2, agreed: 2, rate: 1 }, hidden: { decisions: 2, agreed: 1, rate: 0.5 }, difference: 0.5 };
    expect(check.report).toEqual({ all: report, annotators: [{ annotatorId: annotator.id, annotatorName: expect.any(String), report }] });
  });

  it('counts every annotator whose label files were merged here, each and all together', async () => {
    const db = freshDb();
    const project = await makeProject(db);
    await addTasks(db, project.id, 4);
    const annotator = await getOrCreateLocalAnnotator(db);
    const suggestion = (hidden: boolean) => ({ value: ['Positive'], confidence: 0.7, modelVersion: 'm@1', ...(hidden ? { hidden: true as const } : {}) });
    // Two annotators on other devices: their files carry each decision's suggestion and whether it was hidden.
    const fileOf = (id: string, name: string, decisions: [string, string, boolean][]) =>
      writeLabelFile(
        { projectId: project.id, annotator: { id, name }, deviceId: `dev-${id}`, createdAt: 1, scope: 'full' },
        decisions.map(([taskId, label, hidden], i) => ({ projectId: project.id, taskId, annotatorId: id, annotatorName: name, role: 'label' as const, value: [label], status: 'labelled' as const, createdAt: 1, updatedAt: 1, revision: i + 1, deviceId: `dev-${id}`, suggestion: suggestion(hidden) })),
      );
    const files = [
      await fileOf('ann-ada', 'Ada', [['t0', 'Positive', false], ['t1', 'Positive', false], ['t2', 'Negative', true]]),
      await fileOf('ann-bo', 'Bo', [['t0', 'Positive', false], ['t1', 'Negative', true], ['t2', 'Positive', true]]),
    ];
    for (const [i, text] of files.entries()) {
      const file = await readLabelFile(text, `f${i}.labels.jsonl`);
      await applyIncoming(db, project.id, file.annotations);
    }
    const check = new AnchoringCheck(db, project.id, annotator.id);
    await check.load();
    expect(check.report?.annotators).toEqual([
      { annotatorId: 'ann-ada', annotatorName: 'Ada', report: { shown: { decisions: 2, agreed: 2, rate: 1 }, hidden: { decisions: 1, agreed: 0, rate: 0 }, difference: 1 } },
      { annotatorId: 'ann-bo', annotatorName: 'Bo', report: { shown: { decisions: 1, agreed: 1, rate: 1 }, hidden: { decisions: 2, agreed: 1, rate: 0.5 }, difference: 0.5 } },
    ]);
    expect(check.report?.all).toEqual({ shown: { decisions: 3, agreed: 3, rate: 1 }, hidden: { decisions: 3, agreed: 1, rate: 1 / 3 }, difference: 1 - 1 / 3 });
  });
});
