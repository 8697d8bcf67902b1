import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { projectAnnotations } from '../../../src/lib/db/sync-queries';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { ReviewSession } from '../../../src/lib/state/review.svelte';
import { finalLabels } from '../../../src/lib/sync/final';
import { addTasks, freshDb, makeProject } from '../support/factories';

function spanVote(projectId: string, taskId: string, annotatorId: string, value: string[]): AnnotationRow {
  return {
    projectId, taskId, annotatorId, role: 'label', value, status: 'labelled', createdAt: 1, updatedAt: 1,
    revision: 1, deviceId: `${annotatorId}-device`, suggestion: null, suggestionOutcome: null,
  };
}

describe('ReviewSession, span tasks', () => {
  it('lists a span disagreement, and a reviewer can settle it as "nothing to mark"', async () => {
    const db = freshDb();
    const project = await makeProject(db, { taskType: 'spans', labels: 'PER\nLOC' });
    await addTasks(db, project.id, 1);
    await getOrCreateLocalAnnotator(db);
    await db.annotations.bulkPut([spanVote(project.id, 't0', 'ada', ['0:4:PER']), spanVote(project.id, 't0', 'bo', ['0:4:LOC'])]);

    const review = new ReviewSession(db, project);
    await review.load();
    expect(review.items.map((i) => [i.taskId, i.review])).toEqual([['t0', null]]);

    await review.resolve('t0', []);
    expect(review.items.map((i) => [i.taskId, i.review])).toEqual([['t0', []]]);
    const final = finalLabels(await projectAnnotations(db, project.id), 'spans');
    expect(final).toEqual([expect.objectContaining({ taskId: 't0', value: [], source: 'review' })]);
  });
});
