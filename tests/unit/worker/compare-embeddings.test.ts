// A compare project with an encoder active: the worker embeds each task's prompt and responses through the same
// pass and table as classification, and the reward model learns from the responses' embeddings. The generated
// tiny model has random weights, so the test asks of it only what random weights give: a token that words do not
// see (punctuation) still moves the embedding the same way every time.
import { describe, expect, it, vi } from 'vitest';
import { writeAnnotation } from '../../../src/lib/db/annotations';
import type { FieldlabelDb } from '../../../src/lib/db/database';
import type { TaskRow } from '../../../src/lib/db/rows';
import { DEFAULT_RUBRIC, encodeJudgement } from '../../../src/lib/domain/compare';
import type { ModelEvent } from '../../../src/lib/model/api';
import { storedEmbeddingBytes } from '../../../src/lib/model/embed-loop';
import { WorkerProject } from '../../../src/lib/model/worker-project';
import { GIB } from '../../../src/lib/storage/room';
import { FakeDisk } from '../storage/fake-disk';
import { freshDb, makeProject } from '../support/factories';
import { useTestEncoder } from '../support/test-encoder';

const TOPICS = ['the invoice', 'the parcel', 'my password', 'the refund', 'a meeting', 'the printer'];

const tiny = useTestEncoder();

/**
 * Task i: two replies with the same words, one ending in "!" (always preferred) and one in "?". Hashed words cannot
 * tell them apart; the embedding can. Which id holds the preferred reply alternates.
 */
async function punctuationProject(db: FieldlabelDb, count: number): Promise<string> {
  const project = await makeProject(db, { taskType: 'compare', labels: 'Preference' });
  await db.projects.update(project.id, { rubric: DEFAULT_RUBRIC, nextSeq: count });
  const tasks: TaskRow[] = Array.from({ length: count }, (_, i) => {
    const words = `about ${TOPICS[i % TOPICS.length]} number ${i} we will help`;
    const [x, y] = i % 2 === 0 ? [`${words}!`, `${words}?`] : [`${words}?`, `${words}!`];
    const prompt = `question ${i} on ${TOPICS[i % TOPICS.length]}`;
    return {
      projectId: project.id,
      id: `t${i}`,
      seq: i,
      text: prompt,
      meta: {},
      importId: 'test',
      compare: { messages: [{ role: 'user', content: prompt }], responses: [{ id: 'x', text: x }, { id: 'y', text: y }] },
    };
  });
  await db.tasks.bulkPut(tasks);
  return project.id;
}

const preferred = (i: number): string => (i % 2 === 0 ? 'x' : 'y');
const judgement = (i: number): string[] => [
  encodeJudgement({ shown: ['x', 'y'], preference: { kind: 'better', id: preferred(i) }, ratings: {}, correction: null, rationale: '' }),
];

async function judgedProject(count: number, judged: number): Promise<{ db: FieldlabelDb; projectId: string; annotatorId: string }> {
  const db = freshDb('relaxed');
  const projectId = await punctuationProject(db, count);
  let annotatorId = '';
  for (let i = 0; i < judged; i++) annotatorId = (await writeAnnotation(db, { projectId, taskId: `t${i}`, value: judgement(i), status: 'labelled' })).annotatorId;
  return { db, projectId, annotatorId };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let j = 0; j < a.length; j++) dot += (a[j] as number) * (b[j] as number);
  return dot / Math.hypot(...a) / Math.hypot(...b);
}

describe('a compare project with an encoder', () => {
  it("embeds each task's prompt and responses into one stored row, with progress, and the reward model learns from them", async () => {
    const { db, projectId, annotatorId } = await judgedProject(60, 30);
    const events: ModelEvent[] = [];
    const project = await WorkerProject.open(db, projectId, annotatorId, (event) => events.push(event));
    // Words alone see two identical replies: no preference at all.
    expect(project.suggest('t45')?.confidence).toBeCloseTo(0.5, 9);

    await project.useModel(tiny.model(), tiny.loaded());
    const dims = tiny.encoder().dims;
    const rows = await db.embeddings.where('projectId').equals(projectId).toArray();
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.modelId === tiny.model().id && row.vector.length === 3 * dims)).toBe(true);
    // The stored row is the prompt's, then each response's vector, as the encoder gives them one by one (dynamic
    // int8 quantisation scales by batch, so a batch of three differs from the pass's batches in the 5th digit).
    const row = rows.find((r) => r.taskId === 't7');
    const parts = await tiny.encoder().embed(['question 7 on the parcel', 'about the parcel number 7 we will help?', 'about the parcel number 7 we will help!']);
    parts.forEach((part, k) => expect(cosine(row!.vector.subarray(k * dims, (k + 1) * dims), part)).toBeGreaterThan(0.999));
    expect(cosine(parts[1]!, parts[2]!)).toBeLessThan(0.999);
    expect(events.filter((e) => e.kind === 'embed').at(-1)).toEqual({ kind: 'embed', done: 60, total: 60 });
    expect(project.status()).toMatchObject({ embedded: 60, total: 60, busy: null, modelVersion: expect.stringMatching(/^fieldlabel\/test-tiny@/) });

    let right = 0;
    for (let i = 30; i < 60; i++) if (project.suggest(`t${i}`)?.value[0] === preferred(i)) right++;
    expect(right / 30).toBeGreaterThanOrEqual(0.9);
    project.close();
  });

  it('takes up the stored rows on the next opening, and embeds again a row of another shape', async () => {
    const { db, projectId, annotatorId } = await judgedProject(20, 10);
    const first = await WorkerProject.open(db, projectId, annotatorId, () => {});
    await first.useModel(tiny.model(), tiny.loaded());
    first.close();
    // A row of one vector where the task has three texts (the prompt's alone, say).
    await db.embeddings.put({ projectId, taskId: 't3', modelId: tiny.model().id, vector: new Float32Array(tiny.encoder().dims) });

    const embedCalls = vi.spyOn(tiny.encoder(), 'embed');
    const again = await WorkerProject.open(db, projectId, annotatorId, () => {});
    await again.useModel(tiny.model(), tiny.loaded());
    expect(embedCalls.mock.calls.map(([texts]) => texts.length)).toEqual([3]);
    embedCalls.mockRestore();
    expect((await db.embeddings.get([projectId, 't3']))?.vector.length).toBe(3 * tiny.encoder().dims);
    expect(again.status()).toMatchObject({ embedded: 20, total: 20 });
    again.close();
  });

  it('checks the room for three vectors a task before it embeds, and refuses when there is none', async () => {
    const { db, projectId, annotatorId } = await judgedProject(300, 10);
    const project = await WorkerProject.open(db, projectId, annotatorId, () => {}, new FakeDisk(0));
    await project.useModel(tiny.model(), tiny.loaded());
    expect(project.status().problem).toMatch(
      new RegExp(`^Embedding stopped at 0 of 300 tasks\\. Not enough free storage on this device: embedding 300 tasks needs about ${Math.round((300 * storedEmbeddingBytes(3 * tiny.encoder().dims)) / 1000)} KB`),
    );
    expect(await db.embeddings.count()).toBe(0);
    expect(project.suggest('t20')).toMatchObject({ taskId: 't20' });
    project.close();

    const roomy = await WorkerProject.open(db, projectId, annotatorId, () => {}, new FakeDisk(50 * GIB));
    await roomy.useModel(tiny.model(), tiny.loaded());
    expect(await db.embeddings.count()).toBe(300);
    roomy.close();
  });
});
