// The model worker's reads of a whole project: correct, and a page at a time, so a label never waits behind them.
import { afterEach, describe, expect, it } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import { getOrCreateLocalAnnotator } from '../../../src/lib/db/annotator';
import { loadAnnotatorDecisions, loadEmbeddings, loadTaskTexts, putEmbeddings } from '../../../src/lib/db/models';
import { READ_PAGE_ROWS } from '../../../src/lib/db/pages';
import type { AnnotationRow } from '../../../src/lib/db/rows';
import { addTasks, freshDb, makeProject } from '../support/factories';
import { countRowsPerTransaction } from '../support/rows-per-transaction';

const TASKS = 2 * READ_PAGE_ROWS + 500;
let counting: ReturnType<typeof countRowsPerTransaction> | null = null;
afterEach(() => counting?.stop());

async function largeProject() {
  const db = freshDb('relaxed');
  const project = await makeProject(db);
  await addTasks(db, project.id, TASKS);
  const vector = (i: number) => new Float32Array([i, 1]);
  // Two models' vectors side by side, as after switching models.
  await putEmbeddings(db, Array.from({ length: TASKS }, (_, i) => ({ projectId: project.id, taskId: `t${i}`, modelId: i % 2 ? 'a' : 'b', vector: vector(i) })));
  const me = await getOrCreateLocalAnnotator(db);
  // Another annotator's labels (from a label file) interleave with the local annotator's in key order.
  const other: AnnotationRow[] = Array.from({ length: TASKS }, (_, i) => ({
    projectId: project.id, taskId: `t${i}`, annotatorId: 'zz-other', role: 'label', value: ['Positive'], status: 'labelled',
    createdAt: 1, updatedAt: 1, revision: i + 1, deviceId: 'd', suggestion: null, suggestionOutcome: null,
  }));
  await db.annotations.bulkPut(other);
  for (let i = 0; i < TASKS; i += 100) await writeAnnotation(db, { projectId: project.id, taskId: `t${i}`, value: ['Negative'], status: 'labelled' });
  return { db, project, me };
}

describe('the worker reading a whole project', () => {
  it('reads every task in import order, the annotator\'s own decisions and one model\'s vectors, no transaction handing out more than a page', async () => {
    const { db, project, me } = await largeProject();
    counting = countRowsPerTransaction();

    const tasks = await loadTaskTexts(db, project.id);
    expect(tasks).toHaveLength(TASKS);
    expect(tasks.every((t, i) => t.seq === i && t.id === `t${i}` && t.text === `text ${i}`)).toBe(true);
    const decisions = await loadAnnotatorDecisions(db, project.id, me.id);
    expect(decisions.map((a) => a.taskId).sort()).toEqual(Array.from({ length: TASKS / 100 }, (_, k) => `t${k * 100}`).sort());
    expect(decisions.every((a) => a.annotatorId === me.id && a.value[0] === 'Negative')).toBe(true);
    const vectors = await loadEmbeddings(db, project.id, 'a');
    expect(vectors.size).toBe(TASKS / 2);
    expect([...(vectors.get('t7') as Float32Array)]).toEqual([7, 1]);

    const reads = counting.transactions.filter((t) => t.rows > 0);
    expect(reads.length).toBeGreaterThanOrEqual(3 * Math.ceil(TASKS / READ_PAGE_ROWS));
    expect(Math.max(...reads.map((t) => t.rows))).toBeLessThanOrEqual(READ_PAGE_ROWS);
  });

  it('lets a label made while it reads the annotator\'s decisions commit before the read is over', async () => {
    const { db, project, me } = await largeProject();
    const events: string[] = [];
    const reading = loadAnnotatorDecisions(db, project.id, me.id).then(() => events.push('read'));
    // The label comes while the first page is being read.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const label = writeAnnotation(db, { projectId: project.id, taskId: 't1', value: ['Positive'], status: 'labelled' }).then(() => events.push('label'));
    await Promise.all([reading, label]);
    expect(events).toEqual(['label', 'read']);
  });
});
