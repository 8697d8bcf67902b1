import { describe, expect, it } from 'vitest';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { applyBundle, projectAnnotations } from '../../../src/lib/db/sync-queries';
import type { AnnotationRow, ProjectRow } from '../../../src/lib/db/rows';
import { encodeJudgement, type Judgement } from '../../../src/lib/domain/compare';
import { ReviewSession } from '../../../src/lib/state/review.svelte';
import type { Bundle } from '../../../src/lib/sync/bundle';
import { finalLabels } from '../../../src/lib/sync/final';
import type { CompareReport } from '../../../src/lib/sync/report-types';
import { better, compareContent, judgement, RUBRIC } from '../sync/compare-factories';
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

describe('ReviewSession, compare tasks', () => {
  it('lists only tasks whose preferences differ by response id, compares the model judge with each person, and keeps a reviewer\'s chosen judgement', async () => {
    const db = freshDb();
    const project = await applyCompareProject(db);
    const vote = (taskId: string, annotatorId: string, j: Judgement) => spanVote(project, taskId, annotatorId, [encodeJudgement(j)]);
    const ada = judgement(['r1', 'r2'], better('r1'), { ratings: { Helpful: 4 } });
    await db.annotations.bulkPut([
      // c1: both chose r1 from different positions — no disagreement. c2: they differ.
      vote('c1', 'ada', ada),
      vote('c1', 'bo', judgement(['r2', 'r1'], better('r1'))),
      vote('c2', 'ada', judgement(['r2', 'r1'], better('r2'))),
      vote('c2', 'bo', judgement(['r1', 'r2'], { kind: 'tie' })),
    ]);
    await db.prelabels.put({ projectId: project, taskId: 'c1', value: [encodeJudgement(judgement(['r1', 'r2'], better('r2')))], score: 0.8, source: 'judge.jsonl' });

    const review = new ReviewSession(db, (await db.projects.get(project)) as ProjectRow);
    await review.load();
    expect(review.items.map((i) => [i.taskId, i.votes.map((v) => `${v.name}: ${v.summary}`), i.responses?.map((r) => r.id)])).toEqual([
      ['c2', ['ada: r2 better (shown as A)', 'bo: tie'], ['r1', 'r2']],
    ]);
    expect(review.report?.taskType).toBe('compare');
    const report = review.report as CompareReport;
    expect(report.pairs.map((p) => [p.annotators.join(' · '), p.tasks, p.percentAgreement])).toEqual([
      ['ada · bo', 2, 0.5],
      ['ada · judge:judge.jsonl', 1, 0],
      ['bo · judge:judge.jsonl', 1, 0],
    ]);
    expect(report.positionBias.map((b) => [b.annotatorId, b.choices, b.first])).toEqual([['ada', 2, 2], ['bo', 1, 0]]);

    const kept = review.items[0]?.votes[0]?.value as string[];
    await review.resolve('c2', kept);
    const final = finalLabels(await projectAnnotations(db, project), 'compare');
    expect(final.find((f) => f.taskId === 'c2')).toMatchObject({ value: kept, source: 'review' });
  });
});

async function applyCompareProject(db: ReturnType<typeof freshDb>): Promise<string> {
  await getOrCreateLocalAnnotator(db);
  const bundle: Bundle = {
    project: { id: 'proj-chat', name: 'Chat answers', taskType: 'compare', labels: [], instructions: '', strategy: 'sequential', allowOverlap: false, rubric: RUBRIC },
    createdBy: { id: 'coord', name: 'Coordinator' },
    createdAt: 1,
    tasks: ['c1', 'c2'].map((id, seq) => ({ id, seq, text: `Prompt ${id}`, meta: {}, compare: compareContent() })),
    labels: null,
    model: {},
  };
  await applyBundle(db, bundle);
  return bundle.project.id;
}
