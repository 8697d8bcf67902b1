// The model worker's open project for a compare project: the reward model learns from the judgements stored in
// IndexedDB and from those recorded while the worker runs, and suggests the preferred response.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { TaskRow } from '../../../src/lib/db/rows';
import { DEFAULT_RUBRIC, encodeJudgement } from '../../../src/lib/domain/compare';
import { WorkerProject } from '../../../src/lib/model/worker-project';
import { freshDb, makeProject } from '../support/factories';

const GOOD = ['clear', 'correct', 'helpful'];
const BAD = ['rude', 'wrong', 'vague'];

async function compareProject(db: FieldlabelDb, count: number): Promise<string> {
  const project = await makeProject(db, { taskType: 'compare', labels: 'Preference' });
  await db.projects.update(project.id, { rubric: DEFAULT_RUBRIC, nextSeq: count });
  const tasks: TaskRow[] = Array.from({ length: count }, (_, i) => {
    const good = `the answer ${i} is ${GOOD[i % 3]} and ${GOOD[(i + 1) % 3]}`;
    const bad = `the answer ${i} is ${BAD[i % 3]} and ${BAD[(i + 1) % 3]}`;
    return {
      projectId: project.id,
      id: `t${i}`,
      seq: i,
      text: `question ${i}`,
      meta: {},
      importId: 'test',
      compare: { messages: [{ role: 'user', content: `question ${i}` }], responses: [{ id: 'x', text: i % 2 === 0 ? good : bad }, { id: 'y', text: i % 2 === 0 ? bad : good }] },
    };
  });
  await db.tasks.bulkPut(tasks);
  return project.id;
}

const judgement = (i: number): string[] => [
  encodeJudgement({ shown: ['x', 'y'], preference: { kind: 'better', id: i % 2 === 0 ? 'x' : 'y' }, ratings: {}, correction: null, rationale: '' }),
];

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkerProject for a compare project', () => {
  it('trains the reward model on stored judgements and suggests the preferred response with its confidence', async () => {
    const db = freshDb('relaxed');
    const projectId = await compareProject(db, 30);
    let annotatorId = '';
    for (let i = 0; i < 8; i++) annotatorId = (await writeAnnotation(db, { projectId, taskId: `t${i}`, value: judgement(i), status: 'labelled' })).annotatorId;
    const project = await WorkerProject.open(db, projectId, annotatorId, () => {});
    expect(project.status().humanLabels).toBe(8);
    const suggestion = project.suggest('t21');
    expect(suggestion?.value).toEqual(['y']);
    expect(suggestion?.confidence).toBeGreaterThan(0.5);
    expect(suggestion?.modelVersion).toBe('n-grams@1');
    project.close();
  });

  it('retrains shortly after a judgement is recorded', async () => {
    const db = freshDb('relaxed');
    const projectId = await compareProject(db, 20);
    const { annotatorId } = await writeAnnotation(db, { projectId, taskId: 't0', value: judgement(0), status: 'labelled' });
    const project = await WorkerProject.open(db, projectId, annotatorId, () => {});
    vi.useFakeTimers();
    project.record({ taskId: 't1', value: judgement(1), status: 'labelled', outcome: null });
    await vi.runAllTimersAsync();
    expect(project.status()).toMatchObject({ humanLabels: 2, modelVersion: 'n-grams@2' });
    project.close();
  });
});
